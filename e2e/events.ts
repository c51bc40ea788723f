/*
 * `npm run test:e2e:events` (add `--queue` for queue mode): the SailPoint Event Trigger inside
 * a real n8n. Publishing the pre-approval example subscribes n8n's production webhook URL in the
 * sandbox's ISC trigger service; the sandbox then fires access request events at n8n as ISC
 * does (with the subscription's bearer secret), the workflow decides (access profiles only:
 * passed on; anything else: denied) and the sandbox records the answer n8n gave. A call without
 * the secret gets 401 and starts nothing; "Later With Complete Invocation" answers through
 * SailPoint Approvals → Complete Invocation; unpublishing deletes the subscription. The
 * subscription's secret is in none of n8n's answers to publishing and unpublishing, the
 * workflow as the REST API and `n8n export:workflow` give it (its static data holds only a
 * fingerprint, and that fingerprint sent as a secret gets 401). With `--queue`: Redis, main
 * (webhooks) and a worker (executions), the same cases; with `--latest`, the newest n8n (e2e/latest).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ISC_TOKEN } from '../test/sandbox/isc';
import { TRIGGERS, type Invocation } from '../test/sandbox/iscTriggers';
import { ourNode, sailPointApprovals, SAILPOINT_CREDENTIAL, workflow } from '../test/n8n/builder';
import { SECRETS } from '../test/n8n/credentials';
import { EXAMPLES, loadExample } from './lib/examples';
import type { N8nServer } from '../test/n8n/n8n';
import { latestN8n, pinnedN8n } from '../test/n8n/paths';
import { stopEverythingOnSignal } from '../test/n8n/processes';
import { queueModeEnv, startRedis } from '../test/n8n/redis';
import { nodeOutput, type ExecutionDetails } from '../test/n8n/rest';
import { TestRun } from './lib/runner';
import { startSession, type Session } from '../test/n8n/session';
import { SAILPOINT_PACKAGE } from '../test/harness/packages';

const PRE_APPROVAL = 'idn:access-request-pre-approval';
const queue = process.argv.includes('--queue');
const install = process.argv.includes('--latest') ? latestN8n : pinnedN8n;
const EXAMPLE_ID = EXAMPLES.preApproval.id;

const LATER_ID = 'e2eEventsLater01';
const later = workflow(LATER_ID, 'e2e: pre-approval answered later', [
	ourNode('sailPointEventTrigger', 'SailPoint Event Trigger', { event: PRE_APPROVAL, callAuthentication: 'basicAuth', respond: 'completeInvocation', responseDeadline: 'PT15M' }, { sailPointIscApi: SAILPOINT_CREDENTIAL }, { webhookId: '3f9c1e2d-4b5a-4c6d-8e7f-000000000018' }),
	sailPointApprovals('Complete Invocation', {
		resource: 'triggerInvocation',
		operation: 'complete',
		invocationId: "={{ $('SailPoint Event Trigger').item.json.invocation.id }}",
		invocationSecret: "={{ $('SailPoint Event Trigger').item.json.invocation.secret }}",
		answer: 'decision',
		approved: "={{ $json.requestedItems.every(item => item.type === 'ACCESS_PROFILE') }}",
		comment: 'Decided later by n8n',
		approver: 'n8n',
	}),
]);

const lowRisk = TRIGGERS.find((entry) => entry.id === PRE_APPROVAL)!.exampleInput;
const risky = {
	...lowRisk,
	accessRequestId: '2c91808b6ef1d43e016efba0ce47e2e0',
	requestedItems: [{ id: '2c91808b6ef1d43e016efba0ce4701e5', name: 'Domain Admins', type: 'ROLE', operation: 'Add', comment: 'Please' }],
};

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new assert.AssertionError({ message: `timed out after ${timeoutMs} ms waiting for ${what}` });
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

function succeeded(execution: ExecutionDetails): void {
	const error = execution.data.resultData.error;
	assert.equal(execution.status, 'success', `execution ${execution.id} ended "${execution.status}": ${error?.message ?? ''} ${error?.description ?? ''}`);
}

function register(run: TestRun, session: Session, workers: N8nServer[]): void {
	const { sandbox, rest } = session;
	const triggers = sandbox.triggers;
	const seen: string[] = [];
	const ranOnWorker = (execution: ExecutionDetails) => {
		if (!queue) return;
		assert.match(session.main.process.log, new RegExp(`Enqueued execution ${execution.id} \\(job`), `main enqueued #${execution.id}`);
		assert.ok(workers.some((worker) => worker.process.log.includes(`Worker finished execution ${execution.id} (job`)), `a worker ran #${execution.id}`);
	};

	/** Texts n8n gives anyone who can read the workflow: none may hold a subscription's secret. */
	const readable: Array<{ what: string; text: string }> = [];
	const workflowAsRead = async (workflowId: string, when: string) => {
		readable.push({ what: `GET /rest/workflows/${workflowId} ${when}`, text: JSON.stringify(await rest.call('GET', `/workflows/${workflowId}`)) });
		const file = join(session.home.userFolder, `export-${workflowId}-${readable.length}.json`);
		await session.home.cli(['export:workflow', `--id=${workflowId}`, `--output=${file}`]);
		readable.push({ what: `n8n export:workflow ${when}`, text: readFileSync(file, 'utf8') });
	};
	const subscriptionSecret = () => {
		const http = triggers.subscriptions[0]?.httpConfig;
		const secret = http?.bearerTokenAuthConfig?.bearerToken ?? http?.basicAuthConfig?.password;
		assert.ok(typeof secret === 'string' && secret.length >= 40, 'the subscription has a secret');
		return secret;
	};
	const secretsGiven: string[] = [];

	run.test('Publishing the pre-approval example subscribes n8n\'s production URL with a bearer secret', async () => {
		triggers.reset();
		readable.push({ what: 'the answer to POST /rest/workflows/:id/activate', text: JSON.stringify(await rest.activate(EXAMPLE_ID)) });
		assert.equal(triggers.subscriptions.length, 1);
		const [subscription] = triggers.subscriptions;
		assert.equal(subscription.triggerId, PRE_APPROVAL);
		assert.equal(subscription.httpConfig?.httpDispatchMode, 'SYNC');
		assert.equal(subscription.httpConfig?.httpAuthenticationType, 'BEARER_TOKEN');
		assert.ok(subscription.httpConfig?.url.startsWith(`${session.main.url}/webhook/`), `the URL ${subscription.httpConfig?.url} is n8n's production webhook URL`);
		secretsGiven.push(subscriptionSecret());
	});

	run.test('The workflow as the REST API and n8n export:workflow give it holds a fingerprint, not the secret', async () => {
		await workflowAsRead(EXAMPLE_ID, 'while published');
		const secret = subscriptionSecret();
		for (const { what, text } of readable) assert.ok(!text.includes(secret), `the subscription's secret is in ${what}`);
		// The static data was saved (so the check above looked at it): the subscription's ID and its fingerprint.
		const workflow = await rest.call<{ staticData?: unknown }>('GET', `/workflows/${EXAMPLE_ID}`);
		const staticText = JSON.stringify(workflow.staticData ?? null);
		assert.ok(staticText.includes(triggers.subscriptions[0].id), `the static data names the subscription: ${staticText}`);
		assert.match(staticText, /"verifier":"[A-Za-z0-9_-]{43}"/);
		process.stdout.write(`    static data: ${staticText.replace(/("verifier":")[^"]+/, '$1…')}\n`);
	});

	run.test('A call without the secret, or with a wrong one, gets 401 and starts no execution', async () => {
		const url = triggers.subscriptions[0].httpConfig!.url;
		const before = await rest.latestExecutionId();
		const workflow = await rest.call<{ staticData?: unknown }>('GET', `/workflows/${EXAMPLE_ID}`);
		const verifier = /"verifier":"([^"]+)"/.exec(JSON.stringify(workflow.staticData ?? null))?.[1];
		assert.ok(verifier, 'the static data has a fingerprint');
		// Whoever reads the workflow learns the fingerprint: it does not open the webhook.
		const forged = [{}, { Authorization: 'Bearer not-the-secret' }, { Authorization: `Bearer ${verifier}` }, { Authorization: `Basic ${Buffer.from(`n8n:${verifier}`).toString('base64')}` }];
		for (const headers of forged as Array<Record<string, string>>) {
			const answer = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(lowRisk) });
			assert.equal(answer.status, 401);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
		assert.deepEqual(await rest.executionsAfter(EXAMPLE_ID, before), []);
	});

	run.test('ISC fires access request events: a low-risk one is passed on, a risky one denied; ISC records n8n\'s answers', async () => {
		const before = await rest.latestExecutionId();
		const [low] = triggers.fire(PRE_APPROVAL, lowRisk);
		await triggers.settled();
		const [high] = triggers.fire(PRE_APPROVAL, risky);
		await triggers.settled();
		for (const invocation of [low, high]) assert.equal(invocation.status, 'COMPLETED', `invocation ${invocation.id}: ${invocation.error ?? ''} ${JSON.stringify(invocation.delivery)}`);
		assert.deepEqual(low.output, { approved: true, comment: 'Low risk: Engineering Access (access profiles only). Passed on to the approvers.', approver: 'n8n' });
		assert.deepEqual(high.output, { approved: false, comment: 'Denied by n8n: Domain Admins (ROLE, Add) needs a request reviewed by a person.', approver: 'n8n' });
		const executions = await rest.executionsAfter(EXAMPLE_ID, before);
		assert.equal(executions.length, 2);
		for (const summary of executions) {
			const execution = await rest.execution(summary.id);
			seen.push(execution.raw);
			succeeded(execution);
			ranOnWorker(execution);
		}
		process.stdout.write(`    answers: ${JSON.stringify(low.output)} / ${JSON.stringify(high.output)}\n`);
	});

	run.test('ISC\'s test invocation (Admin → Event Triggers → Test) reaches the workflow too', async () => {
		const answer = await fetch(`${sandbox.url}/trigger-invocations/v1/test`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${ISC_TOKEN}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ triggerId: PRE_APPROVAL, contentJson: {} }),
		});
		assert.equal(answer.status, 200);
		await triggers.settled();
		const test = triggers.invocations.at(-1)!;
		assert.equal(test.type, 'TEST');
		assert.equal(test.status, 'COMPLETED', test.error ?? '');
		assert.equal((test.output as { approved: boolean }).approved, true);
	});

	run.test('Unpublishing deletes the subscription; nothing reaches n8n any more; n8n\'s answer holds no secret', async () => {
		const secret = subscriptionSecret();
		const answer = JSON.stringify(await rest.deactivate(EXAMPLE_ID));
		assert.ok(!answer.includes(secret), 'the answer to POST /rest/workflows/:id/deactivate holds the secret');
		assert.deepEqual(triggers.subscriptions, []);
		assert.deepEqual(triggers.fire(PRE_APPROVAL, lowRisk), []);
	});

	run.test('"Later With Complete Invocation" (Basic auth): n8n acknowledges, then Complete Invocation answers before the deadline', async () => {
		triggers.reset();
		readable.push({ what: 'the answer to activating the ASYNC workflow', text: JSON.stringify(await rest.activate(LATER_ID)) });
		try {
			secretsGiven.push(subscriptionSecret());
			await workflowAsRead(LATER_ID, 'while published (Basic auth)');
			const [subscription] = triggers.subscriptions;
			assert.equal(subscription.httpConfig?.httpDispatchMode, 'ASYNC');
			assert.equal(subscription.httpConfig?.httpAuthenticationType, 'BASIC_AUTH');
			assert.equal(subscription.responseDeadline, 'PT15M');
			const before = await rest.latestExecutionId();
			const [invocation] = triggers.fire(PRE_APPROVAL, risky);
			await triggers.settled();
			assert.equal(invocation.delivery?.status, 200);
			const execution = await rest.waitForExecution(LATER_ID, before, 30_000);
			succeeded(execution);
			ranOnWorker(execution);
			await waitUntil(() => (invocation as Invocation).status !== 'PENDING', 10_000, 'the complete call');
			assert.equal(invocation.status, 'COMPLETED', invocation.error ?? '');
			assert.equal(invocation.answeredBy, 'complete');
			assert.deepEqual(invocation.output, { approved: false, comment: 'Decided later by n8n', approver: 'n8n' });
			assert.deepEqual(nodeOutput(execution, 'Complete Invocation')?.map((item) => item.json.completed), [true]);
			// The item of an event answered later carries the invocation's secret (Complete Invocation needs it).
			const event = nodeOutput(execution, 'SailPoint Event Trigger')?.[0].json as { invocation?: { secret?: unknown } } | undefined;
			assert.equal(typeof event?.invocation?.secret, 'string');
		} finally {
			readable.push({ what: 'the answer to unpublishing the ASYNC workflow', text: JSON.stringify(await rest.deactivate(LATER_ID)) });
		}
		assert.deepEqual(triggers.subscriptions, []);
	});

	run.test('No subscription secret in any answer or export of the workflows, nor in n8n\'s logs or stored executions', async () => {
		assert.equal(secretsGiven.length, 2);
		const texts = [...readable, ...seen.map((text) => ({ what: 'a stored execution', text })), { what: 'the main log', text: session.main.process.log }, ...workers.map((worker) => ({ what: 'a worker log', text: worker.process.log }))];
		for (const { what, text } of texts) for (const secret of secretsGiven) assert.ok(!text.includes(secret), `a subscription secret is in ${what}`);
		process.stdout.write(`    checked ${readable.length} REST answers and exports and ${texts.length - readable.length} logs and executions for ${secretsGiven.length} secrets\n`);
	});

	run.test('No ISC token shows in n8n\'s logs or stored executions', async () => {
		const texts = [...seen, session.main.process.log, ...workers.map((worker) => worker.process.log)];
		for (const text of texts) for (const secret of SECRETS) assert.ok(!text.includes(secret), `a token leaked into: ${text.slice(0, 200)}`);
	});
}

async function main(): Promise<void> {
	const started = Date.now();
	const run = new TestRun(`End-to-end: SailPoint Event Trigger inside a real n8n (${install.label}${queue ? ', queue mode: main + worker' : ''})`);
	stopEverythingOnSignal();
	let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
	let session: Session | undefined;
	const workers: N8nServer[] = [];
	try {
		let sharedEnv: Record<string, string> | undefined;
		if (queue) {
			redis = await startRedis();
			sharedEnv = queueModeEnv(redis.port);
		}
		// E2E_SKIP_BUILD=1 packs the dist/ already built (when running both modes one after the other).
		session = await startSession({ install, packages: [SAILPOINT_PACKAGE], workflows: [loadExample('preApproval'), later], activate: [], sharedEnv, skipBuild: process.env.E2E_SKIP_BUILD === '1' });
		if (queue) workers.push(await session.home.start('worker', {}, 'worker-1'));
		register(run, session, workers);
		await run.run();
	} catch (error) {
		run.fail('set-up', error);
	} finally {
		const failed = run.failures.length > 0;
		for (const worker of workers) await worker.stop();
		await session?.stop({ keepHome: failed });
		await redis?.stop();
		if (failed && session) process.stdout.write(`\nn8n home and logs kept for inspection: ${session.home.userFolder}\n`);
	}
	process.stdout.write(`\nTotal time ${((Date.now() - started) / 1000).toFixed(1)}s\n${run.summary()}\n`);
	process.exitCode = run.failures.length > 0 ? 1 : 0;
}

void main();

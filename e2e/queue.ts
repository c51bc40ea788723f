/*
 * `npm run test:e2e:queue`: the nodes in n8n's queue mode. Debian's redis-server on
 * 127.0.0.1, `n8n start` with EXECUTIONS_MODE=queue (it only enqueues) and two `n8n worker`
 * processes (each with its own task-broker port) that run the executions. The ticket chain
 * runs several times; each run must be enqueued by the main process, finished by a worker, and
 * give the right result, so nothing may rely on state kept inside one process.
 */
import assert from 'node:assert/strict';

import type { Sandbox } from '../test/sandbox/server';
import { seedTickets, ticketGuid } from '../test/sandbox/tpp';
import type { N8nServer } from '../test/n8n/n8n';
import { pinnedN8n } from '../test/n8n/paths';
import { stopEverythingOnSignal } from '../test/n8n/processes';
import { queueModeEnv, startRedis } from '../test/n8n/redis';
import { nodeOutput } from '../test/n8n/rest';
import { TestRun } from './lib/runner';
import { startSession, type Session } from '../test/n8n/session';
import { VENAFI_PACKAGE } from '../test/harness/packages';
import { ticketChain, ticketTriggerWorkflow } from './workflows';

const RUNS = 4;

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

function resetTickets(sandbox: Sandbox): void {
	sandbox.tpp.tickets.clear();
	for (const ticket of seedTickets(RUNS + 2)) sandbox.tpp.tickets.set(ticket.GUID.toLowerCase(), ticket);
	sandbox.clearLog();
}

async function main(): Promise<void> {
	const started = Date.now();
	const run = new TestRun('Queue mode: Redis + n8n main (enqueues) + 2 workers (execute)');
	stopEverythingOnSignal();
	let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
	let session: Session | undefined;
	const workers: N8nServer[] = [];
	try {
		redis = await startRedis();
		process.stdout.write(`redis-server on 127.0.0.1:${redis.port}\n`);
		const queueEnv = queueModeEnv(redis.port);
		session = await startSession({
			install: pinnedN8n,
			packages: [VENAFI_PACKAGE],
			workflows: [ticketChain.workflow, ticketTriggerWorkflow.workflow],
			activate: [ticketChain.id],
			sharedEnv: queueEnv,
		});
		for (const name of ['worker-1', 'worker-2']) {
			const worker = await session.home.start('worker', {}, name);
			workers.push(worker);
			process.stdout.write(`  ${name} ready (${(worker.startupMs / 1000).toFixed(1)}s)\n`);
		}
		const active = session;

		run.test(`the chain runs ${RUNS} times, each enqueued by main and executed by a worker`, async () => {
			resetTickets(active.sandbox);
			for (let index = 1; index <= RUNS; index++) {
				const guid = ticketGuid(index);
				const { execution } = await active.rest.trigger(ticketChain.id, ticketChain.path, { items: [{ guid }] });
				assert.equal(execution.status, 'success', `run ${index}: ${execution.data.resultData.error?.message ?? ''}`);
				const after = nodeOutput(execution, 'Get Details Again') ?? [];
				assert.equal(after.length, 1, `run ${index}: the approved ticket was read again`);
				assert.equal(after[0].json.GUID, guid);
				assert.equal(after[0].json.Status, 'Approved');
				assert.equal(active.sandbox.tpp.tickets.get(guid)!.Status, 'Approved');

				assert.match(active.main.process.log, new RegExp(`Enqueued execution ${execution.id} \\(job`), `main enqueued #${execution.id}`);
				const ranOn = workers.filter((worker) => new RegExp(`Worker finished execution ${execution.id} \\(job`).test(worker.process.log));
				assert.equal(ranOn.length, 1, `execution #${execution.id} finished on exactly one worker`);
				process.stdout.write(`    execution #${execution.id} (ticket ${guid}): enqueued by main, run by ${ranOn[0].process.name}\n`);
			}
			assert.equal(active.sandbox.tpp.updates, RUNS, 'one UpdateStatus per run');
			assert.doesNotMatch(active.main.process.log, /Worker started execution/, 'main itself executed nothing');
		});

		run.test('a ticket that is no longer Pending is left alone (IF false branch on a worker)', async () => {
			const guid = ticketGuid(1);
			const { execution } = await active.rest.trigger(ticketChain.id, ticketChain.path, { items: [{ guid }] });
			assert.equal(execution.status, 'success');
			assert.equal((nodeOutput(execution, 'Status is Pending', 1) ?? []).length, 1, 'went down the false branch');
			assert.equal(nodeOutput(execution, 'Approve'), undefined, 'no update attempted');
			assert.ok(workers.some((worker) => worker.process.log.includes(`Worker finished execution ${execution.id} (job`)));
		});

		run.test('Venafi Ticket Trigger: main polls, a worker runs what it emits (only the new ticket)', async () => {
			resetTickets(active.sandbox);
			const before = await active.rest.latestExecutionId();
			const enumerations = () => active.sandbox.requests.filter((request) => /\/ticket\/enumerate$/i.test(request.path)).length;
			await active.rest.activate(ticketTriggerWorkflow.id);
			try {
				// Publishing polls once: the existing tickets are recorded. Publishing again polls
				// again, with the memory read back from the database.
				await waitUntil(() => enumerations() >= 1, 20_000);
				const added = active.sandbox.tpp.addTicket({ Blocking: '\\VED\\Policy\\Certificates\\queued.venafi.example' });
				const polled = enumerations();
				await active.rest.deactivate(ticketTriggerWorkflow.id);
				await active.rest.activate(ticketTriggerWorkflow.id);
				await waitUntil(() => enumerations() > polled, 20_000);
				const execution = await active.rest.waitForExecution(ticketTriggerWorkflow.id, before, 20_000);
				assert.equal(execution.status, 'success');
				assert.deepEqual((nodeOutput(execution, 'Venafi Ticket Trigger') ?? []).map((item) => item.json.GUID), [added]);
				assert.match(active.main.process.log, new RegExp(`Enqueued execution ${execution.id} \\(job`));
				const ranOn = workers.filter((worker) => worker.process.log.includes(`Worker finished execution ${execution.id} (job`));
				assert.equal(ranOn.length, 1, 'a worker ran the emitted execution');
				process.stdout.write(`    trigger execution #${execution.id} (new ticket ${added}): run by ${ranOn[0].process.name}\n`);
			} finally {
				await active.rest.deactivate(ticketTriggerWorkflow.id);
			}
		});

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

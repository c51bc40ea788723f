/*
 * `npm run test:e2e:flow`: the Venafi Flow Ticket node, its trigger and the CodeSign approval
 * example inside a real n8n, against the sandbox's Flow calls. Its own session (and script) so
 * that it runs beside the main suite without touching it; the same helpers and conventions.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Sandbox } from '../test/sandbox/server';
import { TPP_TOKEN } from '../test/sandbox/tpp';
import { ourNode, VENAFI_CREDENTIAL, webhook, workflow, type Workflow, type WorkflowNode } from '../test/n8n/builder';
import { SECRETS } from '../test/n8n/credentials';
import { examplesDir, latestN8n, pinnedN8n } from '../test/n8n/paths';
import { runE2e } from './lib/main';
import { VENAFI_PACKAGE } from '../test/harness/packages';
import { PolledWorkflow, waitUntil } from './lib/polling';
import { nodeOutput, type ExecutionDetails } from '../test/n8n/rest';
import type { TestRun } from './lib/runner';
import type { Session } from '../test/n8n/session';

const install = process.argv.includes('--latest') ? latestN8n : pinnedN8n;
const seen: string[] = [];

const flowNode = (name: string, parameters: Record<string, unknown>, extra: Partial<WorkflowNode> = {}) =>
	ourNode('venafiFlowTicket', name, { resource: 'flowTicket', ...parameters }, { venafiTppApi: VENAFI_CREDENTIAL }, extra);
const ids = { __rl: true, mode: 'id', value: '={{ $json.body.ids }}' };

function hook(id: string, path: string, name: string, nodes: WorkflowNode[]) {
	return { id, path, workflow: workflow(id, `e2e: ${name}`, [webhook(path), ...nodes]) };
}

const LIST = hook('e2eFlowList00001', 'e2e-flow-list', 'Flow Count + Get Many Pending', [
	flowNode('Count Pending', { operation: 'countPending' }),
	flowNode('Get Many Pending', { operation: 'getManyPending', returnAll: true, filters: {} }),
	flowNode('Get Many Approved', { operation: 'getManyApproved', returnAll: false, limit: 10, filters: {} }, { executeOnce: true } as Partial<WorkflowNode>),
]);
const APPROVE = hook('e2eFlowApprove01', 'e2e-flow-approve', 'Flow Approve', [
	flowNode('Approve', {
		operation: 'approve',
		ticketId: ids,
		comment: '={{ $json.body.comment }}',
		options: { expires: '={{ $now.plus(1, "hour").toISO() }}', useCount: 2 },
	}),
]);
const REJECT = hook('e2eFlowReject001', 'e2e-flow-reject', 'Flow Reject', [
	flowNode('Reject', { operation: 'reject', ticketId: ids, comment: '={{ $json.body.comment }}', rejectionLevel: 2 }),
]);
const UPDATE = hook('e2eFlowUpdate001', 'e2e-flow-update', 'Flow Update', [
	flowNode('Update', { operation: 'update', ticketId: ids, comment: 'e2e', updateFields: { useCount: '={{ $json.body.useCount }}' } }),
]);
const GET = hook('e2eFlowGet000001', 'e2e-flow-get', 'Flow Get (Continue On Fail)', [
	flowNode('Get', { operation: 'get', ticketId: ids }, { onError: 'continueRegularOutput' }),
]);
// Version 3 (new nodes): success beside Result, and whether each ticket is now approved.
const APPROVE_V3 = hook('e2eFlowApproveV3', 'e2e-flow-approve-v3', 'Flow Approve version 3', [
	flowNode('Approve', { operation: 'approve', ticketId: ids, comment: '={{ $json.body.comment }}', options: {} }, { typeVersion: 3 }),
]);
// Version 3 names the identities the tickets name by ID (Identity/Validate, once per execution each).
const NAMES_V3 = hook('e2eFlowNamesV301', 'e2e-flow-names-v3', 'Flow Get Many Pending + Get version 3 (names)', [
	flowNode('Get Many Pending', { operation: 'getManyPending', returnAll: true, filters: {} }, { typeVersion: 3, executeOnce: true } as Partial<WorkflowNode>),
	flowNode('Get', { operation: 'get', ticketId: { __rl: true, mode: 'id', value: '={{ $json.Id }}' } }, { typeVersion: 3 }),
]);
const HOOKS = [LIST, APPROVE, REJECT, UPDATE, GET, APPROVE_V3, NAMES_V3];

const TRIGGER_ID = 'e2eFlowTrigger01';
const triggerWorkflow: Workflow = workflow(TRIGGER_ID, 'e2e: Venafi Flow Ticket Trigger', [
	ourNode('venafiFlowTicketTrigger', 'Venafi Flow Ticket Trigger', { pollTimes: { item: [{ mode: 'everyMinute' }] }, productCode: 0, options: {} }, {
		venafiTppApi: VENAFI_CREDENTIAL,
	}),
	{ id: 'a3b0c1d2-0000-4000-8000-00000000f10e', name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
]);

const EXAMPLE_ID = 'exCodeSignApprov';
const example = { ...(JSON.parse(readFileSync(join(examplesDir, 'venafi-codesign-approval.json'), 'utf8')) as Workflow), id: EXAMPLE_ID, active: false };

function items(execution: ExecutionDetails, node: string) {
	const found = nodeOutput(execution, node);
	assert.ok(found, `node "${node}" did not run; nodes that ran: ${Object.keys(execution.data.resultData.runData).join(', ')}`);
	return found.map((item) => item.json);
}

function succeeded(execution: ExecutionDetails): void {
	const error = execution.data.resultData.error;
	assert.equal(execution.status, 'success', `execution ${execution.id} ended "${execution.status}": ${error?.message ?? ''} ${error?.description ?? ''}`);
}

function validated(sandbox: Sandbox): string[] {
	return sandbox.requests
		.filter((request) => request.path === '/vedsdk/Identity/Validate')
		.map((request) => String(((request.body as { ID?: { PrefixedUniversal?: string } }).ID ?? {}).PrefixedUniversal));
}

function flowRequests(sandbox: Sandbox, endpoint: string) {
	return sandbox.requests.filter((request) => request.path === `/vedsdk/Flow/Tickets/${endpoint}`);
}

function register(run: TestRun, session: Session): void {
	const { sandbox, rest } = session;
	const flow = sandbox.tpp.flow;
	const test = (name: string, fn: () => Promise<void>) =>
		run.test(name, async () => {
			flow.reset();
			sandbox.clearLog();
			await fn();
		});
	const call = async (target: (typeof HOOKS)[number], body: unknown) => {
		const result = await rest.trigger(target.id, target.path, body);
		seen.push(result.answer.text, result.execution.raw);
		return result.execution;
	};

	test('Count Pending, Get Many Pending (every page) and Get Many Approved', async () => {
		const execution = await call(LIST, {});
		succeeded(execution);
		assert.deepEqual(items(execution, 'Count Pending'), [{ Count: 4, status: 'Pending' }]);
		const pending = items(execution, 'Get Many Pending');
		assert.deepEqual(pending.map((ticket) => ticket.Id), [11, 12, 13, 14]);
		assert.equal(pending[0].reason, 'Sign release build 11');
		assert.match(String(pending[0].CreationTime), /^2026-11-01T09:11:00\.000Z$/);
		assert.deepEqual(items(execution, 'Get Many Approved').map((ticket) => ticket.Id), [21]);
	});

	test('Approve with a one-hour window and a use count; the counts follow', async () => {
		const before = Date.now();
		const execution = await call(APPROVE, { ids: '11, 12', comment: 'e2e approval' });
		succeeded(execution);
		assert.deepEqual(items(execution, 'Approve').map((item) => item.TicketId), [11, 12]);
		for (const id of [11, 12]) {
			const ticket = flow.tickets.get(id)!;
			assert.equal(ticket.status, 1);
			assert.equal(ticket.comment, 'e2e approval');
			assert.equal(ticket.useCount, 2);
			const expires = Date.parse(`${ticket.Expires}Z`);
			assert.ok(expires > before + 59 * 60_000 && expires <= Date.now() + 60 * 60_000 + 1000, `Expires ${ticket.Expires} is an hour from now`);
		}
		assert.deepEqual(flowRequests(sandbox, 'Approve').map((request) => (request.body as { TicketId: number }).TicketId), [11, 12]);
		const after = await call(LIST, {});
		assert.deepEqual(items(after, 'Count Pending'), [{ Count: 2, status: 'Pending' }]);
	});

	test('Approve version 3: success beside Result, and whether each ticket is now approved or still needs approvals', async () => {
		const execution = await call(APPROVE_V3, { ids: '11, 14', comment: 'e2e approval' });
		succeeded(execution);
		const [eleven, fourteen] = items(execution, 'Approve');
		assert.deepEqual(
			[eleven.TicketId, eleven.Result, eleven.success, eleven.approved, eleven.approvalsNeeded, eleven.RequiredApprovals],
			[11, 0, true, true, 0, 1],
		);
		assert.deepEqual(
			[fourteen.TicketId, fourteen.Result, fourteen.success, fourteen.approved, fourteen.approvalsNeeded, fourteen.RequiredApprovals],
			[14, 0, true, false, 1, 2],
		);
		// Who approved, by name.
		assert.deepEqual((fourteen.Approvals as Array<{ ApproverName?: string }>).map((approval) => approval.ApproverName), ['admin']);
		// One Load for both tickets after the approvals; the sandbox agrees with the output.
		assert.deepEqual(flowRequests(sandbox, 'Load').map((request) => request.body), [{ TicketIds: [11, 14] }]);
		assert.deepEqual([flow.tickets.get(11)!.status, flow.tickets.get(14)!.status], [1, 0]);
	});

	test('Get Many Pending and Get version 3: names beside the IDs; each distinct identity asked once per node run; version 1 asks none', async () => {
		const execution = await call(NAMES_V3, {});
		succeeded(execution);
		const requester = (id: number) => `local:{8b5211ec-ee45-4c98-9aa5-8cdfa6c127${id}}`;
		const admin = 'local:{e3fc9359-77cf-4940-bd1d-0c67433a76e5}';
		for (const node of ['Get Many Pending', 'Get']) {
			const tickets = items(execution, node);
			assert.deepEqual(tickets.map((ticket) => [ticket.Id, ticket.requestedByName]), [
				[11, 'Rita Requester'],
				[12, 'Sam Signer'],
				[13, requester(13)],
				[14, requester(14)],
			], node);
			for (const ticket of tickets) {
				const approvers = ticket.Approvers as string[];
				const names = ticket.ApproverNames as string[];
				assert.equal(names.length, approvers.length);
				assert.equal(names[approvers.indexOf(admin)], 'admin', `${node} ${String(ticket.Id)}: ${JSON.stringify(names)}`);
			}
		}
		// Six distinct identities (four requesters, the caller, ticket 14's second approver), asked
		// once by Get Many Pending and once by Get for its four items: twice each, not once per
		// ticket or item (the names are cached for each run of a node).
		const distinct = [requester(11), requester(12), requester(13), requester(14), admin, 'local:{a69f5174-4961-4781-b338-58f983b0b922}'].sort();
		assert.deepEqual(validated(sandbox).sort(), distinct.flatMap((id) => [id, id]));

		sandbox.clearLog();
		const v1 = await call(LIST, {});
		succeeded(v1);
		assert.ok(items(v1, 'Get Many Pending').every((ticket) => !('requestedByName' in ticket) && !('ApproverNames' in ticket)));
		assert.equal(validated(sandbox).length, 0);
	});

	test('Approve version 1 (as saved before) outputs what it did: no success, no approval state, no Load', async () => {
		const execution = await call(APPROVE, { ids: '12', comment: 'e2e approval' });
		succeeded(execution);
		const [output] = items(execution, 'Approve');
		assert.equal(output.Result, 0);
		assert.ok(!('success' in output) && !('approved' in output), `version 1 output: ${JSON.stringify(output)}`);
		assert.equal(flowRequests(sandbox, 'Load').length, 0);
	});

	test('Approve of a ticket no longer pending fails clearly, naming the Result code', async () => {
		const execution = await call(APPROVE, { ids: '21', comment: 'too late' });
		assert.equal(execution.status, 'error');
		assert.match(String(execution.data.resultData.error?.message), /^Venafi TPP Approve failed for ticket 21 \(Result 4 FailedToApproveTickets/);
	});

	test('Reject (Final) with the reason', async () => {
		const execution = await call(REJECT, { ids: '13', comment: 'Not a release build' });
		succeeded(execution);
		const ticket = flow.tickets.get(13)!;
		assert.deepEqual([ticket.status, ticket.rejectionLevel, ticket.comment], [2, 2, 'Not a release build']);
	});

	test('Update an approved ticket\'s use count; a pending one is refused with Result 11', async () => {
		succeeded(await call(UPDATE, { ids: '21', useCount: 5 }));
		assert.equal(flow.tickets.get(21)!.RemainingUses, 5);
		const refused = await call(UPDATE, { ids: '11', useCount: 5 });
		assert.match(String(refused.data.resultData.error?.message), /Result 11 FailedToUpdateTickets/);
	});

	test('Get several Ids; Continue On Fail turns an unknown Id into an error item', async () => {
		const good = await call(GET, { ids: '12, 21' });
		succeeded(good);
		assert.deepEqual(items(good, 'Get').map((ticket) => ticket.Id), [12, 21]);
		const bad = await call(GET, { ids: '404' });
		succeeded(bad);
		assert.match(String(items(bad, 'Get')[0].error), /Result 2 TicketNotFound/);
	});

	test('Flow Ticket Trigger: the first poll records, a new request is emitted once, memory kept by n8n', async () => {
		const trigger = new PolledWorkflow(rest, TRIGGER_ID, () => flowRequests(sandbox, 'Enumerate').length);
		let last = await rest.latestExecutionId();
		try {
			await trigger.publishAndExpectSilence(last, 'the first poll records and emits nothing');
			const added = flow.add();
			await trigger.pollNow('the poll after a new request');
			const first = await rest.waitForExecution(TRIGGER_ID, last, 20_000);
			seen.push(first.raw);
			succeeded(first);
			assert.deepEqual(items(first, 'Venafi Flow Ticket Trigger').map((ticket) => [ticket.Id, ticket.event]), [[added, 'new']]);
			last = Number(first.id);
			await trigger.expectNothingNew(last);
		} finally {
			await rest.deactivate(TRIGGER_ID);
		}
	});

	/**
	 * Publishes the CodeSign example, adds a signing request, lets the example's form wait for a
	 * decision and answers the form; returns the request's Id and the finished execution.
	 */
	const decideOnThePage = async (decision: 'Approve' | 'Reject', reason: string) => {
		const example = new PolledWorkflow(rest, EXAMPLE_ID, () => flowRequests(sandbox, 'Enumerate').length);
		const last = await rest.latestExecutionId();
		await rest.activate(EXAMPLE_ID);
		try {
			await waitUntil(() => example.polls() >= 1, 20_000, 'the first poll');
			const id = flow.add();
			await example.pollNow('the poll after a new request');
			let waiting = '';
			await waitUntil(async () => {
				const found = (await rest.executionsAfter(EXAMPLE_ID, last)).find((execution) => execution.status === 'waiting');
				waiting = found?.id ?? '';
				return waiting !== '';
			}, 20_000, 'the execution waiting for the form');
			// The link as the example gives it to the approver ("Ask the approver"'s formUrl,
			// $execution.resumeFormUrl): n8n 2.41 signs it, so it cannot be rebuilt from the id.
			const [asked] = items(await rest.execution(waiting), 'Ask the approver');
			const link = String(asked.formUrl);
			assert.ok(link.startsWith(`${session.main.url}/form-waiting/${waiting}`), `the form's link leads to this execution's page: ${link}`);
			const page = await fetch(link);
			assert.equal(page.status, 200);
			assert.match(await page.text(), new RegExp(`CodeSign approval request ${id}`));
			const form = new FormData();
			form.append('field-0', decision);
			form.append('field-1', reason);
			const submitted = await fetch(link, { method: 'POST', body: form });
			assert.ok(submitted.status < 400, `the form submission answered ${submitted.status}`);
			const done = await rest.waitForExecution(EXAMPLE_ID, last, 30_000);
			seen.push(done.raw);
			succeeded(done);
			return { id, done };
		} finally {
			await rest.deactivate(EXAMPLE_ID);
		}
	};

	test('Example "CodeSign approval on a page": published as is, a new request waits for the form; Approve gives a one-hour approval', async () => {
		const { id, done } = await decideOnThePage('Approve', 'Release 4.2 signed in e2e');
		assert.deepEqual(items(done, 'Approve for one hour').map((item) => item.TicketId), [id]);
		const ticket = flow.tickets.get(id)!;
		assert.equal(ticket.status, 1);
		assert.equal(ticket.comment, 'Approved in n8n: Release 4.2 signed in e2e');
		assert.ok(Math.abs(Date.parse(`${ticket.Expires}Z`) - (Date.now() + 60 * 60_000)) < 5 * 60_000, `Expires ${ticket.Expires} is about an hour away`);
	});

	test('Example "CodeSign approval on a page": Reject on the page rejects with the reason given', async () => {
		const { id, done } = await decideOnThePage('Reject', 'Not a release branch');
		assert.deepEqual(items(done, 'Reject with the reason').map((item) => item.TicketId), [id]);
		const ticket = flow.tickets.get(id)!;
		assert.deepEqual([ticket.status, ticket.comment, ticket.rejectionLevel], [2, 'Not a release branch', 1]);
		assert.equal(flowRequests(sandbox, 'Approve').length, 0, 'nothing approved');
	});

	test('No token appears in n8n\'s logs, webhook answers or stored executions', async () => {
		const texts = [...seen, session.main.process.log];
		assert.ok(texts.length > 10);
		for (const text of texts) for (const secret of [...SECRETS, TPP_TOKEN]) assert.ok(!text.includes(secret), `a token leaked into: ${text.slice(0, 200)}`);
	});
}

void runE2e('End-to-end: Venafi Flow tickets inside a real n8n', {
	install,
	packages: [VENAFI_PACKAGE],
	workflows: [...HOOKS.map((entry) => entry.workflow), triggerWorkflow, example],
	activate: HOOKS.map((entry) => entry.id),
}, register);

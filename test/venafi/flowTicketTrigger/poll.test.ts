import type { INodeParameters } from 'n8n-workflow';

import { VenafiFlowTicketTrigger } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicketTrigger/VenafiFlowTicketTrigger.node';
import { REMEMBERED_FLOW_TICKETS, rememberFlowTickets } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicketTrigger/flowTicketMemory';
import { expectNoSecrets } from '../../harness/assertions';
import { PollingTrigger, emitted, type PollResult } from '../../harness/poll';
import { runNode } from '../../harness/run';
import { TPP_TOKEN } from '../../sandbox/tpp';
import { OTHER_PRODUCT_CODE, codeSignTicket } from '../../sandbox/tppFlow';
import { useTppSandbox } from '../context';

const tpp = useTppSandbox();
const flow = () => tpp.sandbox.tpp.flow;
const trigger = (parameters: INodeParameters = {}) =>
	new PollingTrigger(new VenafiFlowTicketTrigger(), parameters, { credentials: tpp.credentials() });
const ids = (result: PollResult) => emitted(result).map((ticket) => ticket.Id);
const enumerates = () => tpp.sandbox.requests.filter((request) => request.path === '/vedsdk/Flow/Tickets/Enumerate');

beforeEach(() => flow().reset());

test('first activation records the pending tickets and emits nothing; an unchanged poll emits nothing', async () => {
	const active = trigger();
	expect(await active.activate()).toBeNull();
	expect(active.memory().seen).toEqual([11, 12, 13, 14]);
	expect(enumerates()).toHaveLength(1);
	expect(await active.poll()).toBeNull();
});

test('across polls: each new request is emitted once, with who asks, for which key, why and since when', async () => {
	const active = trigger();
	await active.activate();

	const first = flow().add({ Environment: [
		{ Key: 'Object DN', Value: '\\VED\\Code Signing\\Projects\\Mobile\\Environments\\Android key' },
		{ Key: 'Requested By', Value: 'AD+corp:jdoe' },
		{ Key: 'Comment', Value: 'Sign the 7.1 store build' },
	] });
	const poll1 = await active.poll();
	expect(ids(poll1)).toEqual([first]);
	expect(emitted(poll1)[0]).toMatchObject({
		event: 'new',
		Id: first,
		requestedBy: 'AD+corp:jdoe',
		object: '\\VED\\Code Signing\\Projects\\Mobile\\Environments\\Android key',
		reason: 'Sign the 7.1 store build',
		approvalsMissing: 1,
	});
	expect(emitted(poll1)[0].requestedAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);

	expect(await active.poll()).toBeNull();

	// Approved elsewhere: it leaves the list, which is not news.
	flow().tickets.get(12)!.status = 1;
	expect(await active.poll()).toBeNull();

	const second = flow().add();
	const third = flow().add();
	expect(ids(await active.poll())).toEqual([second, third]);
	expect(await active.poll()).toBeNull();
});

test('paging: a new ticket on a later page is found', async () => {
	flow().reset(Array.from({ length: 150 }, (_entry, index) => codeSignTicket(1000 + index)));
	const active = trigger();
	await active.activate();
	const late = flow().add({ Id: 5000 });
	expect(ids(await active.poll())).toEqual([late]);
	expect(enumerates().map((request) => (request.body as { TicketPageNumber: number }).TicketPageNumber)).toEqual([0, 1, 0, 1]);
});

test('Emit Existing Tickets: the first poll emits what is pending', async () => {
	const active = trigger({ options: { emitExisting: true } });
	const result = await active.activate();
	expect(ids(result)).toEqual([11, 12, 13, 14]);
	expect(emitted(result)[0]).toMatchObject({ event: 'existing' });
	expect(await active.poll()).toBeNull();
});

test('Product Code: only that product\'s tickets are watched, and a changed code starts afresh without a flood', async () => {
	const active = trigger({ productCode: OTHER_PRODUCT_CODE });
	await active.activate();
	expect(active.memory().seen).toEqual([13]);
	expect(enumerates()[0].body).toMatchObject({ ProductCode: OTHER_PRODUCT_CODE });
	flow().add();
	expect(await active.poll()).toBeNull();
	const other = flow().add({ ProductCode: OTHER_PRODUCT_CODE });
	expect(ids(await active.poll())).toEqual([other]);

	const changed = new PollingTrigger(new VenafiFlowTicketTrigger(), {}, {
		credentials: tpp.credentials(),
		savedStaticData: JSON.parse(active.saved),
	});
	expect(await changed.activate()).toBeNull();
});

test('a restart with the saved static data emits nothing old, then what is new', async () => {
	const active = trigger();
	await active.activate();
	const before = flow().add();
	expect(ids(await active.poll())).toEqual([before]);
	const restarted = active.restart();
	expect(await restarted.activate('init')).toBeNull();
	const after = flow().add();
	expect(ids(await restarted.poll())).toEqual([after]);
});

test('memory stays bounded: the Ids that left the list longest ago go first', () => {
	const full = Array.from({ length: REMEMBERED_FLOW_TICKETS }, (_entry, index) => index + 1);
	const next = rememberFlowTickets(full, [REMEMBERED_FLOW_TICKETS + 1, 7]);
	expect(next).toHaveLength(REMEMBERED_FLOW_TICKETS);
	expect(next[0]).toBe(2);
	expect(next.slice(-2)).toEqual([REMEMBERED_FLOW_TICKETS + 1, 7]);
});

test('an Enumerate failure stops the poll with its Result code, and the token is not shown', async () => {
	const active = trigger();
	await active.activate();
	tpp.sandbox.queue('/vedsdk/Flow/Tickets/Enumerate', { status: 200, body: { Result: 1, Message: 'Access denied' } });
	await expect(active.poll()).rejects.toThrow(
		'Venafi TPP Flow Ticket Trigger failed (Result 1 InsufficientPermission: the caller is not an approver of this ticket (or lacks the permission for the call). TPP said: Access denied)',
	);
	expect(JSON.stringify(active.memory())).not.toContain(TPP_TOKEN);
	expect(await active.poll()).toBeNull();
});

describe('manual test run (through WorkflowExecute, as the editor runs it)', () => {
	const testRun = async (parameters: INodeParameters) => {
		const result = await runNode(new VenafiFlowTicketTrigger(), parameters, { credentials: tpp.credentials() });
		expectNoSecrets(result, TPP_TOKEN);
		return result;
	};

	test('shows the pending tickets now', async () => {
		const result = await testRun({});
		expect(result.items.map((item) => item.json.Id)).toEqual([11, 12, 13, 14]);
		expect(result.items[0].json).toMatchObject({ event: 'existing', reason: 'Sign release build 11' });
	});

	test('with none pending it says so clearly', async () => {
		flow().reset([]);
		const result = await testRun({ productCode: 77 });
		expect(result.error?.message).toBe('No pending Flow tickets for product 77 wait for your approval yet');
	});
});

test('the trigger is a polling trigger, not a tool, and registered in the package', () => {
	const { description } = new VenafiFlowTicketTrigger();
	expect(description).toMatchObject({ name: 'venafiFlowTicketTrigger', polling: true, inputs: [] });
	expect(description.usableAsTool).toBeUndefined();
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const pkg = require('../../../packages/venafi-tpp/package.json') as { n8n: { nodes: string[] } };
	expect(pkg.n8n.nodes).toEqual(
		expect.arrayContaining([
			'dist/nodes/Venafi/VenafiFlowTicket/VenafiFlowTicket.node.js',
			'dist/nodes/Venafi/VenafiFlowTicketTrigger/VenafiFlowTicketTrigger.node.js',
		]),
	);
});

import type { INodeParameters } from 'n8n-workflow';

import { WorkItems } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { WorkItemsTrigger } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItemsTrigger/WorkItemsTrigger.node';
import { expectNoSecrets } from '../../harness/assertions';
import { PollingTrigger, emitted } from '../../harness/poll';
import { runNode } from '../../harness/run';
import { ISC_IDENTITY_ID, ISC_TOKEN, type IscSpelling } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/**
 * SailPoint's current specs spell work item states and types `Pending`, `Approval` (and give
 * approval items as a list); the seed's v3 reference page `PENDING`, `APPROVAL` (one object).
 * Everything that matches on them works with both, and outputs what ISC sent unchanged.
 */
const isc = useIscSandbox();
const state = () => isc.sandbox.isc;

const SPELLINGS: Array<[IscSpelling, Record<string, string>]> = [
	['current', { PENDING: 'Pending', FINISHED: 'Finished', RETURNED: 'Returned', APPROVAL: 'Approval' }],
	['seed', { PENDING: 'PENDING', FINISHED: 'FINISHED', RETURNED: 'RETURNED', APPROVAL: 'APPROVAL' }],
];

describe.each(SPELLINGS)('ISC answering in the %s spelling', (spelling, spelled) => {
	beforeEach(() => {
		state().spelling = spelling;
	});
	const trigger = (parameters: INodeParameters = {}) =>
		new PollingTrigger(new WorkItemsTrigger(), parameters, { credentials: isc.credentials() });
	const run = async (operation: string, parameters: INodeParameters = {}) => {
		const result = await runNode(
			new WorkItems(),
			{ operation, requestOptions: { paceRequests: false }, ...parameters },
			{ credentials: isc.credentials() },
		);
		expectNoSecrets(result, ISC_TOKEN);
		return result;
	};

	test('the trigger emits each new pending work item once, as ISC spelled it, and not finished ones', async () => {
		const active = trigger();
		expect(await active.activate()).toBeNull();
		const fresh = state().addWorkItem();
		const quick = state().addWorkItem();
		state().finish(quick.id);
		const poll = emitted(await active.poll());
		expect(poll.map((item) => item.id)).toEqual([fresh.id]);
		expect(poll[0]).toMatchObject({ event: 'new', state: spelled.PENDING, type: spelled.APPROVAL });
		expect(await active.poll()).toBeNull();
	});

	test('the trigger\'s States option matches other states whatever their case', async () => {
		// Chosen in the editor (upper case values) or typed in an expression in any case.
		for (const states of [['RETURNED'], '={{ ["returned", "Pending"] }}']) {
			state().reseed(0);
			const active = trigger({ options: { states } });
			await active.activate();
			const back = state().addWorkItem({ state: 'RETURNED' });
			const fresh = state().addWorkItem();
			const expected = Array.isArray(states) ? [back.id] : [back.id, fresh.id];
			expect(emitted(await active.poll()).map((item) => item.id)).toEqual(expected);
		}
	});

	test('the trigger\'s test run shows the pending work items', async () => {
		const result = await runNode(new WorkItemsTrigger(), {}, { credentials: isc.credentials() });
		expect(result.error).toBeUndefined();
		const pending = state().workItems.filter((item) => item.ownerId === ISC_IDENTITY_ID && item.state === 'PENDING');
		expect(result.items.map((item) => item.json.id)).toEqual(pending.map((item) => item.id));
		expect(result.items.every((item) => item.json.state === spelled.PENDING)).toBe(true);
	});

	test('Get, Get Many and Get Many Completed output states and types as ISC sent them', async () => {
		const item = state().addWorkItem();
		const got = await run('get', { workItemId: item.id });
		expect(got.items[0].json).toMatchObject({ state: spelled.PENDING, type: spelled.APPROVAL });
		const many = await run('getAll', { returnAll: true });
		expect(many.items.find((entry) => entry.json.id === item.id)?.json.state).toBe(spelled.PENDING);

		const approved = await run('approveAll', { workItemId: item.id });
		expect(approved.items[0].json.state).toBe(spelled.FINISHED);
		const completed = await run('getManyCompleted', { returnAll: true });
		const done = completed.items.find((entry) => entry.json.id === item.id)?.json;
		expect(done?.state).toBe(spelled.FINISHED);
		// One approval item: a list of one in the current schema, the object itself in the seed's.
		expect([done?.approvalItems].flat()).toEqual([expect.objectContaining({ state: spelled.FINISHED })]);
	});
});

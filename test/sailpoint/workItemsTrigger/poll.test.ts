import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { WorkItems } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { WorkItemsTrigger } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItemsTrigger/WorkItemsTrigger.node';
import { REMEMBERED_WORK_ITEMS, remember } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItemsTrigger/workItemMemory';
import { expectNoSecrets } from '../../harness/assertions';
import { PollingTrigger, emitted, type PollResult } from '../../harness/poll';
import { runNode } from '../../harness/run';
import { ISC_IDENTITY_ID, ISC_OWNERS, ISC_TOKEN, ISC_USER_ID, ISC_USER_TOKEN } from '../../sandbox/isc';
import { ownedByMe, useIscSandbox } from '../context';

const isc = useIscSandbox();
const state = () => isc.sandbox.isc;

const FAST_RETRY = { maxDelayMs: 5, baseDelayMs: 1 };

const trigger = (parameters: INodeParameters = {}) =>
	new PollingTrigger(new WorkItemsTrigger(FAST_RETRY), parameters, { credentials: isc.credentials() });
const ids = (result: PollResult) => emitted(result).map((item) => item.id);
const seen = (active: PollingTrigger) => active.memory().seen as string[];
/** The seeded work items of the admin identity that are PENDING. */
const pendingMine = () =>
	state().workItems.filter((item) => item.ownerId === ISC_IDENTITY_ID && item.state === 'PENDING').map((item) => item.id);

test('first activation records the pending work items and emits nothing; an unchanged poll emits nothing', async () => {
	const active = trigger();
	expect(await active.activate()).toBeNull();
	expect(pendingMine().length).toBeGreaterThan(0);
	expect(seen(active)).toEqual(pendingMine());
	expect(isc.sandbox.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /v3/work-items']);
	expect(await active.poll()).toBeNull();
});

test('across polls: new work items are emitted once; seen, finished and other owners\' are not', async () => {
	const active = trigger();
	await active.activate();

	const first = state().addWorkItem();
	const poll1 = await active.poll();
	expect(ids(poll1)).toEqual([first.id]);
	expect(emitted(poll1)[0]).toMatchObject({ event: 'new', state: 'Pending', type: 'Approval', ownerId: ISC_IDENTITY_ID });
	expect(await active.poll()).toBeNull();

	// Arrived and finished between two polls: never seen pending, never emitted.
	const quick = state().addWorkItem();
	state().finish(quick.id);
	// Seen already, then finished: gone from the list, still remembered.
	state().finish(first.id);
	state().addWorkItem({ ownerId: ISC_USER_ID, ownerName: 'Ada Lovelace' });
	expect(await active.poll()).toBeNull();
	expect(seen(active)[0]).toBe(first.id);

	const second = state().addWorkItem();
	const third = state().addWorkItem({ type: 'FORM', approvals: 0 });
	expect(ids(await active.poll())).toEqual([second.id, third.id]);
});

test('a restart with the saved static data emits nothing old, then what is new', async () => {
	const active = trigger();
	await active.activate();
	const before = state().addWorkItem();
	expect(ids(await active.poll())).toEqual([before.id]);

	const restarted = active.restart(new WorkItemsTrigger(FAST_RETRY));
	expect(await restarted.activate('init')).toBeNull();
	const after = state().addWorkItem();
	expect(ids(await restarted.poll())).toEqual([after.id]);
	expect(JSON.parse(restarted.saved)['node:Trigger'].seen).toContain(after.id);
});

test('Emit Existing Work Items: the first activation emits what is pending, then only news', async () => {
	const active = trigger({ options: { emitExisting: true } });
	const result = await active.activate();
	expect(ids(result)).toEqual(pendingMine());
	expect(emitted(result).every((item) => item.event === 'existing')).toBe(true);
	expect(await active.poll()).toBeNull();
});

test('States: other states can be watched; the default is Pending only', async () => {
	const returned = trigger({ options: { states: ['RETURNED', 'PENDING'] } });
	const pendingOnly = trigger();
	await returned.activate();
	await pendingOnly.activate();
	const back = state().addWorkItem({ state: 'RETURNED' });
	const fresh = state().addWorkItem();
	expect(ids(await returned.poll())).toEqual([back.id, fresh.id]);
	expect(ids(await pendingOnly.poll())).toEqual([fresh.id]);

	const every = trigger({ options: { states: [] } });
	expect(ids(await every.activate())).toEqual([]);
	expect(seen(every)).toHaveLength(state().workItems.filter((item) => item.ownerId === ISC_IDENTITY_ID).length);
});

test('Owner ID watches another identity\'s work items; a changed filter starts afresh instead of flooding', async () => {
	const owner = ISC_OWNERS[2].id;
	const theirs = trigger({ options: { ownerId: owner } });
	await theirs.activate();
	expect(isc.queries()[0].get('ownerId')).toBe(owner);
	const mine = state().addWorkItem();
	const forThem = state().addWorkItem({ ownerId: owner, ownerName: ISC_OWNERS[2].name });
	expect(ids(await theirs.poll())).toEqual([forThem.id]);

	const moved = new PollingTrigger(new WorkItemsTrigger(FAST_RETRY), {}, { credentials: isc.credentials(), savedStaticData: JSON.parse(theirs.saved) as IDataObject });
	expect(await moved.activate('update')).toBeNull();
	expect(seen(moved)).toContain(mine.id);
});

test('a forwarded work item is new to its new owner\'s trigger', async () => {
	const userTrigger = new PollingTrigger(new WorkItemsTrigger(FAST_RETRY), {}, { credentials: isc.credentials({ accessToken: ISC_USER_TOKEN }) });
	await userTrigger.activate();
	const item = state().addWorkItem();
	await runNode(
		new WorkItems(FAST_RETRY),
		{ operation: 'forward', workItemId: item.id, targetOwnerId: ISC_USER_ID, comment: 'Yours now' },
		{ credentials: isc.credentials() },
	);
	const result = await userTrigger.poll();
	expect(ids(result)).toEqual([item.id]);
	expect(emitted(result)[0]).toMatchObject({ ownerId: ISC_USER_ID, ownerName: 'Ada Lovelace' });
});

test('pages through every work item: 600 pending, then 3 more on the last page', async () => {
	state().reseed(0);
	for (let i = 0; i < 600; i++) state().addWorkItem();
	const active = trigger();
	expect(await active.activate()).toBeNull();
	expect(seen(active)).toHaveLength(600);
	// Pages after the first are fetched several at a time: they may arrive in any order.
	expect(isc.queries().map((query) => query.get('limit')).sort()).toEqual(['100', '250', '250']);
	const added = [state().addWorkItem(), state().addWorkItem(), state().addWorkItem()];
	expect(ids(await active.poll())).toEqual(added.map((item) => item.id));
});

test('429 is waited out: the poll still succeeds', async () => {
	const active = trigger();
	await active.activate();
	const added = state().addWorkItem();
	state().rateLimit(2, 0);
	expect(ids(await active.poll())).toEqual([added.id]);
	expect(state().rateLimited).toBe(2);
});

test('a failing poll throws a clear error and keeps the memory; the next poll catches up', async () => {
	const active = trigger();
	await active.activate();
	const before = active.memory();
	const added = state().addWorkItem();
	state().failNext(500);
	await expect(active.poll()).rejects.toThrow(/^SailPoint ISC failed to process work-items \(HTTP 500, 500\.0 Internal Fault\): An internal fault occurred\./);
	expect(active.memory()).toEqual(before);
	expect(ids(await active.poll())).toEqual([added.id]);

	const expired = new PollingTrigger(new WorkItemsTrigger(FAST_RETRY), {}, { credentials: isc.credentials({ accessToken: 'eyJhbGciOiJSUzI1NiJ9.ZXhwaXJlZA.Expired0123456789' }) });
	const error = await expired.activate().then(
		() => undefined,
		(thrown: unknown) => thrown as Error & { description?: string },
	);
	expect(error?.message).toBe('SailPoint ISC rejected the access token: it is invalid or has expired (HTTP 401): JWT validation failed: JWT is expired');
	expect(JSON.stringify({ message: error?.message, description: error?.description })).not.toContain('Expired0123456789');
});

test('bad options are clear errors before any request', async () => {
	await expect(trigger({ options: { ownerId: 'a/b' } }).activate()).rejects.toThrow(
		'The "Owner ID" parameter must be an ISC ID such as 2c9180835d2e5168015d32f890ca1581, but it is "a/b"',
	);
	await expect(trigger({ options: { states: ['PENDING', 'DONE'] } }).activate()).rejects.toThrow(
		'The "States" option has an unknown state "DONE"',
	);
	expect(isc.sandbox.requests).toEqual([]);
});

test('the memory is bounded: IDs that left the list longest ago go first; too many pending is a clear error', async () => {
	expect(remember(['a', 'b', 'c'], ['c', 'd'], 3)).toEqual(['b', 'c', 'd']);

	state().reseed(REMEMBERED_WORK_ITEMS - 2, { owners: ownedByMe });
	for (const item of state().workItems) item.state = 'PENDING';
	const bulk = state().workItems.map((item) => item.id);
	const active = trigger();
	expect(await active.activate()).toBeNull();
	expect(seen(active)).toHaveLength(REMEMBERED_WORK_ITEMS - 2);

	for (const id of bulk.slice(0, 10)) state().finish(id);
	const fresh = Array.from({ length: 10 }, () => state().addWorkItem());
	expect(ids(await active.poll())).toEqual(fresh.map((item) => item.id));
	const remembered = seen(active);
	expect(remembered).toHaveLength(REMEMBERED_WORK_ITEMS);
	// 10 finished + 9,988 listed + 10 new = 10,008: the 8 that finished first are dropped.
	expect(remembered.slice(0, 2)).toEqual(bulk.slice(8, 10));
	expect(JSON.parse(active.saved)['node:Trigger'].seen).toEqual(remembered);

	// 9,998 pending now; three more make 10,001.
	for (let i = 0; i < 3; i++) state().addWorkItem();
	await expect(active.poll()).rejects.toThrow(
		`${REMEMBERED_WORK_ITEMS + 1} work items match, more than the ${REMEMBERED_WORK_ITEMS} this trigger can remember between polls`,
	);
});

describe('manual test run (through WorkflowExecute, as the editor runs it)', () => {
	const testRun = async (parameters: INodeParameters, token = ISC_TOKEN) => {
		const result = await runNode(new WorkItemsTrigger(FAST_RETRY), parameters, { credentials: isc.credentials({ accessToken: token }) });
		expectNoSecrets(result, token);
		return result;
	};

	test('returns the current pending work items, marked existing', async () => {
		const result = await testRun({});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(pendingMine());
		expect(result.items[0].json).toMatchObject({ event: 'existing', state: 'Pending' });
	});

	test('with no work items it says so clearly', async () => {
		state().reseed(0);
		const result = await testRun({});
		expect(result.error?.message).toBe('No work items yet for the access token\'s identity');
		expect(result.error?.description).toContain('When a work item arrives');
	});

	test('with work items only in other states it says that too', async () => {
		state().reseed(0);
		state().addWorkItem({ state: 'RETURNED' });
		const result = await testRun({ options: { ownerId: ISC_IDENTITY_ID } });
		expect(result.error?.message).toBe(`No work items in state PENDING yet for owner ${ISC_IDENTITY_ID} (1 in other states)`);
	});
});

test('the trigger is a polling trigger, not a tool, with its codex, and registered in the package', () => {
	const { description } = new WorkItemsTrigger(FAST_RETRY);
	expect(description).toMatchObject({ name: 'workItemsTrigger', displayName: 'SailPoint Work Items Trigger', polling: true });
	expect(description.usableAsTool).toBeUndefined();
	expect(description.inputs).toEqual([]);
	const options = description.properties.find((property) => property.name === 'options');
	expect((options?.options ?? []).map((option) => ('name' in option ? option.name : ''))).toEqual(['emitExisting', 'ownerId', 'states']);
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const codex = require('../../../packages/sailpoint-isc/nodes/SailPoint/WorkItemsTrigger/WorkItemsTrigger.node.json') as { node: string };
	expect(codex.node).toBe('n8n-nodes-sailpoint-isc.workItemsTrigger');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const pkg = require('../../../packages/sailpoint-isc/package.json') as { n8n: { nodes: string[] } };
	expect(pkg.n8n.nodes).toContain('dist/nodes/SailPoint/WorkItemsTrigger/WorkItemsTrigger.node.js');
});

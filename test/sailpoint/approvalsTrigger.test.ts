import type { INodeParameters } from 'n8n-workflow';

import { SailPointApprovalsTrigger } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovalsTrigger/SailPointApprovalsTrigger.node';
import { advance, MAX_EDGE_IDS } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovalsTrigger/approvalWatermark';
import { expectNoSecrets } from '../harness/assertions';
import { PollingTrigger, emitted, type PollResult } from '../harness/poll';
import { runNode } from '../harness/run';
import { ISC_IDENTITY_ID, ISC_OWNERS, ISC_TOKEN } from '../sandbox/isc';
import { useIscSandbox } from './context';

const isc = useIscSandbox({ apiVersion: 'current' });
const approvals = () => isc.sandbox.accessRequestApprovals;
const generic = () => isc.sandbox.genericApprovals;
const ids = (result: PollResult) => emitted(result).map((item) => item.id);
const queries = () => isc.sandbox.requests.map((request) => `${request.path}?${decodeURIComponent(request.query).replace(/\+/g, ' ')}`);

/** Retries without the real back-off, so that the fault tests stay fast. */
const FAST = { baseDelayMs: 1, maxDelayMs: 5 };
beforeEach(() => {
	approvals().reseed(12);
	generic().reseed(10);
});

const trigger = (parameters: INodeParameters = {}) =>
	new PollingTrigger(new SailPointApprovalsTrigger(FAST), parameters, { credentials: isc.credentials() });

test('first activation notes the newest pending approval and emits nothing; then each new one is emitted once, reading only what is new', async () => {
	const active = trigger();
	expect(await active.activate()).toBeNull();
	expect(queries()).toEqual(['/access-request-approvals/v1/pending?owner-id=me&sorters=-created&limit=1&offset=0']);
	const newestMine = approvals().pending.filter((approval) => approval.owner.id === ISC_IDENTITY_ID).at(-1)!;
	expect(active.memory()).toMatchObject({ watermarks: { accessRequestApproval: { since: newestMine.created, edge: [newestMine.id] } } });

	isc.sandbox.clearLog();
	expect(await active.poll()).toBeNull();
	expect(queries()).toEqual([
		`/access-request-approvals/v1/pending?owner-id=me&sorters=created&filters=created ge "${newestMine.created}"&limit=250&offset=0&count=true`,
	]);

	const first = approvals().add();
	const second = approvals().add();
	approvals().add({ ownerId: ISC_OWNERS[1].id });
	const poll = await active.poll();
	expect(ids(poll)).toEqual([first.id, second.id]);
	expect(emitted(poll)[0]).toMatchObject({ event: 'new', kind: 'accessRequestApproval', owner: { id: ISC_IDENTITY_ID } });
	expect(await active.poll()).toBeNull();

	// Memory stays one time and the IDs sharing it, however many approvals came.
	expect(active.memory()).toEqual({
		filter: expect.any(String),
		watermarks: { accessRequestApproval: { since: second.created, edge: [second.id] } },
	});

	// After a restart (static data as n8n saved it) nothing is emitted twice.
	const third = approvals().add();
	const restarted = active.restart();
	expect(ids(await restarted.activate())).toEqual([third.id]);
});

test('an approval decided between two polls is not emitted; one decided after being emitted is not emitted again', async () => {
	const active = trigger();
	await active.activate();
	const quick = approvals().add();
	approvals().pending = approvals().pending.filter((approval) => approval !== quick);
	const stays = approvals().add();
	expect(ids(await active.poll())).toEqual([stays.id]);
	approvals().pending = approvals().pending.filter((approval) => approval !== stays);
	expect(await active.poll()).toBeNull();
});

test('Emit Existing Approvals: the first poll emits every pending one (event "existing"), oldest first', async () => {
	const active = trigger({ options: { emitExisting: true } });
	const result = await active.activate();
	const mine = approvals().pending.filter((approval) => approval.owner.id === ISC_IDENTITY_ID);
	expect(ids(result)).toEqual(mine.map((approval) => approval.id));
	expect(emitted(result).every((item) => item.event === 'existing')).toBe(true);
	expect(await active.poll()).toBeNull();
});

test('Everyone (admin) and an identity: owner-id left out or given', async () => {
	const all = trigger({ owner: 'all' });
	await all.activate();
	const theirs = approvals().add({ ownerId: ISC_OWNERS[2].id });
	expect(ids(await all.poll())).toEqual([theirs.id]);
	expect(isc.sandbox.requests.every((request) => !new URLSearchParams(request.query).has('owner-id'))).toBe(true);

	isc.sandbox.clearLog();
	const one = trigger({ owner: 'identity', ownerId: ISC_OWNERS[2].id });
	await one.activate();
	const next = approvals().add({ ownerId: ISC_OWNERS[2].id });
	approvals().add();
	expect(ids(await one.poll())).toEqual([next.id]);
	expect(new URLSearchParams(isc.sandbox.requests[0].query).get('owner-id')).toBe(ISC_OWNERS[2].id);
});

test('Include Generic Approvals: new pending generic approvals too, with kind "genericApproval"', async () => {
	const active = trigger({ options: { includeGeneric: true } });
	expect(await active.activate()).toBeNull();
	const access = approvals().add();
	const workflowApproval = generic().add();
	generic().add({ approverId: ISC_OWNERS[3].id });
	const poll = await active.poll();
	expect(emitted(poll).map((item) => [item.kind, item.id])).toEqual([
		['accessRequestApproval', access.id],
		['genericApproval', workflowApproval.id],
	]);
	expect(await active.poll()).toBeNull();
	const genericQueries = isc.sandbox.requests.filter((request) => request.path === '/generic-approvals/v1');
	expect(new URLSearchParams(genericQueries.at(-1)!.query).get('filters')).toBe(`status eq "PENDING" and createdDate ge "${workflowApproval.createdDate}"`);
});

test('a failed poll leaves the memory as it was, so nothing is lost', async () => {
	const active = trigger();
	await active.activate();
	const before = active.memory();
	const added = approvals().add();
	isc.sandbox.isc.failNext(500, 8);
	await expect(active.poll()).rejects.toThrow(/HTTP 500/);
	expect(active.memory()).toEqual(before);
	isc.sandbox.isc.reset();
	expect(ids(await active.poll())).toEqual([added.id]);
});

test('a manual test run shows the current pending approvals, newest first, and leaves the memory alone', async () => {
	const result = await runNode(new SailPointApprovalsTrigger(FAST), {}, { credentials: isc.credentials() });
	expectNoSecrets(result, ISC_TOKEN);
	const mine = approvals().pending.filter((approval) => approval.owner.id === ISC_IDENTITY_ID).reverse();
	expect(result.items.map((item) => item.json.id)).toEqual(mine.map((approval) => approval.id));
	expect(result.items[0].json.event).toBe('existing');

	approvals().reseed(0);
	const none = await runNode(new SailPointApprovalsTrigger(FAST), {}, { credentials: isc.credentials() });
	expect(none.error?.message).toBe('No pending approvals yet for the access token\'s identity');
});

test('the watermark: IDs sharing the newest time are remembered, bounded', () => {
	const t1 = '2026-11-01T00:00:00.000Z';
	const t2 = '2026-11-01T00:00:01.000Z';
	const first = advance({ since: t1, edge: ['a'] }, [
		{ id: 'a', created: t1 },
		{ id: 'b', created: t1 },
		{ id: 'c', created: t2 },
	]);
	expect(first).toEqual({ fresh: ['b', 'c'], next: { since: t2, edge: ['c'] } });
	const same = advance({ since: t2, edge: ['c'] }, [{ id: 'c', created: t2 }, { id: 'd', created: t2 }]);
	expect(same).toEqual({ fresh: ['d'], next: { since: t2, edge: ['c', 'd'] } });
	expect(MAX_EDGE_IDS).toBe(1000);
});

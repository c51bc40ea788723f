import type { INodeParameters } from 'n8n-workflow';

import { SailPointApprovalsTrigger } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovalsTrigger/SailPointApprovalsTrigger.node';
import { advanceArrivals, LOOK_BACK_MS, MAX_SEEN } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovalsTrigger/approvalMemory';
import { expectNoSecrets } from '../../harness/assertions';
import { PollingTrigger, emitted, type PollResult } from '../../harness/poll';
import { runNode } from '../../harness/run';
import { ISC_IDENTITY_ID, ISC_OWNERS, ISC_TOKEN } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

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
const hourBefore = (time: string) => new Date(Date.parse(time) - LOOK_BACK_MS).toISOString();

/** Acts on ISC as another client would (a person forwarding in the UI). */
async function asAdmin(path: string, body: object) {
	const response = await fetch(`${isc.sandbox.url}${path}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${ISC_TOKEN}`, 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	expect(response.status).toBeLessThan(300);
}

test('first activation notes what is pending and emits nothing; then each new one is emitted once, reading only what is recent', async () => {
	const active = trigger();
	expect(await active.activate()).toBeNull();
	const mineNow = approvals().pending.filter((approval) => approval.owner.id === ISC_IDENTITY_ID);
	const newestMine = mineNow.at(-1)!;
	expect(queries()).toEqual([
		'/access-request-approvals/v1/pending?owner-id=me&sorters=-modified&limit=1&offset=0',
		`/access-request-approvals/v1/pending?owner-id=me&sorters=modified&filters=modified ge "${hourBefore(newestMine.modified)}"&limit=250&offset=0&count=true`,
	]);
	expect(active.memory()).toMatchObject({
		arrivals: { accessRequestApproval: { newest: newestMine.modified, floor: '', seen: mineNow.map((approval) => `${approval.id}@${approval.created}`) } },
	});

	isc.sandbox.clearLog();
	expect(await active.poll()).toBeNull();
	expect(queries()).toEqual([
		`/access-request-approvals/v1/pending?owner-id=me&sorters=modified&filters=modified ge "${hourBefore(newestMine.modified)}"&limit=250&offset=0&count=true`,
	]);

	const first = approvals().add();
	const second = approvals().add();
	approvals().add({ ownerId: ISC_OWNERS[1].id });
	const poll = await active.poll();
	expect(ids(poll)).toEqual([first.id, second.id]);
	expect(emitted(poll)[0]).toMatchObject({ event: 'new', kind: 'accessRequestApproval', owner: { id: ISC_IDENTITY_ID } });
	expect(await active.poll()).toBeNull();

	// Memory: the newest time and the approvals that arrived within the hour before it (the
	// seeded ones, a month older, are forgotten).
	expect(active.memory()).toEqual({
		filter: expect.any(String),
		arrivals: { accessRequestApproval: { newest: second.modified, floor: '', seen: [`${first.id}@${first.created}`, `${second.id}@${second.created}`] } },
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
	expect(new URLSearchParams(genericQueries.at(-1)!.query).get('filters')).toBe(`status eq "PENDING" and modifiedDate ge "${hourBefore(workflowApproval.modifiedDate)}"`);
	// Asked for to see reassignments; the item stays as ISC lists it without it.
	expect(new URLSearchParams(genericQueries.at(-1)!.query).get('include-reassignment-history')).toBe('true');
	expect(emitted(poll)[1].reassignmentHistory).toBeUndefined();
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

describe('late and forwarded approvals', () => {
	test('an approval that shows in the list after newer ones were seen is emitted once when it shows', async () => {
		const active = trigger();
		await active.activate();
		const late = approvals().add();
		approvals().lagging.add(late.id);
		const later = approvals().add();
		expect(ids(await active.poll())).toEqual([later.id]);
		expect(await active.poll()).toBeNull();
		approvals().lagging.delete(late.id);
		expect(ids(await active.poll())).toEqual([late.id]);
		expect(await active.poll()).toBeNull();
		// And after a restart from the saved static data, not again.
		expect(await active.restart().activate()).toBeNull();
	});

	test('an approval forwarded to the owner is emitted when it arrives, though it keeps its old creation time; forwarded away and back, again', async () => {
		const active = trigger();
		await active.activate();
		const theirs = approvals().pending.find((approval) => approval.owner.id === ISC_OWNERS[1].id)!;
		expect(Date.parse(theirs.created)).toBeLessThan(Date.now() - 30 * 86_400_000);
		await asAdmin(`/access-request-approvals/v1/${theirs.id}/forward`, { newOwnerId: ISC_IDENTITY_ID, comment: 'Yours now' });
		const fresh = approvals().add();
		const poll = await active.poll();
		expect(ids(poll)).toEqual([theirs.id, fresh.id]);
		expect(emitted(poll)[0]).toMatchObject({ event: 'new', owner: { id: ISC_IDENTITY_ID }, created: theirs.created });
		expect(await active.poll()).toBeNull();

		// Forwarded away and back: pending for the owner once more, emitted once more.
		await asAdmin(`/access-request-approvals/v1/${theirs.id}/forward`, { newOwnerId: ISC_OWNERS[2].id, comment: 'Not mine' });
		expect(await active.poll()).toBeNull();
		await new Promise((resolve) => setTimeout(resolve, 5));
		await asAdmin(`/access-request-approvals/v1/${theirs.id}/forward`, { newOwnerId: ISC_IDENTITY_ID, comment: 'Yours after all' });
		expect(ids(await active.poll())).toEqual([theirs.id]);
		expect(await active.poll()).toBeNull();
	});

	test('a forward that is also late to show, and a generic approval reassigned to the owner, are each emitted once', async () => {
		const active = trigger({ options: { includeGeneric: true } });
		await active.activate();
		const theirs = approvals().pending.find((approval) => approval.owner.id === ISC_OWNERS[3].id)!;
		approvals().lagging.add(theirs.id);
		await asAdmin(`/access-request-approvals/v1/${theirs.id}/forward`, { newOwnerId: ISC_IDENTITY_ID, comment: 'Yours now' });
		const other = generic().approvals.find((approval) => !approval.assignedTo.some((who) => who.identityID === ISC_IDENTITY_ID))!;
		await asAdmin(`/generic-approvals/v1/${other.id}/reassign`, { reassignTo: ISC_IDENTITY_ID, reassignFrom: other.assignedTo[0].identityID, comment: 'Over to you' });
		const newer = approvals().add();
		expect(emitted(await active.poll()).map((item) => [item.kind, item.id])).toEqual([
			['accessRequestApproval', newer.id],
			['genericApproval', other.id],
		]);
		approvals().lagging.delete(theirs.id);
		expect(ids(await active.poll())).toEqual([theirs.id]);
		expect(await active.poll()).toBeNull();
	});

	test('Everyone: a forward between two people is not a new approval', async () => {
		const active = trigger({ owner: 'all' });
		await active.activate();
		const any = approvals().pending[0];
		await asAdmin(`/access-request-approvals/v1/${any.id}/forward`, { newOwnerId: ISC_OWNERS[2].id, comment: 'Handing over' });
		expect(await active.poll()).toBeNull();
	});

	test('memory written by the earlier version (creation-time watermark) is taken over: nothing emitted twice, nothing missed', async () => {
		const mine = approvals().pending.filter((approval) => approval.owner.id === ISC_IDENTITY_ID);
		const newest = mine.at(-1)!;
		const first = trigger();
		await first.activate();
		const filter = first.memory().filter;
		const old = new PollingTrigger(new SailPointApprovalsTrigger(FAST), {}, {
			credentials: isc.credentials(),
			savedStaticData: { [`node:Trigger`]: { filter, watermarks: { accessRequestApproval: { since: newest.created, edge: [newest.id] } } } },
		});
		const added = approvals().add();
		expect(ids(await old.activate())).toEqual([added.id]);
		expect(old.memory().watermarks).toBeUndefined();
		expect(old.memory()).toMatchObject({ arrivals: { accessRequestApproval: { floor: newest.created } } });
		expect(await old.poll()).toBeNull();
	});
});

test('the memory: keys of approvals that arrived within the look-back window, bounded', () => {
	const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1) + minutes * 60_000).toISOString();
	const start = { newest: at(0), floor: '', seen: [`a@${at(0)}`] };
	// b arrived 30 min before the newest (late), c is new, d arrived before the window (ignored).
	const listed = [
		{ id: 'a', arrival: at(0), modified: at(0) },
		{ id: 'b', arrival: at(-30), modified: at(-30) },
		{ id: 'c', arrival: at(90), modified: at(90) },
		{ id: 'd', arrival: at(-61), modified: at(5) },
	];
	const { fresh, next } = advanceArrivals(start, listed);
	expect(fresh.map((entry) => entry.id)).toEqual(['b', 'c']);
	// The newest is now 90: the window starts at 30; a and b (0, -30) are forgotten.
	expect(next).toEqual({ newest: at(90), floor: '', seen: [`c@${at(90)}`] });
	expect(advanceArrivals(next, listed).fresh).toEqual([]);
	// The same ID arriving again (forwarded back) is a new key.
	expect(advanceArrivals(next, [{ id: 'a', arrival: at(95), modified: at(95) }]).fresh.map((entry) => entry.id)).toEqual(['a']);
	// At most MAX_SEEN keys, the earliest arrivals dropped first.
	const many = Array.from({ length: MAX_SEEN + 5 }, (_, index) => ({ id: `x${index}`, arrival: at(100 + index / 1000), modified: at(100 + index / 1000) }));
	const bounded = advanceArrivals(next, many).next;
	expect(bounded.seen).toHaveLength(MAX_SEEN);
	expect(bounded.seen[0]).toBe(`x5@${many[5].arrival}`);
});

import { WorkItemsTrigger } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItemsTrigger/WorkItemsTrigger.node';
import { INITIAL_SCAN_MARGIN_MS } from '../../../shared/pollBudget';
import { forgetPacing } from '../../../shared/transport/pacing';
import { PollingTrigger, emitted } from '../../harness/poll';
import { ISC_IDENTITY_ID } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/**
 * The Work Items Trigger's first scan after activation, within n8n's poll budget (2.38+): it
 * spans several polls and records what existed without emitting it; a work item created after
 * that scan began, found by a later poll of the same scan, is emitted as new, once.
 */

const isc = useIscSandbox();
const state = () => isc.sandbox.isc;
const FAST_RETRY = { maxDelayMs: 5, baseDelayMs: 1 };
const TENANT = 6_000;

const trigger = (options: { emitExisting?: boolean } = {}) =>
	new PollingTrigger(new WorkItemsTrigger(FAST_RETRY), { options }, { credentials: isc.credentials(), pollBudgetMs: 600 });

/** ISC stamps a new work item with the time it was created. */
const createdNow = () => ({ created: new Date().toISOString() });

async function poll(active: PollingTrigger, first = false): Promise<Array<{ id: string; event: string }>> {
	// n8n polls a minute or more apart: ISC's rate limit window (10 s) is empty at each poll.
	forgetPacing();
	const result = first ? await active.activate() : await active.poll();
	return emitted(result).map((item) => ({ id: String(item.id), event: String(item.event) }));
}

beforeEach(() => {
	state().reseed(TENANT, { owners: [{ id: ISC_IDENTITY_ID, name: 'Admin' }] });
	isc.sandbox.latencyMs = 60;
});
afterEach(() => {
	isc.sandbox.latencyMs = 0;
});

test('a work item created during the initial scan is emitted once as new; those existing before activation never; nothing twice over three more scans', async () => {
	const existing = state().workItems.filter((item) => item.state === 'PENDING').map((item) => item.id);
	const active = trigger();
	const all: Array<{ id: string; event: string }> = [];
	all.push(...(await poll(active, true)));
	const cursor = active.memory().scan as { initial: boolean; offset: number; startedAt: number };
	expect(cursor.initial).toBe(true);
	expect(cursor.offset).toBeGreaterThan(0);
	// The first poll's clock, less the margin for the vendor's clock.
	expect(Date.now() - cursor.startedAt).toBeGreaterThanOrEqual(INITIAL_SCAN_MARGIN_MS);
	expect(Date.now() - cursor.startedAt).toBeLessThan(INITIAL_SCAN_MARGIN_MS + 60_000);

	// Created while the first scan is under way (at the end of the list: a later poll finds it).
	const midScan = state().addWorkItem(createdNow()).id;
	// Found by the same scan but created long before it began (an old one that became visible
	// late), and one without a usable creation time: both recorded as existing.
	const old = state().addWorkItem({ created: '2026-01-01T00:00:00.000Z' }).id;
	const undated = state().addWorkItem({ created: 'not a date' }).id;
	let polls = 1;
	while (active.memory().scan !== undefined) {
		all.push(...(await poll(active)));
		polls++;
		expect(polls).toBeLessThan(40);
	}
	expect(polls).toBeGreaterThan(2);
	expect(all).toEqual([{ id: midScan, event: 'new' }]);
	const seen = active.memory().seen as string[];
	expect(seen).toEqual(expect.arrayContaining([...existing, midScan, old, undated]));

	// Created after the scan: new as always.
	const later = state().addWorkItem(createdNow()).id;
	// Three more whole scans: nothing comes twice, nothing existing comes at all.
	let scans = 0;
	for (let count = 0; scans < 3; count++) {
		all.push(...(await poll(active)));
		if (active.memory().scan === undefined) scans++;
		expect(count).toBeLessThan(120);
	}
	expect(all).toEqual([
		{ id: midScan, event: 'new' },
		{ id: later, event: 'new' },
	]);
	expect(all.filter((entry) => existing.includes(entry.id))).toEqual([]);
});

test('the start of the initial scan survives a restart: a work item created before the restart is emitted once', async () => {
	const active = trigger();
	expect(await poll(active, true)).toEqual([]);
	const { startedAt } = active.memory().scan as { startedAt: number };
	const midScan = state().addWorkItem(createdNow()).id;
	// n8n restarts: the saved static data (the activation's) holds the cursor and its start.
	const restarted = active.restart();
	const all = await poll(restarted, true);
	expect((restarted.memory().scan as { startedAt?: number } | undefined)?.startedAt ?? startedAt).toBe(startedAt);
	let polls = 0;
	while (restarted.memory().scan !== undefined && polls < 40) {
		all.push(...(await poll(restarted)));
		polls++;
	}
	for (let count = 0; count < polls + 2; count++) all.push(...(await poll(restarted)));
	expect(all).toEqual([{ id: midScan, event: 'new' }]);
});

test('with Emit Existing Work Items: existing ones once as "existing", one created during the scan once as "new"', async () => {
	const existing = state().workItems.filter((item) => item.state === 'PENDING').map((item) => item.id);
	const active = trigger({ emitExisting: true });
	const all = await poll(active, true);
	const midScan = state().addWorkItem(createdNow()).id;
	let polls = 1;
	while (active.memory().scan !== undefined && polls < 40) {
		all.push(...(await poll(active)));
		polls++;
	}
	for (let count = 0; count < polls + 2; count++) all.push(...(await poll(active)));
	expect(all.map((entry) => entry.id)).toEqual([...existing, midScan]);
	expect(all.filter((entry) => entry.event === 'new')).toEqual([{ id: midScan, event: 'new' }]);
});

test('a cursor saved before the scan kept its start (an earlier version) records what it finds, as before', async () => {
	state().reseed(3_000, { owners: [{ id: ISC_IDENTITY_ID, name: 'Admin' }] });
	const filter = JSON.stringify(['', ['PENDING']]);
	const active = new PollingTrigger(new WorkItemsTrigger(FAST_RETRY), { options: {} }, {
		credentials: isc.credentials(),
		pollBudgetMs: 600,
		savedStaticData: { 'node:Trigger': { filter, seen: [], scan: { offset: 250, initial: true, watched: 0 } } },
	});
	state().addWorkItem(createdNow());
	const all = await poll(active, true);
	let polls = 1;
	while (active.memory().scan !== undefined && polls < 40) {
		all.push(...(await poll(active)));
		polls++;
	}
	expect(all).toEqual([]);
});

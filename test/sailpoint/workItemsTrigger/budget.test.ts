import { WorkItemsTrigger } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItemsTrigger/WorkItemsTrigger.node';
import { READING_SHARE } from '../../../shared/pollBudget';
import { forgetPacing } from '../../../shared/transport/pacing';
import { PollingTrigger, emitted, type PollResult } from '../../harness/poll';
import { ISC_IDENTITY_ID, ISC_OWNERS } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/**
 * The Work Items Trigger on n8n 2.38+, which gives each poll a budget (getPollBudgetMs): on a
 * tenant of 20,000 work items no poll overruns it, the listing is read over several polls from a
 * cursor in the static data, and every new work item is emitted exactly once.
 */

const isc = useIscSandbox();
const state = () => isc.sandbox.isc;
const FAST_RETRY = { maxDelayMs: 5, baseDelayMs: 1 };
const BUDGET_MS = 1_000;
const TENANT = 20_000;

const trigger = (pollBudgetMs?: number) =>
	new PollingTrigger(new WorkItemsTrigger(FAST_RETRY), {}, { credentials: isc.credentials(), pollBudgetMs });

async function timed(poll: () => Promise<PollResult>, durations: number[]): Promise<string[]> {
	// n8n polls a minute or more apart: ISC's rate limit window (10 s) is empty at each poll.
	forgetPacing();
	const started = Date.now();
	const result = await poll();
	durations.push(Date.now() - started);
	return emitted(result).map((item) => String(item.id));
}

beforeEach(() => {
	state().reseed(TENANT, { owners: [{ id: ISC_IDENTITY_ID, name: 'Admin' }] });
	// Each request takes a while, as over a real network: a scan cannot fit in one poll.
	isc.sandbox.latencyMs = 60;
});
afterEach(() => {
	isc.sandbox.latencyMs = 0;
});

test('20,000 work items, a 1,000 ms budget: each poll stays within it, a scan spans several polls, every new one is emitted exactly once', async () => {
	const durations: number[] = [];
	const active = trigger(BUDGET_MS);
	const emittedIds: string[] = [];
	const added: string[] = [];
	expect(await timed(() => active.activate(), durations)).toEqual([]);
	// The first poll read part of the listing and kept its place.
	const firstCursor = active.memory().scan as { offset: number; initial: boolean };
	expect(firstCursor).toMatchObject({ initial: true });
	expect(firstCursor.offset).toBeGreaterThan(0);
	expect(firstCursor.offset).toBeLessThan(TENANT);

	// The rest of the first scan: existing work items are recorded, not emitted.
	let polls = 1;
	while (active.memory().scan !== undefined) {
		expect(await timed(() => active.poll(), durations)).toEqual([]);
		polls++;
		expect(polls).toBeLessThan(60);
	}
	const pendingMine = state().workItems.filter((item) => item.state === 'PENDING').length;
	expect((active.memory().seen as string[]).length).toBe(pendingMine);
	const pollsPerScan = polls;
	expect(pollsPerScan).toBeGreaterThan(2);

	// New work items arrive while later scans are under way (some finish, shifting the pages).
	for (let round = 0; round < pollsPerScan * 2; round++) {
		const item = state().addWorkItem();
		added.push(item.id);
		if (round % 3 === 0) {
			const old = state().workItems.find((entry) => entry.state === 'PENDING' && !added.includes(entry.id))!;
			old.state = 'FINISHED';
		}
		// One for someone else: never emitted.
		state().addWorkItem({ ownerId: ISC_OWNERS[1].id });
		emittedIds.push(...(await timed(() => active.poll(), durations)));
	}
	// Within one more scan, every new one has been emitted.
	for (let extra = 0; extra <= pollsPerScan + 1; extra++) emittedIds.push(...(await timed(() => active.poll(), durations)));

	expect([...emittedIds].sort()).toEqual([...added].sort());
	expect(new Set(emittedIds).size).toBe(emittedIds.length);
	// No poll overran the budget n8n gave it.
	expect(Math.max(...durations)).toBeLessThanOrEqual(BUDGET_MS);
	process.stdout.write(
		`    ${TENANT} work items, budget ${BUDGET_MS} ms (reading ${BUDGET_MS * READING_SHARE} ms): ${pollsPerScan} polls per scan, longest poll ${Math.max(...durations)} ms over ${durations.length} polls; ${added.length} new emitted once each\n`,
	);

	// A restart from the saved static data goes on without emitting anything twice.
	const restarted = active.restart();
	const after = await timed(() => restarted.activate(), durations);
	expect(after).toEqual([]);
});

test('without a budget (n8n 2.8) each poll reads the whole listing, as before: no cursor', async () => {
	isc.sandbox.latencyMs = 0;
	state().reseed(600, { owners: [{ id: ISC_IDENTITY_ID, name: 'Admin' }] });
	const active = trigger();
	await active.activate();
	expect(active.memory().scan).toBeUndefined();
	const item = state().addWorkItem();
	expect(emitted(await active.poll()).map((entry) => entry.id)).toEqual([item.id]);
	expect(active.memory().scan).toBeUndefined();
});

test('Emit Existing Work Items within a budget: every existing one is emitted once as "existing" over the first scan', async () => {
	state().reseed(6_000, { owners: [{ id: ISC_IDENTITY_ID, name: 'Admin' }] });
	const active = new PollingTrigger(new WorkItemsTrigger(FAST_RETRY), { options: { emitExisting: true } }, { credentials: isc.credentials(), pollBudgetMs: 600 });
	const all: Array<{ id: unknown; event: unknown }> = [];
	const first = await active.activate();
	all.push(...emitted(first).map((item) => ({ id: item.id, event: item.event })));
	let polls = 1;
	while (active.memory().scan !== undefined && polls < 40) {
		forgetPacing();
		all.push(...emitted(await active.poll()).map((item) => ({ id: item.id, event: item.event })));
		polls++;
	}
	expect(polls).toBeGreaterThan(1);
	const pending = state().workItems.filter((item) => item.state === 'PENDING').map((item) => item.id);
	expect(all.map((entry) => entry.id)).toEqual(pending);
	expect(all.every((entry) => entry.event === 'existing')).toBe(true);
	expect(await active.poll()).toBeNull();
});

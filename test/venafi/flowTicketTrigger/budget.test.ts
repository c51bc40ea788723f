import { VenafiFlowTicketTrigger } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicketTrigger/VenafiFlowTicketTrigger.node';
import { PollingTrigger, emitted, type PollResult } from '../../harness/poll';
import { codeSignTicket } from '../../sandbox/tppFlow';
import { useTppSandbox } from '../context';

/**
 * The Flow Ticket Trigger on n8n 2.38+, which gives each poll a budget (getPollBudgetMs): with
 * 2,000 pending tickets no poll overruns it, the pages are read over several polls from a cursor
 * in the static data, and every new ticket is emitted exactly once.
 */

const tpp = useTppSandbox();
const flow = () => tpp.sandbox.tpp.flow;
const BUDGET_MS = 1_500;
const TICKETS = 2_000;

async function timed(poll: () => Promise<PollResult>, durations: number[]): Promise<number[]> {
	const started = Date.now();
	const result = await poll();
	durations.push(Date.now() - started);
	return emitted(result).map((ticket) => Number(ticket.Id));
}

beforeEach(() => {
	flow().reset(Array.from({ length: TICKETS }, (_, index) => codeSignTicket(1_000 + index)));
	tpp.sandbox.latencyMs = 100;
});
afterEach(() => {
	tpp.sandbox.latencyMs = 0;
	flow().reset();
});

test('2,000 pending tickets, a 1,500 ms budget: each poll within it, a scan over several polls, every new ticket emitted exactly once', async () => {
	const durations: number[] = [];
	const active = new PollingTrigger(new VenafiFlowTicketTrigger(), {}, { credentials: tpp.credentials(), pollBudgetMs: BUDGET_MS });
	expect(await timed(() => active.activate(), durations)).toEqual([]);
	expect(active.memory().scan).toMatchObject({ initial: true });
	let polls = 1;
	while (active.memory().scan !== undefined) {
		expect(await timed(() => active.poll(), durations)).toEqual([]);
		polls++;
		expect(polls).toBeLessThan(40);
	}
	expect((active.memory().seen as number[]).length).toBe(TICKETS);
	const pollsPerScan = polls;
	expect(pollsPerScan).toBeGreaterThan(2);

	const added: number[] = [];
	const emittedIds: number[] = [];
	for (let round = 0; round < pollsPerScan * 2; round++) {
		added.push(flow().add());
		// Some pending tickets are decided meanwhile: the pages shift.
		if (round % 4 === 0) flow().tickets.get(1_000 + round)!.status = 1;
		emittedIds.push(...(await timed(() => active.poll(), durations)));
	}
	for (let extra = 0; extra <= pollsPerScan + 1; extra++) emittedIds.push(...(await timed(() => active.poll(), durations)));

	expect([...emittedIds].sort((a, b) => a - b)).toEqual(added);
	expect(new Set(emittedIds).size).toBe(emittedIds.length);
	expect(Math.max(...durations)).toBeLessThanOrEqual(BUDGET_MS);
	process.stdout.write(
		`    ${TICKETS} Flow tickets, budget ${BUDGET_MS} ms: ${pollsPerScan} polls per scan, longest poll ${Math.max(...durations)} ms over ${durations.length} polls; ${added.length} new emitted once each\n`,
	);
});

test('without a budget (n8n 2.8) every page is read on each poll, as before: no cursor', async () => {
	tpp.sandbox.latencyMs = 0;
	const active = new PollingTrigger(new VenafiFlowTicketTrigger(), {}, { credentials: tpp.credentials() });
	await active.activate();
	expect(active.memory().scan).toBeUndefined();
	expect((active.memory().seen as number[]).length).toBe(TICKETS);
	const id = flow().add();
	expect(emitted(await active.poll()).map((ticket) => ticket.Id)).toEqual([id]);
});

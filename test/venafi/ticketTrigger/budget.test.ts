import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VenafiTicketTrigger } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicketTrigger/VenafiTicketTrigger.node';
import { PollingTrigger, emitted, type PollResult } from '../../harness/poll';
import { CERTIFICATE_OWNERS, seedTickets } from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

/**
 * The Venafi TPP Ticket Trigger on n8n 2.38+, which gives each poll a budget
 * (getPollBudgetMs): with 2,000 tickets whose details take a call each, no poll overruns it,
 * new tickets are read over several polls and each is emitted exactly once; status changes are
 * checked in turn.
 */

const tpp = useTppSandbox();
const NEW_CERT = '\\VED\\Policy\\Certificates\\new.venafi.example';
const BUDGET_MS = 1_000;
const TICKETS = 2_000;

async function timed(poll: () => Promise<PollResult>, durations: number[]): Promise<IDataObject[]> {
	const started = Date.now();
	const result = await poll();
	durations.push(Date.now() - started);
	return emitted(result);
}

const trigger = (options: INodeParameters = {}) =>
	new PollingTrigger(new VenafiTicketTrigger(), { userData: CERTIFICATE_OWNERS, options }, { credentials: tpp.credentials(), pollBudgetMs: BUDGET_MS });

beforeEach(() => {
	tpp.sandbox.tpp.tickets.clear();
	for (const ticket of seedTickets()) tpp.sandbox.tpp.tickets.set(ticket.GUID.toLowerCase(), ticket);
	while (tpp.sandbox.tpp.tickets.size < TICKETS) tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT });
	tpp.sandbox.latencyMs = 40;
});
afterEach(() => {
	tpp.sandbox.latencyMs = 0;
});

test('Emit Existing Tickets on 2,000 tickets within a 1,000 ms budget: each emitted once as "existing" over several polls, then new ones once each', async () => {
	const durations: number[] = [];
	const active = trigger({ emitExisting: true });
	const existing: IDataObject[] = [...(await timed(() => active.activate(), durations))];
	let polls = 1;
	while (active.memory().scan !== undefined) {
		existing.push(...(await timed(() => active.poll(), durations)));
		polls++;
		expect(polls).toBeLessThan(200);
	}
	expect(polls).toBeGreaterThan(2);
	// Every ticket the filter matches (one seeded ticket belongs to someone else).
	const matched = Object.keys(active.memory().seen as IDataObject).length;
	expect(matched).toBeGreaterThan(TICKETS - 5);
	expect(existing).toHaveLength(matched);
	expect(new Set(existing.map((ticket) => ticket.GUID)).size).toBe(matched);
	expect(existing.every((ticket) => ticket.event === 'existing')).toBe(true);

	const added: string[] = [];
	const fresh: IDataObject[] = [];
	for (let round = 0; round < 5; round++) {
		for (let count = 0; count < 30; count++) added.push(tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT }));
		fresh.push(...(await timed(() => active.poll(), durations)));
	}
	for (let extra = 0; extra < 10; extra++) fresh.push(...(await timed(() => active.poll(), durations)));
	expect(fresh.map((ticket) => ticket.GUID)).toEqual(added);
	expect(fresh.every((ticket) => ticket.event === 'new')).toBe(true);
	expect(Math.max(...durations)).toBeLessThanOrEqual(BUDGET_MS);
	process.stdout.write(
		`    ${TICKETS} tickets, budget ${BUDGET_MS} ms: existing ones emitted over ${polls} polls, ${added.length} new emitted once each; longest poll ${Math.max(...durations)} ms over ${durations.length} polls\n`,
	);
});

test('Emit Status Changes within a budget: known tickets are checked in turn; a change is emitted once', async () => {
	const durations: number[] = [];
	// 300 tickets keep the round of status checks short.
	for (const guid of [...tpp.sandbox.tpp.tickets.keys()].slice(300)) tpp.sandbox.tpp.tickets.delete(guid);
	const active = trigger({ emitStatusChanges: true });
	expect(await timed(() => active.activate(), durations)).toEqual([]);
	const guids = [...tpp.sandbox.tpp.tickets.keys()];
	const changed = guids[250];
	// Let the turn come round once so every status is known.
	for (let poll = 0; poll < 200 && Object.values(active.memory().seen as IDataObject).some((status) => status === null); poll++) {
		expect(await timed(() => active.poll(), durations)).toEqual([]);
	}
	expect(Object.values(active.memory().seen as IDataObject).every((status) => status !== null)).toBe(true);
	tpp.sandbox.tpp.setStatus(changed, 'Approved');
	const events: IDataObject[] = [];
	for (let poll = 0; poll < 200 && events.length === 0; poll++) events.push(...(await timed(() => active.poll(), durations)));
	expect(events).toHaveLength(1);
	expect(events[0]).toMatchObject({ event: 'statusChanged', previousStatus: 'Pending', Status: 'Approved' });
	expect(String(events[0].GUID).toLowerCase()).toBe(changed);
	expect(Math.max(...durations)).toBeLessThanOrEqual(BUDGET_MS);
});

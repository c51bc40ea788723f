import type { IDataObject } from 'n8n-workflow';

import { VenafiTicketTrigger } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicketTrigger/VenafiTicketTrigger.node';
import { READING_SHARE } from '../../shared/pollBudget';
import { PollingTrigger, emitted } from '../harness/poll';
import { CERTIFICATE_OWNERS, seedTickets } from '../sandbox/tpp';
import { useTppSandbox } from './context';

/**
 * The Ticket Trigger within a budget whose reading share the calls before reading take whole
 * (the permissions refresh and the listing of every GUID, each after 100 ms here, as on a slow
 * link): each poll still reads one step of ticket details, so new tickets are emitted over a
 * few polls, each once. Before, such polls read nothing, poll after poll (seen in real n8n
 * 2.41.1 with its smallest budget, 500 ms: e2e/pollBudget.ts).
 */

const tpp = useTppSandbox();
const NEW_CERT = '\\VED\\Policy\\Certificates\\new.venafi.example';
const BUDGET_MS = 300;
const LATENCY_MS = 100;

beforeEach(() => {
	tpp.sandbox.tpp.tickets.clear();
	for (const ticket of seedTickets()) tpp.sandbox.tpp.tickets.set(ticket.GUID.toLowerCase(), ticket);
	tpp.sandbox.latencyMs = LATENCY_MS;
});
afterEach(() => {
	tpp.sandbox.latencyMs = 0;
});

test('the calls before reading take the reading share: every poll still reads a step, new tickets are emitted once each', async () => {
	// Two calls before reading: more than the reading share already.
	expect(2 * LATENCY_MS).toBeGreaterThan(BUDGET_MS * READING_SHARE);
	const active = new PollingTrigger(new VenafiTicketTrigger(), { userData: CERTIFICATE_OWNERS, options: {} }, { credentials: tpp.credentials(), pollBudgetMs: BUDGET_MS });
	expect(emitted(await active.activate())).toEqual([]);
	const added: string[] = [];
	for (let count = 0; count < 25; count++) added.push(tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT }));
	const fresh: IDataObject[] = [];
	let polls = 0;
	while (fresh.length < added.length && polls < 10) {
		const items = emitted(await active.poll());
		// Each poll makes progress.
		expect(items.length).toBeGreaterThan(0);
		fresh.push(...items);
		polls++;
	}
	expect(polls).toBeGreaterThan(1);
	expect(fresh.map((ticket) => String(ticket.GUID).toLowerCase())).toEqual(added);
	expect(emitted(await active.poll())).toEqual([]);
});

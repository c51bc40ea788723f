import { VenafiFlowTicketTrigger } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicketTrigger/VenafiFlowTicketTrigger.node';
import { PollingTrigger, emitted } from '../../harness/poll';
import { codeSignTicket } from '../../sandbox/tppFlow';
import { useTppSandbox } from '../context';

/**
 * The Flow Ticket Trigger's first scan after activation, within n8n's poll budget: it spans
 * several polls and records the pending tickets without emitting them; a ticket created
 * (CreationTime) after that scan began, found by a later poll of it, is emitted as new, once.
 */

const tpp = useTppSandbox();
const flow = () => tpp.sandbox.tpp.flow;
const TICKETS = 1_000;

beforeEach(() => {
	// Pending since November (CreationTime a minute apart from 2026-11-01 09:00 UTC).
	flow().reset(Array.from({ length: TICKETS }, (_, index) => codeSignTicket(1_000 + index)));
	tpp.sandbox.latencyMs = 100;
});
afterEach(() => {
	tpp.sandbox.latencyMs = 0;
	flow().reset();
});

async function poll(active: PollingTrigger, first = false): Promise<Array<{ id: number; event: string }>> {
	const result = first ? await active.activate() : await active.poll();
	return emitted(result).map((ticket) => ({ id: Number(ticket.Id), event: String(ticket.event) }));
}

test('a Flow ticket created during the initial scan is emitted once as new; those pending before activation never; nothing twice over three more scans', async () => {
	const active = new PollingTrigger(new VenafiFlowTicketTrigger(), {}, { credentials: tpp.credentials(), pollBudgetMs: 1_000, typeVersion: 2 });
	const all = await poll(active, true);
	expect(active.memory().scan).toMatchObject({ initial: true, startedAt: expect.any(Number) });
	// A signing request while the first scan is under way (CreationTime now), and one whose
	// CreationTime is long past (it became visible late): the first new, the second recorded.
	const midScan = flow().add();
	const old = flow().add({ CreationTime: Date.UTC(2026, 0, 1) });
	let polls = 1;
	while (active.memory().scan !== undefined) {
		all.push(...(await poll(active)));
		polls++;
		expect(polls).toBeLessThan(40);
	}
	expect(polls).toBeGreaterThan(2);
	expect(all).toEqual([{ id: midScan, event: 'new' }]);
	expect(active.memory().seen).toEqual(expect.arrayContaining([midScan, old]));

	const later = flow().add();
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
});

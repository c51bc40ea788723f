import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VenafiTicketTrigger } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicketTrigger/VenafiTicketTrigger.node';
import { expectNoSecrets } from '../../harness/assertions';
import { PollingTrigger, emitted, type PollResult } from '../../harness/poll';
import { runNode } from '../../harness/run';
import { CERTIFICATE_OWNERS, TPP_CERTIFICATE_ONLY_TOKEN, TPP_TOKEN, seedTickets } from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

/**
 * Issue 27, ask 7: Venafi TPP Ticket Trigger version 2 emits `ApproverNames` beside `Approvers`
 * and `success` beside `Result`, as Venafi TPP Ticket 4 outputs them (names from
 * Identity/Validate). The names are asked only for what a poll emits, at most once per distinct
 * identity per poll, within the poll budget where n8n gives one; a token without the
 * "configuration" scope keeps the IDs and the trigger still emits. Version 1: triggersSavedV1.test.ts.
 */

const tpp = useTppSandbox();
const JOHN = 'AD+VENAFI:e3fc935977cf4940bd1d0c67433a76e5';
const MARY = 'AD+VENAFI:f824d97c78d9364499aaa93bfd6799a8';
const STRANGER = 'AD+VENAFI:0123456789abcdef0123456789abcdef';
const NAMES: Record<string, string> = { [JOHN]: 'John Smith', [MARY]: 'Mary Jones', [CERTIFICATE_OWNERS]: 'Certificate Owners' };
const NEW_CERT = '\\VED\\Policy\\Certificates\\new.venafi.example';

const validations = () => tpp.sandbox.requests.filter((request) => request.path === '/vedsdk/Identity/Validate');
const validated = () => validations().map((request) => ((request.body as IDataObject).ID as IDataObject).PrefixedUniversal);
const trigger = (parameters: INodeParameters = {}, options: { token?: string; pollBudgetMs?: number; typeVersion?: number } = {}) =>
	new PollingTrigger(
		new VenafiTicketTrigger(),
		{ userData: CERTIFICATE_OWNERS, ...parameters },
		{ credentials: tpp.credentials({ accessToken: options.token ?? TPP_TOKEN }), typeVersion: options.typeVersion ?? 2, pollBudgetMs: options.pollBudgetMs },
	);
const expectNamed = (ticket: IDataObject) =>
	expect(ticket.ApproverNames).toEqual((ticket.Approvers as string[]).map((id) => NAMES[id] ?? id));

beforeEach(() => {
	tpp.sandbox.tpp.tickets.clear();
	for (const ticket of seedTickets()) tpp.sandbox.tpp.tickets.set(ticket.GUID.toLowerCase(), ticket);
});

test('new triggers are version 2', () => {
	const { description } = new VenafiTicketTrigger();
	expect(description.version).toEqual([1, 2]);
	expect(description.defaultVersion).toBe(2);
});

test('a new ticket: ApproverNames right after Approvers in their order, success: true right after Result; an unknown approver keeps its ID', async () => {
	const active = trigger();
	expect(await active.activate()).toBeNull();
	// Recording what exists emits nothing, so no name is asked.
	expect(validations()).toHaveLength(0);
	const guid = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT, Approvers: [MARY, STRANGER, JOHN] });
	tpp.sandbox.clearLog();
	const [ticket] = emitted(await active.poll());
	expect(ticket).toMatchObject({ GUID: guid, event: 'new', Result: 1, success: true, Approvers: [MARY, STRANGER, JOHN] });
	expect(ticket.ApproverNames).toEqual(['Mary Jones', STRANGER, 'John Smith']);
	const keys = Object.keys(ticket);
	expect(keys[keys.indexOf('Approvers') + 1]).toBe('ApproverNames');
	expect(keys[keys.indexOf('Result') + 1]).toBe('success');
	expect(keys.at(-1)).toBe('event');
	expect(validated()).toEqual([MARY, STRANGER, JOHN]);
});

test('at most one Identity/Validate per distinct identity per poll, and none when a poll emits nothing', async () => {
	const active = trigger({ options: { emitExisting: true } });
	const existing = emitted(await active.activate());
	// The four seeded tickets of Certificate Owners, all approved by John: one call.
	expect(existing).toHaveLength(4);
	existing.forEach(expectNamed);
	expect(validated()).toEqual([JOHN]);

	tpp.sandbox.clearLog();
	expect(await active.poll()).toBeNull();
	expect(validations()).toHaveLength(0);

	const approverSets = [[JOHN], [MARY, CERTIFICATE_OWNERS], [JOHN, MARY], [STRANGER, JOHN], [MARY], [CERTIFICATE_OWNERS, STRANGER]];
	const added = approverSets.map((Approvers) => tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT, Approvers }));
	const fresh = emitted(await active.poll());
	expect(fresh.map((ticket) => ticket.GUID).sort()).toEqual([...added].sort());
	fresh.forEach(expectNamed);
	// Four distinct identities in the poll: four calls, each identity once (a new poll asks again).
	expect(validated().sort()).toEqual([JOHN, MARY, CERTIFICATE_OWNERS, STRANGER].sort());
});

test('only what is emitted is named: a ticket the Status option leaves out costs no name lookup', async () => {
	const active = trigger({ options: { status: ['Pending'] } });
	await active.activate();
	tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT, Approvers: [MARY], Status: 'Approved' });
	const pending = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT, Approvers: [JOHN] });
	tpp.sandbox.clearLog();
	const result = emitted(await active.poll());
	expect(result.map((ticket) => [ticket.GUID, ticket.ApproverNames])).toEqual([[pending, ['John Smith']]]);
	expect(validated()).toEqual([JOHN]);
});

test('Emit Status Changes: a changed ticket carries the names too', async () => {
	const active = trigger({ options: { emitStatusChanges: true } });
	await active.activate();
	const guid = [...tpp.sandbox.tpp.tickets.keys()][1];
	tpp.sandbox.tpp.setStatus(guid, 'Approved');
	const [changed] = emitted(await active.poll());
	expect(changed).toMatchObject({ GUID: guid, event: 'statusChanged', previousStatus: 'Pending', success: true, ApproverNames: ['John Smith'] });
});

test('a token without the "configuration" scope: the IDs stay in ApproverNames, one refused call per poll, and the trigger still emits', async () => {
	const active = trigger({}, { token: TPP_CERTIFICATE_ONLY_TOKEN });
	await active.activate();
	const first = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT, Approvers: [JOHN, MARY] });
	const second = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT, Approvers: [CERTIFICATE_OWNERS] });
	tpp.sandbox.clearLog();
	const result = await active.poll();
	expect(emitted(result).map((ticket) => [ticket.GUID, ticket.ApproverNames, ticket.success])).toEqual([
		[first, [JOHN, MARY], true],
		[second, [CERTIFICATE_OWNERS], true],
	]);
	// TPP answered the first Validate 403 insufficient_scope: no more were sent this poll.
	expect(validations()).toHaveLength(1);
	expect(JSON.stringify(result)).not.toContain(TPP_CERTIFICATE_ONLY_TOKEN);

	const third = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT, Approvers: [MARY] });
	tpp.sandbox.clearLog();
	expect(emitted(await active.poll()).map((ticket) => [ticket.GUID, ticket.ApproverNames])).toEqual([[third, [MARY]]]);
	expect(validations()).toHaveLength(1);
});

test('Identity/Validate failing otherwise (HTTP 400) keeps the ID for that approver only; the item is emitted', async () => {
	const active = trigger();
	await active.activate();
	const guid = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT, Approvers: [JOHN, MARY] });
	tpp.sandbox.queue('/vedsdk/Identity/Validate', { status: 400, body: { Error: 'Identity is invalid.' } });
	const [ticket] = emitted(await active.poll());
	expect(ticket).toMatchObject({ GUID: guid, ApproverNames: [JOHN, 'Mary Jones'] });
});

test('Fetch Test Event (a manual run) on version 2 shows the names; on version 1 it does not', async () => {
	const testStep = async (typeVersion: number) => {
		tpp.sandbox.clearLog();
		const result = await runNode(new VenafiTicketTrigger(), { userData: JOHN }, { credentials: tpp.credentials(), typeVersion });
		expectNoSecrets(result, TPP_TOKEN);
		expect(result.error).toBeUndefined();
		return result.items.map((item) => item.json);
	};
	const named = await testStep(2);
	expect(named).toHaveLength(5);
	named.forEach(expectNamed);
	expect(named.every((ticket) => ticket.success === true && ticket.event === 'existing')).toBe(true);
	expect(validated().sort()).toEqual([JOHN, MARY].sort());

	const plain = await testStep(1);
	expect(plain).toHaveLength(5);
	expect(plain.some((ticket) => 'ApproverNames' in ticket || 'success' in ticket)).toBe(false);
	expect(validations()).toHaveLength(0);
});

describe('on n8n with a poll budget (2.38+)', () => {
	const BUDGET_MS = 1_000;
	const TICKETS = 300;
	// Three known identities and 21 the directory does not know, spread over the tickets.
	const identities = [JOHN, MARY, CERTIFICATE_OWNERS, ...Array.from({ length: 21 }, (_entry, index) => `AD+VENAFI:${index.toString(16).padStart(32, 'a')}`)];

	beforeEach(() => {
		tpp.sandbox.tpp.tickets.clear();
		for (let index = 0; index < TICKETS; index++) {
			tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT, Approvers: [identities[index % identities.length], identities[(index * 7 + 3) % identities.length]] });
		}
		tpp.sandbox.latencyMs = 40;
	});
	afterEach(() => {
		tpp.sandbox.latencyMs = 0;
	});

	test(`Emit Existing Tickets on ${TICKETS} tickets naming 24 identities: every poll within a ${BUDGET_MS} ms budget, each item named, no identity asked twice in a poll`, async () => {
		const active = trigger({ options: { emitExisting: true } }, { pollBudgetMs: BUDGET_MS });
		const items: IDataObject[] = [];
		const durations: number[] = [];
		const callsPerPoll: number[] = [];
		const run = async (poll: () => Promise<PollResult>) => {
			tpp.sandbox.clearLog();
			const started = Date.now();
			items.push(...emitted(await poll()));
			durations.push(Date.now() - started);
			const asked = validated();
			expect(new Set(asked).size).toBe(asked.length);
			callsPerPoll.push(asked.length);
		};
		await run(() => active.activate());
		while (active.memory().scan !== undefined) {
			await run(() => active.poll());
			expect(durations.length).toBeLessThan(100);
		}
		expect(durations.length).toBeGreaterThan(2);
		expect(items).toHaveLength(TICKETS);
		expect(new Set(items.map((ticket) => ticket.GUID)).size).toBe(TICKETS);
		items.forEach(expectNamed);
		expect(Math.max(...durations)).toBeLessThanOrEqual(BUDGET_MS);
		// Nothing new: no names asked.
		await run(() => active.poll());
		expect(callsPerPoll.at(-1)).toBe(0);
		process.stdout.write(
			`    ${TICKETS} tickets with names, budget ${BUDGET_MS} ms: ${durations.length - 1} polls, longest ${Math.max(...durations)} ms; Identity/Validate calls per poll ${callsPerPoll.join(', ')}\n`,
		);
	});

	test('a token without the "configuration" scope within a budget: one refused call per poll, every ticket emitted with its IDs', async () => {
		const active = trigger({ options: { emitExisting: true } }, { pollBudgetMs: BUDGET_MS, token: TPP_CERTIFICATE_ONLY_TOKEN });
		const items: IDataObject[] = [];
		let polls = 0;
		tpp.sandbox.clearLog();
		items.push(...emitted(await active.activate()));
		expect(validations()).toHaveLength(1);
		while (active.memory().scan !== undefined) {
			tpp.sandbox.clearLog();
			items.push(...emitted(await active.poll()));
			expect(validations().length).toBeLessThanOrEqual(1);
			expect(++polls).toBeLessThan(100);
		}
		expect(items).toHaveLength(TICKETS);
		expect(items.every((ticket) => JSON.stringify(ticket.ApproverNames) === JSON.stringify(ticket.Approvers))).toBe(true);
	});
});

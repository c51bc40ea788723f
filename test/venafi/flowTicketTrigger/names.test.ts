import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VenafiFlowTicketTrigger } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicketTrigger/VenafiFlowTicketTrigger.node';
import { expectNoSecrets } from '../../harness/assertions';
import { PollingTrigger, emitted, type PollResult } from '../../harness/poll';
import { runNode } from '../../harness/run';
import { SANDBOX_CALLER, TPP_CERTIFICATE_ONLY_TOKEN, TPP_TOKEN } from '../../sandbox/tpp';
import { codeSignTicket, flowRequester, seedFlowTickets, type FlowTicket } from '../../sandbox/tppFlow';
import { useTppSandbox } from '../context';

/**
 * Issue 27, ask 7: Venafi TPP Flow Ticket Trigger version 2 emits names beside the prefixed
 * universal IDs of a Flow ticket: `requestedByName` after `requestedBy`, `ApproverNames` after
 * `Approvers`, `ApproverName` after each approval's `Universal` (Identity/Validate; an identity
 * without a name keeps its ID). Names are asked only for what a poll emits, at most once per
 * distinct identity per poll, within the poll budget where n8n gives one. Version 1:
 * triggersSavedV1.test.ts.
 */

const tpp = useTppSandbox();
const flow = () => tpp.sandbox.tpp.flow;
const MARY = 'AD+VENAFI:f824d97c78d9364499aaa93bfd6799a8';
const NAMES: Record<string, string> = {
	[SANDBOX_CALLER]: 'admin',
	[MARY]: 'Mary Jones',
	[flowRequester(11)]: 'Rita Requester',
	[flowRequester(12)]: 'Sam Signer',
};
const nameOf = (id: string) => NAMES[id] ?? id;

const validations = () => tpp.sandbox.requests.filter((request) => request.path === '/vedsdk/Identity/Validate');
const validated = () => validations().map((request) => ((request.body as IDataObject).ID as IDataObject).PrefixedUniversal as string);
const trigger = (parameters: INodeParameters = {}, options: { token?: string; pollBudgetMs?: number; typeVersion?: number } = {}) =>
	new PollingTrigger(new VenafiFlowTicketTrigger(), parameters, {
		credentials: tpp.credentials({ accessToken: options.token ?? TPP_TOKEN }),
		typeVersion: options.typeVersion ?? 2,
		pollBudgetMs: options.pollBudgetMs,
	});
const expectNamed = (ticket: IDataObject) => {
	expect(ticket.requestedByName).toBe(nameOf(ticket.requestedBy as string));
	expect(ticket.ApproverNames).toEqual((ticket.Approvers as string[]).map(nameOf));
	for (const approval of ticket.Approvals as IDataObject[]) expect(approval.ApproverName).toBe(nameOf(approval.Universal as string));
};

/** The seed, with ticket 14 approved once already by Mary (one of its two approvers). */
function seed(): FlowTicket[] {
	return seedFlowTickets().map((ticket) =>
		ticket.Id === 14
			? { ...ticket, Approvers: [SANDBOX_CALLER, MARY], Approvals: [{ ApprovalTime: Date.UTC(2026, 10, 1, 10, 0, 0), Universal: MARY }] }
			: ticket,
	);
}

beforeEach(() => flow().reset(seed()));
afterAll(() => flow().reset());

test('new triggers are version 2', () => {
	const { description } = new VenafiFlowTicketTrigger();
	expect(description.version).toEqual([1, 2]);
	expect(description.defaultVersion).toBe(2);
});

test('Emit Existing Tickets: each item names who asks, its approvers and who approved, each beside its ID; an unknown requester keeps the ID', async () => {
	const items = emitted(await trigger({ options: { emitExisting: true } }).activate());
	expect(items.map((ticket) => [ticket.Id, ticket.requestedByName])).toEqual([
		[11, 'Rita Requester'],
		[12, 'Sam Signer'],
		[13, flowRequester(13)],
		[14, flowRequester(14)],
	]);
	items.forEach(expectNamed);
	const fourteen = items[3];
	expect(fourteen.ApproverNames).toEqual(['admin', 'Mary Jones']);
	expect(fourteen.Approvals).toEqual([{ ApprovalTime: '2026-11-01T10:00:00.000Z', Universal: MARY, ApproverName: 'Mary Jones' }]);
	const keys = Object.keys(fourteen);
	expect(keys[keys.indexOf('requestedBy') + 1]).toBe('requestedByName');
	expect(keys[keys.indexOf('Approvers') + 1]).toBe('ApproverNames');
	expect(keys[0]).toBe('event');
	expect(keys.slice(-2)).toEqual(['requestedAt', 'approvalsMissing']);
	// Six distinct identities (four requesters, the caller, Mary): six calls, none twice.
	expect(validated().sort()).toEqual([flowRequester(11), flowRequester(12), flowRequester(13), flowRequester(14), SANDBOX_CALLER, MARY].sort());
});

test('at most one Identity/Validate per distinct identity per poll, and none when a poll emits nothing', async () => {
	const active = trigger();
	expect(await active.activate()).toBeNull();
	expect(validations()).toHaveLength(0);
	tpp.sandbox.clearLog();
	expect(await active.poll()).toBeNull();
	expect(validations()).toHaveLength(0);

	// Five new requests, all from Rita or Sam, all approved by the caller: three identities.
	const added = [0, 1, 2, 3, 4].map((index) => {
		const id = flow().add();
		const ticket = flow().tickets.get(id)!;
		ticket.Environment = ticket.Environment.map((entry) => (entry.Key === 'Requested By' ? { ...entry, Value: flowRequester(index % 2 === 0 ? 11 : 12) } : entry));
		return id;
	});
	tpp.sandbox.clearLog();
	const items = emitted(await active.poll());
	expect(items.map((ticket) => ticket.Id)).toEqual(added);
	items.forEach(expectNamed);
	expect(items.map((ticket) => ticket.requestedByName)).toEqual(['Rita Requester', 'Sam Signer', 'Rita Requester', 'Sam Signer', 'Rita Requester']);
	expect(validated().sort()).toEqual([flowRequester(11), flowRequester(12), SANDBOX_CALLER].sort());
});

test('a token without the "configuration" scope: the IDs stay in the name fields, one refused call per poll, and the trigger still emits', async () => {
	const active = trigger({ options: { emitExisting: true } }, { token: TPP_CERTIFICATE_ONLY_TOKEN });
	const items = emitted(await active.activate());
	expect(items).toHaveLength(4);
	for (const ticket of items) {
		expect(ticket.requestedByName).toBe(ticket.requestedBy);
		expect(ticket.ApproverNames).toEqual(ticket.Approvers);
	}
	expect((items[3].Approvals as IDataObject[])[0].ApproverName).toBe(MARY);
	expect(validations()).toHaveLength(1);

	const id = flow().add();
	tpp.sandbox.clearLog();
	expect(emitted(await active.poll()).map((ticket) => [ticket.Id, ticket.requestedByName])).toEqual([[id, flowRequester(id)]]);
	expect(validations()).toHaveLength(1);
});

test('Fetch Test Event (a manual run) on version 2 shows the names; on version 1 it does not', async () => {
	const testStep = async (typeVersion: number) => {
		tpp.sandbox.clearLog();
		const result = await runNode(new VenafiFlowTicketTrigger(), {}, { credentials: tpp.credentials(), typeVersion });
		expectNoSecrets(result, TPP_TOKEN);
		expect(result.error).toBeUndefined();
		return result.items.map((item) => item.json);
	};
	const named = await testStep(2);
	expect(named).toHaveLength(4);
	named.forEach(expectNamed);
	expect(validations()).toHaveLength(6);

	const plain = await testStep(1);
	expect(plain).toHaveLength(4);
	expect(plain.some((ticket) => 'requestedByName' in ticket || 'ApproverNames' in ticket)).toBe(false);
	expect(validations()).toHaveLength(0);
});

describe('on n8n with a poll budget (2.38+)', () => {
	const BUDGET_MS = 1_000;
	const TICKETS = 450;
	// 30 requesters: Rita, Sam and 28 the directory does not know.
	const requesters = Array.from({ length: 30 }, (_entry, index) => flowRequester(index + 11));

	beforeEach(() => {
		flow().reset(
			Array.from({ length: TICKETS }, (_entry, index) => {
				const ticket = codeSignTicket(3_000 + index);
				ticket.Environment = ticket.Environment.map((entry) => (entry.Key === 'Requested By' ? { ...entry, Value: requesters[index % requesters.length] } : entry));
				return ticket;
			}),
		);
		tpp.sandbox.latencyMs = 40;
	});
	afterEach(() => {
		tpp.sandbox.latencyMs = 0;
	});

	test(`Emit Existing Tickets on ${TICKETS} pending tickets from 30 requesters: every poll within a ${BUDGET_MS} ms budget, each item named, no identity asked twice in a poll, none for tickets already seen`, async () => {
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
		expect(durations.length).toBeGreaterThan(1);
		expect(items.map((ticket) => ticket.Id)).toEqual(Array.from({ length: TICKETS }, (_entry, index) => 3_000 + index));
		items.forEach(expectNamed);
		expect(Math.max(...durations)).toBeLessThanOrEqual(BUDGET_MS);
		// The next scan reads the same pages again: nothing new, no names asked.
		for (let round = 0; round < 3; round++) await run(() => active.poll());
		expect(callsPerPoll.slice(-3)).toEqual([0, 0, 0]);
		process.stdout.write(
			`    ${TICKETS} Flow tickets with names, budget ${BUDGET_MS} ms: ${durations.length - 3} polls to emit them, longest ${Math.max(...durations)} ms; Identity/Validate calls per poll ${callsPerPoll.join(', ')}\n`,
		);
	});
});

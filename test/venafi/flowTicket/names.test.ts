import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VenafiFlowTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicket/VenafiFlowTicket.node';
import { expectNoSecrets } from '../../harness/assertions';
import { runNode } from '../../harness/run';
import { SANDBOX_CALLER, TPP_CERTIFICATE_ONLY_TOKEN, TPP_TOKEN } from '../../sandbox/tpp';
import { codeSignTicket, flowRequester, seedFlowTickets, type FlowTicket } from '../../sandbox/tppFlow';
import { useTppSandbox } from '../context';

/**
 * Issue 27, ask 7: Venafi TPP Flow Ticket version 3 outputs names beside the prefixed universal
 * IDs of the tickets it reads, as the Flow Ticket Trigger version 2 does: `requestedByName` after
 * `requestedBy`, `ApproverNames` after `Approvers`, `ApproverName` after each approval's
 * `Universal` (Get, Get Many Pending, Get Many Approved; Approve's `Approvals`). Each distinct
 * identity is asked once per run of the node (Identity/Validate), whatever the items and tickets; one
 * TPP does not name, or a token without the "configuration" scope, keeps the ID and the run
 * succeeds. Versions 1 and 2 output what they did, without a single Identity/Validate call.
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
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const validations = () => tpp.sandbox.requests.filter((request) => request.path === '/vedsdk/Identity/Validate');
const validated = () => validations().map((request) => ((request.body as IDataObject).ID as IDataObject).PrefixedUniversal as string);
const distinct = (ids: string[]) => [...new Set(ids)].sort();
/** Every identity the outputs name, as TPP writes them. */
const identitiesOf = (tickets: IDataObject[]) =>
	tickets.flatMap((ticket) => [
		...(typeof ticket.requestedBy === 'string' ? [ticket.requestedBy] : []),
		...((ticket.Approvers as string[] | undefined) ?? []),
		...((ticket.Approvals as IDataObject[] | undefined) ?? []).map((approval) => approval.Universal as string),
	]);

const run = async (parameters: INodeParameters, typeVersion = 3, options: { token?: string; items?: IDataObject[] } = {}) => {
	const token = options.token ?? TPP_TOKEN;
	tpp.sandbox.clearLog();
	const result = await runNode(new VenafiFlowTicket(), parameters, {
		credentials: tpp.credentials({ accessToken: token }),
		typeVersion,
		items: options.items,
	});
	expectNoSecrets(result, token);
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json);
};

const expectNamed = (ticket: IDataObject) => {
	expect(ticket.requestedByName).toBe(nameOf(ticket.requestedBy as string));
	expect(ticket.ApproverNames).toEqual((ticket.Approvers as string[]).map(nameOf));
	for (const approval of ticket.Approvals as IDataObject[]) expect(approval.ApproverName).toBe(nameOf(approval.Universal as string));
	const keys = Object.keys(ticket);
	expect(keys[keys.indexOf('requestedBy') + 1]).toBe('requestedByName');
	expect(keys[keys.indexOf('Approvers') + 1]).toBe('ApproverNames');
};
const expectUnnamed = (ticket: IDataObject) => {
	expect(Object.keys(ticket)).not.toEqual(expect.arrayContaining(['requestedByName']));
	expect(ticket).not.toHaveProperty('ApproverNames');
	for (const approval of (ticket.Approvals as IDataObject[] | undefined) ?? []) expect(approval).not.toHaveProperty('ApproverName');
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

describe('version 3 names the identities', () => {
	test('Get: who asks, the approvers and who approved, each beside its ID; one Identity/Validate per distinct identity', async () => {
		const tickets = await run({ operation: 'get', ticketId: byId('11, 12, 14') });
		expect(tickets.map((ticket) => [ticket.Id, ticket.requestedByName])).toEqual([
			[11, 'Rita Requester'],
			[12, 'Sam Signer'],
			[14, flowRequester(14)],
		]);
		tickets.forEach(expectNamed);
		expect(tickets[2].ApproverNames).toEqual(['admin', 'Mary Jones']);
		expect(tickets[2].Approvals).toEqual([{ ApprovalTime: '2026-11-01T10:00:00.000Z', Universal: MARY, ApproverName: 'Mary Jones' }]);
		// Five identities (three requesters, the caller named by all three, Mary named twice): five calls.
		expect(validated().sort()).toEqual(distinct(identitiesOf(tickets)));
		expect(validations()).toHaveLength(5);
	});

	test('Get Many Pending: every ticket named; calls = distinct identities, none twice', async () => {
		const tickets = await run({ operation: 'getManyPending', returnAll: true });
		expect(tickets.map((ticket) => ticket.Id)).toEqual(expect.arrayContaining([11, 12, 13, 14]));
		tickets.forEach(expectNamed);
		const asked = validated();
		expect(asked.sort()).toEqual(distinct(identitiesOf(tickets)));
		expect(asked.length).toBeLessThan(identitiesOf(tickets).length);
	});

	test('Get Many Approved: the approved ticket names who asked, its approvers and who approved', async () => {
		const tickets = await run({ operation: 'getManyApproved', returnAll: true });
		expect(tickets.map((ticket) => ticket.Id)).toEqual([21]);
		tickets.forEach(expectNamed);
		expect(tickets[0].Approvals).toEqual([expect.objectContaining({ Universal: SANDBOX_CALLER, ApproverName: 'admin' })]);
		expect(validated().sort()).toEqual(distinct(identitiesOf(tickets)));
	});

	test('fifty pending tickets from three requesters: four Identity/Validate calls (three requesters and the caller)', async () => {
		const requesters = [flowRequester(11), flowRequester(12), flowRequester(77)];
		flow().reset(
			Array.from({ length: 50 }, (_entry, index) => {
				const ticket = codeSignTicket(2_000 + index);
				ticket.Environment = ticket.Environment.map((entry) => (entry.Key === 'Requested By' ? { ...entry, Value: requesters[index % 3] } : entry));
				return ticket;
			}),
		);
		const tickets = await run({ operation: 'getManyPending', returnAll: true });
		expect(tickets).toHaveLength(50);
		tickets.forEach(expectNamed);
		expect(validated().sort()).toEqual([...requesters, SANDBOX_CALLER].sort());
	});

	test('several input items in one execution: an identity asked for one item is not asked again for the next', async () => {
		const tickets = await run({ operation: 'get', ticketId: byId('={{ $json.id }}') }, 3, {
			items: [{ id: '11' }, { id: '12' }, { id: '11' }, { id: '14' }],
		});
		expect(tickets.map((ticket) => ticket.Id)).toEqual([11, 12, 11, 14]);
		tickets.forEach(expectNamed);
		const asked = validated();
		expect(new Set(asked).size).toBe(asked.length);
		expect(asked.sort()).toEqual(distinct(identitiesOf(tickets)));
	});

	test('Approve: each approval names who approved; no name is asked for the requester or the approvers', async () => {
		const [output] = await run({ operation: 'approve', ticketId: byId('14'), comment: 'Release signing' });
		expect(output).toMatchObject({ TicketId: 14, Result: 0, success: true, approved: true, approvalsNeeded: 0 });
		expect(output.Approvals).toEqual([
			{ ApprovalTime: '2026-11-01T10:00:00.000Z', Universal: MARY, ApproverName: 'Mary Jones' },
			{ ApprovalTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), Universal: SANDBOX_CALLER, ApproverName: 'admin' },
		]);
		expect(output).not.toHaveProperty('requestedByName');
		expect(output).not.toHaveProperty('ApproverNames');
		expect(validated().sort()).toEqual([MARY, SANDBOX_CALLER].sort());
	});

	test('Reject and Update carry no identities: no Identity/Validate call', async () => {
		const [rejected] = await run({ operation: 'reject', ticketId: byId('12'), comment: 'Not this build', rejectionLevel: 1 });
		expect(rejected).toEqual({ TicketId: 12, Result: 0, success: true, Comment: 'Not this build', RejectionLevel: 1 });
		expect(validations()).toHaveLength(0);
		const [updated] = await run({ operation: 'update', ticketId: byId('21'), updateFields: { useCount: 5 } });
		expect(updated).toEqual({ TicketId: 21, Result: 0, success: true, useCount: 5 });
		expect(validations()).toHaveLength(0);
	});

	test('a token without the "configuration" scope: the IDs stay in the name fields, one refused call per run of the node, and the run succeeds', async () => {
		const tickets = await run({ operation: 'getManyPending', returnAll: true }, 3, { token: TPP_CERTIFICATE_ONLY_TOKEN });
		expect(tickets.length).toBeGreaterThanOrEqual(4);
		for (const ticket of tickets) {
			expect(ticket.requestedByName).toBe(ticket.requestedBy);
			expect(ticket.ApproverNames).toEqual(ticket.Approvers);
			for (const approval of ticket.Approvals as IDataObject[]) expect(approval.ApproverName).toBe(approval.Universal);
		}
		expect(validations()).toHaveLength(1);

		// Approving needs an ":approve" scope: the credential's default scope, without "configuration".
		const DEFAULT_SCOPE_TOKEN = 'sandbox-tpp-token-DefaultScopeNoConfiguration';
		tpp.sandbox.tpp.tokens.add(DEFAULT_SCOPE_TOKEN);
		tpp.sandbox.tpp.tokenScopes.set(DEFAULT_SCOPE_TOKEN, 'agent;certificate:approve');
		try {
			const [approved] = await run({ operation: 'approve', ticketId: byId('14') }, 3, { token: DEFAULT_SCOPE_TOKEN });
			expect(approved).toMatchObject({ success: true, approved: true });
			expect((approved.Approvals as IDataObject[]).map((approval) => approval.ApproverName)).toEqual([MARY, SANDBOX_CALLER]);
			expect(validations()).toHaveLength(1);
		} finally {
			tpp.sandbox.tpp.tokens.delete(DEFAULT_SCOPE_TOKEN);
			tpp.sandbox.tpp.tokenScopes.delete(DEFAULT_SCOPE_TOKEN);
		}
	});

	test('an identity TPP does not know keeps its ID', async () => {
		const [ticket] = await run({ operation: 'get', ticketId: byId('13') });
		expect(ticket.requestedBy).toBe(flowRequester(13));
		expect(ticket.requestedByName).toBe(flowRequester(13));
		expect(ticket.ApproverNames).toEqual(['admin']);
	});
});

describe.each([1, 2])('version %i outputs what it did: no names, no Identity/Validate call', (version) => {
	test('Get, Get Many Pending, Get Many Approved', async () => {
		const got = await run({ operation: 'get', ticketId: byId('11, 14') }, version);
		expect(got.map((ticket) => ticket.Id)).toEqual([11, 14]);
		got.forEach(expectUnnamed);
		expect(validations()).toHaveLength(0);
		const pending = await run({ operation: 'getManyPending', returnAll: true }, version);
		expect(pending.length).toBeGreaterThanOrEqual(4);
		pending.forEach(expectUnnamed);
		expect(validations()).toHaveLength(0);
		const approved = await run({ operation: 'getManyApproved', returnAll: true }, version);
		expect(approved.map((ticket) => ticket.Id)).toEqual([21]);
		approved.forEach(expectUnnamed);
		expect(validations()).toHaveLength(0);
	});
});

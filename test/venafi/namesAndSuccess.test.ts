import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INode, INodeParameters, INodeType } from 'n8n-workflow';

import { VenafiFlowTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicket/VenafiFlowTicket.node';
import { VenafiTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { expectNoSecrets } from '../harness/assertions';
import { listSearch } from '../harness/loadOptions';
import { runNode } from '../harness/run';
import { CERTIFICATE_OWNERS, SANDBOX_CALLER, TPP_CERTIFICATE_ONLY_TOKEN, TPP_TOKEN, ticketGuid } from '../sandbox/tpp';
import { codeSignTicket, flowRequester } from '../sandbox/tppFlow';
import { useTppSandbox } from './context';

/**
 * Issue 27, asks 7 and 8 (Venafi): names where TPP gives one (Identity/Validate), and one
 * `success` field beside the vendor's raw Result code. Venafi TPP Ticket version 4 and Venafi
 * TPP Flow Ticket version 3 add them; the versions before output exactly what they did.
 */

const tpp = useTppSandbox();
const flow = () => tpp.sandbox.tpp.flow;
const SEED_GUID = 'af415f09-d487-43de-ba2e-f61d089b4e68';
const JOHN = 'AD+VENAFI:e3fc935977cf4940bd1d0c67433a76e5';
const MARY = 'AD+VENAFI:f824d97c78d9364499aaa93bfd6799a8';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const validations = () => tpp.sandbox.requests.filter((request) => request.path === '/vedsdk/Identity/Validate');
const flowCalls = (endpoint: string) => tpp.sandbox.requests.filter((request) => request.path === `/vedsdk/Flow/Tickets/${endpoint}`);

const run = async (node: INodeType, parameters: INodeParameters, typeVersion: number, token = TPP_TOKEN) => {
	const result = await runNode(node, parameters, { credentials: tpp.credentials({ accessToken: token }), typeVersion });
	expectNoSecrets(result, token);
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json);
};

beforeEach(() => flow().reset());

describe('the sandbox emulates Identity/Validate from its reference', () => {
	const validate = async (body: unknown, token = TPP_TOKEN) => {
		const response = await fetch(`${tpp.sandbox.url}/vedsdk/Identity/Validate`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, text, body: text === '' ? undefined : (JSON.parse(text) as IDataObject) };
	};

	test('a known identity comes back whole, by its prefixed universal ID or its prefixed name', async () => {
		const answer = await validate({ ID: { PrefixedUniversal: MARY } });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			ID: {
				FullName: 'CN=Mary Jones,OU=PKI,DC=venafi,DC=example',
				IsContainer: false,
				IsGroup: false,
				Name: 'mjones',
				Prefix: 'AD+VENAFI',
				PrefixedName: 'AD+VENAFI:mjones',
				PrefixedUniversal: MARY,
				Type: 1,
				Universal: 'f824d97c78d9364499aaa93bfd6799a8',
			},
		});
		expect((await validate({ ID: { PrefixedName: 'local:admin' } })).body?.ID).toMatchObject({ PrefixedUniversal: SANDBOX_CALLER });
	});

	test('an identity TPP does not know: HTTP 200 with an empty body', async () => {
		const answer = await validate({ ID: { PrefixedUniversal: 'local:{00000000-0000-4000-8000-00000000dead}' } });
		expect(answer).toMatchObject({ status: 200, text: '' });
	});

	test('no ID, or an ID without a usable field: HTTP 400 with Error', async () => {
		expect(await validate({})).toMatchObject({ status: 400, body: { Error: expect.stringMatching(/ID is required/) } });
		expect(await validate({ ID: { Prefix: 'local' } })).toMatchObject({ status: 400, body: { Error: expect.stringMatching(/PrefixedUniversal/) } });
	});

	test('token scope Configuration: a token without it gets 403 insufficient_scope', async () => {
		const answer = await validate({ ID: { PrefixedUniversal: MARY } }, TPP_CERTIFICATE_ONLY_TOKEN);
		expect(answer).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
	});
});

describe('Venafi TPP Ticket version 4: ApproverNames beside Approvers, success beside Result', () => {
	test('Get Details (Simplify off): the names in the approvers\' order, success: true after Result: 1', async () => {
		const [ticket] = await run(new VenafiTicket(), { operation: 'get', guid: byId(SEED_GUID), simplify: false }, 4);
		expect(ticket.Approvers).toEqual([JOHN, MARY]);
		expect(ticket.ApproverNames).toEqual(['John Smith', 'Mary Jones']);
		expect(ticket).toMatchObject({ Result: 1, success: true });
		// Each new field sits beside the field it explains.
		const keys = Object.keys(ticket);
		expect(keys[keys.indexOf('Approvers') + 1]).toBe('ApproverNames');
		expect(keys[keys.indexOf('Result') + 1]).toBe('success');
		expect(validations().map((request) => request.body)).toEqual([
			{ ID: { PrefixedUniversal: JOHN } },
			{ ID: { PrefixedUniversal: MARY } },
		]);
	});

	test('Get Details (Simplify on, the default): ApproverNames right after Approvers', async () => {
		const [ticket] = await run(new VenafiTicket(), { operation: 'get', guid: byId(SEED_GUID) }, 4);
		expect(Object.keys(ticket)).toEqual(['GUID', 'Status', 'Object', 'Approvers', 'ApproverNames', 'Created', 'Updated', 'Reason', 'Explanation']);
		expect(ticket.ApproverNames).toEqual(['John Smith', 'Mary Jones']);
	});

	test('Get Many: five tickets naming two approvers make two Identity/Validate calls, not one per ticket', async () => {
		const tickets = await run(
			new VenafiTicket(),
			{ operation: 'getMany', userData: JOHN, returnAll: true, simplify: false },
			4,
		);
		expect(tickets.length).toBe(5);
		for (const ticket of tickets) {
			expect(ticket.ApproverNames).toEqual((ticket.Approvers as string[]).map((id) => (id === JOHN ? 'John Smith' : 'Mary Jones')));
			expect(ticket.success).toBe(true);
		}
		expect(validations()).toHaveLength(2);
	});

	test('an approver TPP does not know keeps its ID among the names', async () => {
		const stranger = 'AD+VENAFI:0123456789abcdef0123456789abcdef';
		const guid = tpp.sandbox.tpp.addTicket({ Approvers: [stranger, CERTIFICATE_OWNERS] });
		const [ticket] = await run(new VenafiTicket(), { operation: 'get', guid: byId(guid), simplify: false }, 4);
		expect(ticket.ApproverNames).toEqual([stranger, 'Certificate Owners']);
	});

	test('a token without the "configuration" scope: the output keeps the IDs as names, one refused call, no failure', async () => {
		const [ticket] = await run(new VenafiTicket(), { operation: 'get', guid: byId(SEED_GUID), simplify: false }, 4, TPP_CERTIFICATE_ONLY_TOKEN);
		expect(ticket.ApproverNames).toEqual([JOHN, MARY]);
		expect(validations()).toHaveLength(1);
	});

	test('Update Status: success: true after Result: 1', async () => {
		const [output] = await run(new VenafiTicket(), { operation: 'updateStatus', guid: byId(ticketGuid(1)), status: 'Approved' }, 4);
		expect(output).toEqual({ GUID: ticketGuid(1), Status: 'Approved', Result: 1, success: true });
	});

	test('Create: the names of the approvers it sent', async () => {
		const [output] = await run(
			new VenafiTicket(),
			{
				operation: 'create',
				objectDn: byId('\\VED\\Policy\\Certificates\\web.venafi.example'),
				workflowDn: byId('\\VED\\Policy\\Workflows\\Renewal Approval'),
				approvers: ['AD+VENAFI:jsmith', MARY],
			},
			4,
		);
		expect(output).toMatchObject({ Approvers: ['AD+VENAFI:jsmith', MARY], ApproverNames: ['John Smith', 'Mary Jones'] });
		expect(validations().map((request) => request.body)).toEqual([
			{ ID: { PrefixedName: 'AD+VENAFI:jsmith' } },
			{ ID: { PrefixedUniversal: MARY } },
		]);
	});

	test.each([1, 2, 3])('version %i outputs what it did: no success, no ApproverNames, no Identity/Validate call', async (version) => {
		const [details] = await run(new VenafiTicket(), { operation: 'get', guid: byId(SEED_GUID), simplify: false }, version);
		expect(details).not.toHaveProperty('success');
		expect(details).not.toHaveProperty('ApproverNames');
		expect(details.Result).toBe(1);
		const [updated] = await run(new VenafiTicket(), { operation: 'updateStatus', guid: byId(ticketGuid(2)), status: 'Approved' }, version);
		expect(updated).toEqual({ GUID: ticketGuid(2), Status: 'Approved', Result: 1 });
		expect(validations()).toHaveLength(0);
	});
});

describe('Venafi TPP Flow Ticket version 3: success beside Result; Approve says whether the ticket is now approved', () => {
	test('Approve: a ticket needing one approval is now approved; one needing two still needs one; one Load for both', async () => {
		const outputs = await run(new VenafiFlowTicket(), { operation: 'approve', ticketId: byId('11, 14'), comment: 'Release signing' }, 3);
		expect(outputs).toEqual([
			expect.objectContaining({ TicketId: 11, Result: 0, success: true, Comment: 'Release signing', approved: true, approvalsNeeded: 0, RequiredApprovals: 1 }),
			expect.objectContaining({ TicketId: 14, Result: 0, success: true, Comment: 'Release signing', approved: false, approvalsNeeded: 1, RequiredApprovals: 2 }),
		]);
		// Who approved and when, from TPP's Load answer (dates in ISO 8601), with the approver's name.
		expect(outputs[1].Approvals).toEqual([{ ApprovalTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), Universal: SANDBOX_CALLER, ApproverName: 'admin' }]);
		expect(flowCalls('Load').map((request) => request.body)).toEqual([{ TicketIds: [11, 14] }]);
		// The sandbox agrees: 11 moved to the approved list, 14 is still pending.
		expect(flow().tickets.get(11)?.status).toBe(1);
		expect(flow().tickets.get(14)?.status).toBe(0);
	});

	test('the second approval of ticket 14 makes it approved', async () => {
		flow().tickets.get(14)!.Approvals.push({ ApprovalTime: Date.now(), Universal: 'local:{a69f5174-4961-4781-b338-58f983b0b922}' });
		const [output] = await run(new VenafiFlowTicket(), { operation: 'approve', ticketId: byId('14') }, 3);
		expect(output).toMatchObject({ approved: true, approvalsNeeded: 0 });
		expect(flowCalls('Load').map((request) => request.body)).toEqual([{ TicketId: 14 }]);
	});

	test('when reading the ticket after the approval fails, the item still succeeds and says the state is unknown', async () => {
		tpp.sandbox.queue('/vedsdk/Flow/Tickets/Load', { status: 200, body: { Result: 7, Message: 'Database unavailable' } });
		const [output] = await run(new VenafiFlowTicket(), { operation: 'approve', ticketId: byId('12') }, 3);
		expect(output).toMatchObject({ TicketId: 12, Result: 0, success: true, approved: null, approvalsNeeded: null });
		expect(output.approvalStateError).toMatch(/^The approval was made, but reading the ticket afterwards failed: .*Result 7 FailedToGetTicket/);
		expect(flow().tickets.get(12)?.status).toBe(1);
	});

	test('Reject and Update: success: true after Result: 0', async () => {
		const [rejected] = await run(new VenafiFlowTicket(), { operation: 'reject', ticketId: byId('12'), comment: 'Not this build', rejectionLevel: 1 }, 3);
		expect(rejected).toEqual({ TicketId: 12, Result: 0, success: true, Comment: 'Not this build', RejectionLevel: 1 });
		const [updated] = await run(new VenafiFlowTicket(), { operation: 'update', ticketId: byId('21'), updateFields: { useCount: 5 } }, 3);
		expect(updated).toEqual({ TicketId: 21, Result: 0, success: true, useCount: 5 });
	});

	test.each([1, 2])('version %i: Approve outputs what it did, without a Load', async (version) => {
		const outputs = await run(new VenafiFlowTicket(), { operation: 'approve', ticketId: byId('11, 14'), comment: 'ok' }, version);
		expect(outputs).toEqual([
			{ TicketId: 11, Result: 0, Comment: 'ok' },
			{ TicketId: 14, Result: 0, Comment: 'ok' },
		]);
		expect(flowCalls('Load')).toHaveLength(0);
	});
});

describe('the Flow ticket picker names who asks', () => {
	const search = async (token = TPP_TOKEN) =>
		await listSearch(new VenafiFlowTicket(), 'searchPendingFlowTickets', { credentials: tpp.credentials({ accessToken: token }), typeVersion: 3 });

	test('by name where TPP knows the requester, by ID where it does not; one call per distinct requester', async () => {
		const { results } = await search();
		expect(results.map((item) => item.name)).toEqual([
			'#11 · Signing key 11 · by Rita Requester',
			'#12 · Signing key 12 · by Sam Signer',
			`#13 · Signing key 13 · by ${flowRequester(13)}`,
			`#14 · Signing key 14 · by ${flowRequester(14)}`,
		]);
		expect(validations()).toHaveLength(4);
	});

	test('typing a requester\'s name finds their tickets', async () => {
		const { results } = await listSearch(new VenafiFlowTicket(), 'searchPendingFlowTickets', { credentials: tpp.credentials(), filter: 'sam signer' });
		expect(results.map((item) => item.value)).toEqual(['12']);
	});

	test('a page of 50 tickets from 3 requesters makes 3 Identity/Validate calls', async () => {
		const requesters = [flowRequester(11), flowRequester(12), flowRequester(77)];
		flow().reset(
			Array.from({ length: 50 }, (_entry, index) => {
				const ticket = codeSignTicket(2000 + index);
				ticket.Environment = ticket.Environment.map((entry) =>
					entry.Key === 'Requested By' ? { ...entry, Value: requesters[index % 3] } : entry,
				);
				return ticket;
			}),
		);
		const { results } = await search();
		expect(results).toHaveLength(50);
		expect(results[0].name).toBe('#2000 · Signing key 2000 · by Rita Requester');
		expect(results[1].name).toBe('#2001 · Signing key 2001 · by Sam Signer');
		expect(results[2].name).toBe(`#2002 · Signing key 2002 · by ${flowRequester(77)}`);
		expect(validations()).toHaveLength(3);
	});

	test('a token without the "configuration" scope: the list still works with IDs, after one refused call', async () => {
		const { results } = await search(TPP_CERTIFICATE_ONLY_TOKEN);
		expect(results.map((item) => item.value)).toEqual(['11', '12', '13', '14']);
		expect(results[0].name).toBe(`#11 · Signing key 11 · by ${flowRequester(11)}`);
		expect(validations()).toHaveLength(1);
	});
});

describe('an exported workflow saved before these versions runs as before', () => {
	const saved = JSON.parse(
		readFileSync(join(__dirname, '../fixtures/venafi-outputs-saved-before-success.json'), 'utf8'),
	) as { nodes: Array<INode & { parameters: INodeParameters }> };
	const node = (name: string) => saved.nodes.find((entry) => entry.name === name)!;
	const runSaved = async (name: string) => {
		const entry = node(name);
		const type = entry.type.endsWith('.venafiFlowTicket') ? new VenafiFlowTicket() : new VenafiTicket();
		return await run(type, entry.parameters, entry.typeVersion);
	};

	test('its nodes are the versions before (Ticket 3, Flow Ticket 2)', () => {
		expect(saved.nodes.map((entry) => entry.typeVersion)).toEqual([3, 3, 3, 2]);
	});

	test('each node gives the output it gave before: no success, no names, no extra calls', async () => {
		const [details] = await runSaved('Get ticket details');
		expect(Object.keys(details)).toEqual(['GUID', 'ApprovalExplanation', 'ApprovalFrom', 'ApprovalReason', 'Approvers', 'Blocking', 'Created', 'IssuedDueTo', 'Result', 'Status', 'Updated']);
		const [simplified] = await runSaved('Get ticket details (simplified)');
		expect(Object.keys(simplified)).toEqual(['GUID', 'Status', 'Object', 'Approvers', 'Created', 'Updated', 'Reason', 'Explanation']);
		const [updated] = await runSaved('Approve ticket');
		expect(updated).toEqual({ GUID: ticketGuid(1), Status: 'Approved', Result: 1 });
		const approved = await runSaved('Approve Flow tickets');
		expect(approved).toEqual([
			{ TicketId: 11, Result: 0, Comment: 'Release signing' },
			{ TicketId: 14, Result: 0, Comment: 'Release signing' },
		]);
		expect(validations()).toHaveLength(0);
		expect(flowCalls('Load')).toHaveLength(0);
	});
});

import type { INodeParameters } from 'n8n-workflow';

import { VenafiFlowTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicket/VenafiFlowTicket.node';
import { FLOW_RESULT_CODES } from '../../../packages/venafi-tpp/nodes/Venafi/helpers/flowResultCodes';
import { expectNoSecrets } from '../../harness/assertions';
import { NEXT_YEAR, nextYear } from '../../harness/dates';
import { runNode } from '../../harness/run';
import { TPP_CERTIFICATE_ONLY_TOKEN, TPP_TOKEN } from '../../sandbox/tpp';
import { DOCUMENTED_PRODUCT_CODE, NOT_MY_TICKET_ID, OTHER_PRODUCT_CODE, codeSignTicket } from '../../sandbox/tppFlow';
import { useTppSandbox } from '../context';

const tpp = useTppSandbox();
const flow = () => tpp.sandbox.tpp.flow;

const run = async (
	parameters: INodeParameters,
	options: Omit<Parameters<typeof runNode>[2], 'credentials'> = {},
) => {
	const result = await runNode(new VenafiFlowTicket(), parameters, { credentials: tpp.credentials(), ...options });
	expectNoSecrets(result, TPP_TOKEN);
	return result;
};
const json = (result: Awaited<ReturnType<typeof run>>) => result.items.map((item) => item.json);
const bodies = (endpoint: string) =>
	tpp.sandbox.requests.filter((request) => request.path === `/vedsdk/Flow/Tickets/${endpoint}`).map((request) => request.body);
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

beforeEach(() => {
	flow().reset();
	tpp.sandbox.latencyMs = 0;
});

describe('the node description', () => {
	test('is usable as a tool, and every operation has an action text and a description an agent can choose from', () => {
		const { description } = new VenafiFlowTicket();
		expect(description.usableAsTool).toBe(true);
		const operation = description.properties.find((property) => property.name === 'operation');
		const options = (operation?.options ?? []) as Array<{ value: string; action?: string; description?: string }>;
		expect(options.map((option) => option.value).sort()).toEqual(
			['approve', 'countApproved', 'countPending', 'get', 'getManyApproved', 'getManyPending', 'reject', 'update'],
		);
		for (const option of options) {
			expect(option.action).toMatch(/Flow ticket/);
			// Endpoints are in the README, not in what the agent or the editor shows.
			expect(option.description).toMatch(/Venafi Flow tickets?/);
			expect(option.description).not.toMatch(/POST|Flow\/Tickets/);
		}
	});
});

describe('Get Many Pending / Approved', () => {
	test('lists the pending tickets the caller approves, with dates in ISO and who asks, for what and why', async () => {
		const result = await run({ operation: 'getManyPending', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(json(result).map((ticket) => ticket.Id)).toEqual([11, 12, 13, 14]);
		const first = json(result)[0];
		expect(first).toMatchObject({
			Id: 11,
			ProductCode: DOCUMENTED_PRODUCT_CODE,
			RequiredApprovals: 1,
			CreationTime: new Date(Date.UTC(2026, 10, 1, 9, 11, 0)).toISOString(),
			object: '\\VED\\Code Signing\\Projects\\Release\\Environments\\Signing key 11',
			reason: 'Sign release build 11',
		});
		expect(first.requestedBy).toMatch(/^local:\{/);
		expect(first.environment).toMatchObject({ Comment: 'Sign release build 11' });
		expect(bodies('Enumerate')).toEqual([{ TicketPageSize: 100, TicketPageNumber: 0 }]);
	});

	test('Return All walks the pages (TicketPageNumber from 0) until a short page', async () => {
		flow().reset(Array.from({ length: 230 }, (_entry, index) => codeSignTicket(1000 + index)));
		const result = await run({ operation: 'getManyPending', returnAll: true });
		expect(json(result)).toHaveLength(230);
		expect(new Set(json(result).map((ticket) => ticket.Id)).size).toBe(230);
		expect(bodies('Enumerate').map((body) => (body as { TicketPageNumber: number }).TicketPageNumber)).toEqual([0, 1, 2]);
	});

	test('Limit stops at the page that reaches it; a small Limit asks for a small page', async () => {
		flow().reset(Array.from({ length: 230 }, (_entry, index) => codeSignTicket(1000 + index)));
		const result = await run({ operation: 'getManyPending', returnAll: false, limit: 120 });
		expect(json(result).map((ticket) => ticket.Id)).toEqual(Array.from({ length: 120 }, (_entry, index) => 1000 + index));
		expect(bodies('Enumerate')).toEqual([
			{ TicketPageSize: 100, TicketPageNumber: 0 },
			{ TicketPageSize: 100, TicketPageNumber: 1 },
		]);
		tpp.sandbox.clearLog();
		expect(json(await run({ operation: 'getManyPending', returnAll: false, limit: 3 })).map((ticket) => ticket.Id)).toEqual([1000, 1001, 1002]);
		expect(bodies('Enumerate')).toEqual([{ TicketPageSize: 3, TicketPageNumber: 0 }]);
	});

	test('a server that ignores paging does not make Return All loop', async () => {
		for (let i = 0; i < 2; i++) {
			tpp.sandbox.queue('/vedsdk/Flow/Tickets/Enumerate', {
				status: 200,
				body: { Tickets: Array.from({ length: 100 }, (_entry, index) => ({ Id: index + 1, Environment: [] })) },
			});
		}
		const result = await run({ operation: 'getManyPending', returnAll: true });
		expect(json(result)).toHaveLength(100);
		expect(bodies('Enumerate')).toHaveLength(2);
	});

	test('the Product Code filter is sent as ProductCode', async () => {
		const result = await run({ operation: 'getManyPending', returnAll: true, filters: { productCode: OTHER_PRODUCT_CODE } });
		expect(json(result).map((ticket) => ticket.Id)).toEqual([13]);
		expect(bodies('Enumerate')[0]).toMatchObject({ ProductCode: OTHER_PRODUCT_CODE });
	});

	test('approved tickets come from EnumerateApproved with their remaining uses', async () => {
		const result = await run({ operation: 'getManyApproved', returnAll: true });
		expect(json(result)).toMatchObject([{ Id: 21, RemainingUses: 3 }]);
		expect(json(result)[0].Approvals).toEqual([
			{ ApprovalTime: new Date(Date.UTC(2026, 10, 1, 10, 0, 0)).toISOString(), Universal: expect.stringMatching(/^local:/) },
		]);
	});

	test('no pending tickets: no items, no error', async () => {
		flow().reset([]);
		const result = await run({ operation: 'getManyPending', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(0);
	});

	test('a failing Enumerate names its Result code', async () => {
		tpp.sandbox.queue('/vedsdk/Flow/Tickets/Enumerate', { status: 200, body: { Result: 3, Message: 'Database unavailable' } });
		const result = await run({ operation: 'getManyPending', returnAll: true });
		expect(result.error?.message).toBe(
			'Venafi TPP Get Many Pending failed (Result 3 FailedToEnumerateTickets: TPP could not list the tickets. TPP said: Database unavailable)',
		);
	});

	test('a bad Limit is refused before any request', async () => {
		const result = await run({ operation: 'getManyPending', returnAll: false, limit: 0 });
		expect(result.error?.message).toBe('The "Limit" parameter must be a whole number of 1 or more, but it is 0');
		expect(tpp.sandbox.requests).toHaveLength(0);
	});
});

describe('Count Pending / Approved', () => {
	test('count, and the counts follow an approval', async () => {
		expect(json(await run({ operation: 'countPending' }))).toEqual([{ Count: 4, status: 'Pending' }]);
		expect(json(await run({ operation: 'countApproved' }))).toEqual([{ Count: 1, status: 'Approved' }]);
		await run({ operation: 'approve', ticketId: byId('11') });
		expect(json(await run({ operation: 'countPending' }))).toEqual([{ Count: 3, status: 'Pending' }]);
		expect(json(await run({ operation: 'countApproved' }))).toEqual([{ Count: 2, status: 'Approved' }]);
		// n8n's request helper sends no body for an empty object; the reference lists no parameters.
		expect(bodies('Count')).toEqual([undefined, undefined]);
	});
});

describe('Get', () => {
	test('one Id sends TicketId and reads the answer\'s Ticket', async () => {
		const result = await run({ operation: 'get', ticketId: { __rl: true, mode: 'list', value: '12' } });
		expect(json(result)).toMatchObject([{ Id: 12, reason: 'Sign release build 12' }]);
		expect(bodies('Load')).toEqual([{ TicketId: 12 }]);
	});

	test('several Ids send TicketIds and output one item each', async () => {
		const result = await run({ operation: 'get', ticketId: byId('12, 21,12') });
		expect(json(result).map((ticket) => ticket.Id)).toEqual([12, 21]);
		expect(bodies('Load')).toEqual([{ TicketIds: [12, 21] }]);
	});

	test('an unknown Id names Result 2 TicketNotFound', async () => {
		const result = await run({ operation: 'get', ticketId: byId('404') });
		expect(result.error?.message).toBe(
			'Venafi TPP Get failed for ticket 404 (Result 2 TicketNotFound: no Flow ticket has this Id. TPP said: Ticket 404 was not found.)',
		);
	});

	test.each([
		['abc', 'The "Ticket ID" parameter must hold Flow ticket Ids (whole numbers such as 12, or 12, 13), but it contains "abc"'],
		['', 'The "Ticket ID" parameter is required but is empty'],
		['-3', 'The "Ticket ID" parameter must hold Flow ticket Ids (whole numbers such as 12, or 12, 13), but it contains "-3"'],
		[[12, 1.5], 'The "Ticket ID" parameter must hold Flow ticket Ids (whole numbers such as 12, or 12, 13), but it contains 1.5'],
	])('a bad Id from an expression (%p) is refused before any request', async (value, message) => {
		const result = await run({ operation: 'get', ticketId: byId('={{ $json.id }}') }, { items: [{ id: value }] });
		expect(result.error?.message).toBe(message);
		expect(tpp.sandbox.requests).toHaveLength(0);
	});

	test('a list of Ids from an expression is read as several tickets', async () => {
		const result = await run({ operation: 'get', ticketId: byId('={{ $json.ids }}') }, { items: [{ ids: [11, '12'] }] });
		expect(json(result).map((ticket) => ticket.Id)).toEqual([11, 12]);
	});
});

describe('Approve', () => {
	test('approves with a comment and a one-hour window read in the workflow\'s time zone, sent as TPP\'s UTC form', async () => {
		const result = await run(
			{
				operation: 'approve',
				ticketId: byId('11'),
				comment: 'Release 4.2',
				options: { notBefore: nextYear('03-01T09:00:00'), expires: nextYear('03-01T10:00:00'), useCount: 2 },
			},
			{ timezone: 'Europe/Berlin' },
		);
		expect(result.error).toBeUndefined();
		const sent = { Comment: 'Release 4.2', notBefore: nextYear('03-01T08:00:00.000'), Expires: nextYear('03-01T09:00:00.000'), useCount: 2 };
		expect(bodies('Approve')).toEqual([{ ...sent, TicketId: 11 }]);
		expect(json(result)).toEqual([{ TicketId: 11, Result: 0, ...sent }]);
		expect(flow().tickets.get(11)).toMatchObject({ status: 1, RemainingUses: 2 });
	});

	test('a ticket needing two approvals stays pending after one', async () => {
		await run({ operation: 'approve', ticketId: byId('14') });
		expect(flow().tickets.get(14)?.status).toBe(0);
	});

	test('a ticket no longer pending gives a clear error', async () => {
		const result = await run({ operation: 'approve', ticketId: byId('21') });
		expect(result.error?.message).toBe(
			'Venafi TPP Approve failed for ticket 21 (Result 4 FailedToApproveTickets: TPP could not approve it; most often the ticket is no longer pending (already approved or rejected). TPP said: Failed to approve ticket 21: not in the Pending state.)',
		);
	});

	test('several Ids: each is sent on its own and the error names which failed and which were done', async () => {
		const result = await run({ operation: 'approve', ticketId: byId('11, 21, 404, 12') });
		expect(bodies('Approve')).toEqual([{ TicketId: 11 }, { TicketId: 21 }, { TicketId: 404 }, { TicketId: 12 }]);
		expect(result.error?.message).toBe('Venafi TPP Approve failed for 2 of 4 tickets: 21, 404');
		expect(result.error?.description).toMatch(/^Ticket 21: Result 4 FailedToApproveTickets.*Ticket 404: Result 2 TicketNotFound.*Done: 11, 12\.$/);
		expect(flow().tickets.get(11)?.status).toBe(1);
		expect(flow().tickets.get(12)?.status).toBe(1);
	});

	test('a ticket the caller does not approve names Result 1 and the scope', async () => {
		const result = await run({ operation: 'approve', ticketId: byId(String(NOT_MY_TICKET_ID)) });
		expect(result.error?.message).toMatch(/^Venafi TPP Approve failed for ticket 9001 \(Result 1 InsufficientPermission/);
		expect(result.error?.description).toMatch(/approve privilege, such as "certificate:approve"/);
	});

	test('Continue On Fail: the failed item becomes an error item paired with its input, the others go on', async () => {
		const result = await run(
			{ operation: 'approve', ticketId: byId('={{ $json.id }}') },
			{ items: [{ id: 11 }, { id: 21 }, { id: 12 }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(json(result).map((item) => item.TicketId ?? item.error)).toEqual([
			11,
			expect.stringMatching(/^Venafi TPP Approve failed for ticket 21 \(Result 4/),
			12,
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('is not repeated after a 503: only the one request was sent', async () => {
		tpp.sandbox.queue('/vedsdk/Flow/Tickets/Approve', { status: 503, body: { Error: 'Service unavailable' } });
		const result = await run({ operation: 'approve', ticketId: byId('11') });
		expect(result.error?.message).toMatch(/HTTP 503/);
		expect(bodies('Approve')).toHaveLength(1);
		expect(flow().writes).toBe(0);
	});

	test('is not repeated after a dropped connection, and says the outcome is unknown', async () => {
		tpp.sandbox.queue('/vedsdk/Flow/Tickets/Approve', { status: 0, drop: true });
		const result = await run({ operation: 'approve', ticketId: byId('11') });
		expect(result.error?.message).toMatch(/did not answer .*may or may not have been carried out/);
		expect(bodies('Approve')).toHaveLength(1);
	});

	test('reads are repeated after a 503', async () => {
		tpp.sandbox.queue('/vedsdk/Flow/Tickets/Count', { status: 503, body: { Error: 'Service unavailable' } });
		const result = await run({ operation: 'countPending' });
		expect(json(result)).toEqual([{ Count: 4, status: 'Pending' }]);
		expect(bodies('Count')).toHaveLength(2);
	});

	test.each([
		[{ expires: '2020-01-01T00:00:00Z' }, 'The "Expires" time (2020-01-01T00:00:00.000Z) is in the past; an approval that has expired cannot be used'],
		[
			{ notBefore: nextYear('03-01T10:00:00Z'), expires: nextYear('03-01T09:00:00Z') },
			`The "Expires" time (${NEXT_YEAR}-03-01T09:00:00.000Z) must be after "Not Before" (${NEXT_YEAR}-03-01T10:00:00.000Z)`,
		],
		[{ useCount: 0 }, 'The "Use Count" must be a whole number of 1 or more, but it is 0'],
		[{ notBefore: 'tomorrow' }, 'The "Not Before" parameter must be a date and time such as 2031-11-25T07:15:00Z, but it is "tomorrow"'],
	])('a bad window (%p) is refused before any request', async (options, message) => {
		const result = await run({ operation: 'approve', ticketId: byId('11'), options });
		expect(result.error?.message).toBe(message);
		expect(tpp.sandbox.requests).toHaveLength(0);
	});
});

describe('Reject', () => {
	test('rejects with the reason and the rejection level', async () => {
		const result = await run({ operation: 'reject', ticketId: byId('12'), comment: 'Not a release build', rejectionLevel: 2 });
		expect(json(result)).toEqual([{ TicketId: 12, Result: 0, Comment: 'Not a release build', RejectionLevel: 2 }]);
		expect(flow().tickets.get(12)).toMatchObject({ status: 2, rejectionLevel: 2 });
		expect(json(await run({ operation: 'countPending' }))).toEqual([{ Count: 3, status: 'Pending' }]);
	});

	test('a ticket no longer pending: Result 5, with TPP\'s InvalidTicketIds', async () => {
		const result = await run({ operation: 'reject', ticketId: byId('21'), comment: 'Too late', rejectionLevel: 1 });
		expect(result.error?.message).toBe(
			'Venafi TPP Reject failed for ticket 21 (Result 5 FailedToRejectTickets: TPP could not reject it; most often the ticket is no longer pending (already approved or rejected). TPP said: Failed to reject ticket 21: not in the Pending state.)',
		);
	});

	test('a comment is required, before any request', async () => {
		const result = await run({ operation: 'reject', ticketId: byId('12'), comment: ' ', rejectionLevel: 1 });
		expect(result.error?.message).toBe('The "Comment" parameter is required but is empty');
		expect(tpp.sandbox.requests).toHaveLength(0);
	});

	test('an unknown rejection level is refused before any request', async () => {
		const result = await run({ operation: 'reject', ticketId: byId('12'), comment: 'x', rejectionLevel: 7 });
		expect(result.error?.message).toBe('The "Rejection Level" must be 1 (Retry) or 2 (Final), but it is "7"');
		expect(tpp.sandbox.requests).toHaveLength(0);
	});
});

describe('Update', () => {
	test('changes the use count and window of an approved ticket', async () => {
		const result = await run({
			operation: 'update',
			ticketId: byId('21'),
			comment: 'One more signing',
			updateFields: { useCount: 4, expires: nextYear('03-01T10:00:00Z') },
		});
		expect(result.error).toBeUndefined();
		expect(bodies('Update')).toEqual([{ TicketId: 21, Comment: 'One more signing', useCount: 4, Expires: nextYear('03-01T10:00:00.000') }]);
		expect(flow().tickets.get(21)).toMatchObject({ RemainingUses: 4, Expires: nextYear('03-01T10:00:00.000') });
	});

	test('a pending ticket cannot be updated: Result 11', async () => {
		const result = await run({ operation: 'update', ticketId: byId('11'), updateFields: { useCount: 1 } });
		expect(result.error?.message).toMatch(/^Venafi TPP Update failed for ticket 11 \(Result 11 FailedToUpdateTickets: TPP could not update it; only approved tickets can be updated/);
	});

	test('nothing to update is refused before any request', async () => {
		const result = await run({ operation: 'update', ticketId: byId('21'), updateFields: {} });
		expect(result.error?.message).toMatch(/^Add at least one of "Not Before", "Expires" or "Use Count"/);
		expect(tpp.sandbox.requests).toHaveLength(0);
	});
});

describe('errors', () => {
	test('every documented Flow Result code is named', () => {
		expect(Object.keys(FLOW_RESULT_CODES).map(Number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
	});

	test('an unknown Result code still fails clearly', async () => {
		tpp.sandbox.queue('/vedsdk/Flow/Tickets/CountApproved', { status: 200, body: { Result: 42, Message: '' } });
		const result = await run({ operation: 'countApproved' });
		expect(result.error?.message).toBe('Venafi TPP Count Approved failed (Result 42 Unknown)');
	});

	test('HTTP 400 with TPP\'s Error field is shown', async () => {
		tpp.sandbox.queue('/vedsdk/Flow/Tickets/Load', { status: 400, body: { Error: 'Specify TicketId or TicketIds, not both.' } });
		const result = await run({ operation: 'get', ticketId: byId('11') });
		expect(result.error?.message).toBe('Venafi TPP rejected the request to Flow/Tickets/Load (HTTP 400: Specify TicketId or TicketIds, not both.)');
	});

	test('a token without an approve scope: reading works, Approve gets TPP\'s 403 with the scope to add', async () => {
		const credentials = tpp.credentials({ accessToken: TPP_CERTIFICATE_ONLY_TOKEN });
		const read = await runNode(new VenafiFlowTicket(), { operation: 'countPending' }, { credentials });
		expect(read.items.map((item) => item.json)).toEqual([{ Count: 4, status: 'Pending' }]);
		const write = await runNode(new VenafiFlowTicket(), { operation: 'approve', ticketId: byId('11') }, { credentials });
		expect(write.error?.message).toMatch(/refused the request \(HTTP 403: insufficient_scope\)/);
		expect(write.error?.description).toMatch(/Flow ticket Approve, Reject and Update a scope with ":approve"/);
		expect(flow().tickets.get(11)?.status).toBe(0);
	});

	test('a wrong token: the 401 is explained and the token is not shown', async () => {
		const result = await runNode(new VenafiFlowTicket(), { operation: 'countPending' }, {
			credentials: tpp.credentials({ accessToken: 'expired-token-abcdefgh' }),
		});
		expect(result.error?.message).toMatch(/rejected the access token \(HTTP 401/);
		expect(JSON.stringify(result.error)).not.toContain('expired-token-abcdefgh');
	});
});

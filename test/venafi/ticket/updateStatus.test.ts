import type { INodeParameters } from 'n8n-workflow';

import { VenafiTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { expectNoSecrets } from '../../harness/assertions';
import { NEXT_YEAR, nextYear } from '../../harness/dates';
import { runNode } from '../../harness/run';
import { RESULT_CODE_GUIDS, TPP_TOKEN, ticketGuid } from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

const tpp = useTppSandbox();
const update = async (parameters: INodeParameters, options: Parameters<typeof runNode>[2] = {}) =>
	await runNode(
		new VenafiTicket(),
		{ operation: 'updateStatus', guid: ticketGuid(1), status: 'Approved', ...parameters },
		{ credentials: tpp.credentials(), ...options },
	);
const ticket = (index: number) => tpp.sandbox.tpp.tickets.get(ticketGuid(index))!;

beforeEach(() => {
	for (const entry of tpp.sandbox.tpp.tickets.values()) entry.Status = 'Pending';
});

test('Approved sets the status in TPP and reports it', async () => {
	const result = await update({ explanation: 'Approved by n8n' });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json)).toEqual([{ GUID: ticketGuid(1), Status: 'Approved', Result: 1 }]);
	expect(tpp.sandbox.requests[0]).toMatchObject({
		method: 'POST',
		path: '/vedsdk/Workflow/Ticket/UpdateStatus',
		body: { GUID: ticketGuid(1), Status: 'Approved', Explanation: 'Approved by n8n' },
	});
	expect(ticket(1).Status).toBe('Approved');
	expect(ticket(1).ApprovalExplanation).toBe('Approved by n8n');
});

test.each(['Rejected', 'Pending'])('%s is sent as is', async (status) => {
	ticket(2).Status = 'Approved';
	const result = await update({ guid: ticketGuid(2), status });
	expect(result.error).toBeUndefined();
	expect(ticket(2).Status).toBe(status);
	expect(tpp.sandbox.requests[0].body).toEqual({ GUID: ticketGuid(2), Status: status });
});

test('Approved After sends the start in UTC ISO 8601 with Z', async () => {
	const result = await update({ status: 'Approved After', scheduledStart: nextYear('11-25T08:15:00+01:00') });
	expect(result.error).toBeUndefined();
	expect(tpp.sandbox.requests[0].body).toMatchObject({ Status: 'Approved After', ScheduledStart: nextYear('11-25T07:15:00.000Z') });
	expect(result.items[0].json).toEqual({
		GUID: ticketGuid(1),
		Status: 'Approved After',
		Result: 1,
		ScheduledStart: nextYear('11-25T07:15:00.000Z'),
	});
	expect(ticket(1).ScheduledStart).toBe(nextYear('11-25T07:15:00.000Z'));
});

test('a time without a zone is read in the workflow\'s time zone (as the date picker means it)', async () => {
	const result = await update(
		{ status: 'Approved After', scheduledStart: nextYear('07-01T09:30:00') },
		{ timezone: 'Europe/Berlin' },
	);
	expect(result.error).toBeUndefined();
	expect(tpp.sandbox.requests[0].body).toMatchObject({ ScheduledStart: nextYear('07-01T07:30:00.000Z') });
});

test('Approved Between sends both times', async () => {
	const result = await update({
		status: 'Approved Between',
		scheduledStart: nextYear('11-25T00:41:00Z'),
		scheduledStop: nextYear('11-26T00:41:00Z'),
	});
	expect(result.error).toBeUndefined();
	expect(tpp.sandbox.requests[0].body).toMatchObject({
		ScheduledStart: nextYear('11-25T00:41:00.000Z'),
		ScheduledStop: nextYear('11-26T00:41:00.000Z'),
	});
	expect(ticket(1).Status).toBe('Approved Between');
});

test.each([
	[{ status: 'Approved After', scheduledStart: '={{ "" }}' }, 'The "Scheduled Start" parameter is required when the status is "Approved After"'],
	[{ status: 'Approved Between', scheduledStart: '={{ "" }}', scheduledStop: nextYear('11-26T00:00:00Z') }, 'The "Scheduled Start" parameter is required when the status is "Approved Between"'],
	[{ status: 'Approved Between', scheduledStart: nextYear('11-25T00:00:00Z'), scheduledStop: '={{ "" }}' }, 'The "Scheduled Stop" parameter is required when the status is "Approved Between"'],
	[
		{ status: 'Approved Between', scheduledStart: nextYear('11-26T00:00:00Z'), scheduledStop: nextYear('11-25T00:00:00Z') },
		`The "Scheduled Stop" (${NEXT_YEAR}-11-25T00:00:00.000Z) must be after the "Scheduled Start" (${NEXT_YEAR}-11-26T00:00:00.000Z)`,
	],
	[
		{ status: 'Approved Between', scheduledStart: nextYear('11-26T00:00:00Z'), scheduledStop: nextYear('11-26T00:00:00Z') },
		`The "Scheduled Stop" (${NEXT_YEAR}-11-26T00:00:00.000Z) must be after the "Scheduled Start" (${NEXT_YEAR}-11-26T00:00:00.000Z)`,
	],
	[{ status: 'Approved After', scheduledStart: 'next tuesday' }, 'The "Scheduled Start" parameter must be a date and time such as 2031-11-25T07:15:00Z, but it is "next tuesday"'],
	[{ status: 'Approved After', scheduledStart: nextYear('02-30T10:00:00') }, `The "Scheduled Start" parameter must be a date and time such as 2031-11-25T07:15:00Z, but it is "${NEXT_YEAR}-02-30T10:00:00"`],
	[{ status: '={{ "Maybe" }}' }, 'The "Status" parameter must be one of Pending, Approved, Approved After, Approved Between, Rejected, but it is "Maybe"'],
	[{ status: '={{ $json.decision ?? "Approved After" }}' }, 'The "Scheduled Start" parameter is required when the status is "Approved After"'],
	[{ guid: 'ticket-1' }, 'The "Ticket GUID" parameter must be a GUID such as af415f09-d487-43de-ba2e-f61d089b4e68, but it is "ticket-1"'],
	[{ additionalFields: { reason: -2 } }, 'The "Reason" field must be a whole number (a reason ID), but it is "-2"'],
	[{ additionalFields: { objectDn: 'web.example.com' } }, 'The "Object DN" parameter must be a TPP distinguished name starting with \\VED\\, e.g. \\VED\\Policy\\Certificates, but it is "web.example.com"'],
])('bad input %j fails naming the field, and nothing is sent', async (parameters, message) => {
	const result = await update(parameters as INodeParameters);
	expect(result.error?.message).toBe(message);
	expect(tpp.sandbox.requests).toHaveLength(0);
	expect(ticket(1).Status).toBe('Pending');
});

test('additional fields are sent under TPP\'s names', async () => {
	const result = await update({
		additionalFields: {
			approvers: ['local:{1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901}', 'AD+VENAFI:f824d97c78d9364499aaa93bfd6799a8'],
			objectDn: '\\VED\\Policy\\Certificates\\app1.venafi.example',
			reason: 3,
			userData: 'change 4711',
		},
	});
	expect(result.error).toBeUndefined();
	expect(tpp.sandbox.requests[0].body).toEqual({
		GUID: ticketGuid(1),
		Status: 'Approved',
		Approvers: [
			{ PrefixedUniversal: 'local:{1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901}' },
			{ PrefixedUniversal: 'AD+VENAFI:f824d97c78d9364499aaa93bfd6799a8' },
		],
		ObjectDN: '\\VED\\Policy\\Certificates\\app1.venafi.example',
		Reason: 3,
		UserData: 'change 4711',
	});
	expect(ticket(1).UserData).toBe('change 4711');
});

test('approvers from an expression may be a comma-separated text', async () => {
	const result = await update({ additionalFields: { approvers: '={{ "local:admin, AD+VENAFI:jsmith" }}' } });
	expect(result.error).toBeUndefined();
	expect(tpp.sandbox.requests[0].body).toMatchObject({
		Approvers: [{ PrefixedName: 'local:admin' }, { PrefixedName: 'AD+VENAFI:jsmith' }],
	});
});

test.each([
	[3, 'TicketDoesNotExist', true],
	[4, 'InsufficientPrivileges', true],
	[5, 'BadArguments', false],
	[8, 'WorkflowObjectDoesNotExist', false],
])('Result %i from UpdateStatus is an error naming %s', async (code, name, hint) => {
	const result = await update({ guid: RESULT_CODE_GUIDS[code] });
	expect(result.error?.message).toContain(`Venafi TPP Update Status failed for ticket ${RESULT_CODE_GUIDS[code]} (Result ${code} ${name})`);
	expect((result.error?.description ?? '').includes('Refresh Permissions')).toBe(hint);
});

test('the token never appears in outputs or errors', async () => {
	const good = await update({});
	const bad = await update({ guid: RESULT_CODE_GUIDS[4] });
	expectNoSecrets(good, TPP_TOKEN);
	expectNoSecrets(bad, TPP_TOKEN);
});

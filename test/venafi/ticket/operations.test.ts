import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VenafiTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { TICKET_RESULT_CODES } from '../../../packages/venafi-tpp/nodes/Venafi/helpers/resultCodes';
import { expectNoSecrets } from '../../harness/assertions';
import { runNode } from '../../harness/run';
import {
	CERTIFICATE_OWNERS,
	RESULT_CODE_DNS,
	RESULT_CODE_GUIDS,
	SANDBOX_CALLER,
	TPP_TOKEN,
	seedTickets,
	ticketGuid,
} from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

const tpp = useTppSandbox();
const FOLDER = '\\VED\\Policy\\Certificates';
const OTHER_APPROVER = 'local:{1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901}';
const FAILURE_CODES = [0, 2, 3, 4, 5, 6, 7, 8];

const run = async (
	parameters: INodeParameters,
	options: Omit<Parameters<typeof runNode>[2], 'credentials'> = {},
) => {
	const result = await runNode(new VenafiTicket(), parameters, { credentials: tpp.credentials(), ...options });
	expectNoSecrets(result, TPP_TOKEN);
	return result;
};
const json = (result: Awaited<ReturnType<typeof run>>) => result.items.map((item) => item.json);
const paths = () => tpp.sandbox.requests.map((request) => `${request.method} ${request.path}`);

beforeEach(() => {
	tpp.sandbox.tpp.tickets.clear();
	for (const ticket of seedTickets()) tpp.sandbox.tpp.tickets.set(ticket.GUID, ticket);
	tpp.sandbox.latencyMs = 0;
});

describe('Get Many', () => {
	test('finds the tickets of a policy folder and outputs one item per ticket with its details', async () => {
		const result = await run({ operation: 'getMany', userData: CERTIFICATE_OWNERS, includeDetails: true });
		expect(result.error).toBeUndefined();
		expect(json(result).map((ticket) => ticket.GUID)).toEqual([1, 2, 3, 4].map(ticketGuid));
		expect(json(result)[0]).toMatchObject({
			GUID: ticketGuid(1),
			Status: 'Pending',
			Blocking: '\\VED\\Policy\\Certificates\\app1.venafi.example',
			Created: new Date(Date.UTC(2026, 10, 1, 9, 1, 0)).toISOString(),
			Result: 1,
		});
		expect(result.items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		expect(tpp.sandbox.requests[0]).toMatchObject({
			method: 'POST',
			path: '/vedsdk/Workflow/Ticket/Enumerate',
			body: { UserData: CERTIFICATE_OWNERS },
		});
		expect(paths().filter((path) => path.endsWith('/Details'))).toHaveLength(4);
	});

	test('an Object DN finds that object\'s tickets only: a policy folder\'s DN finds none below it', async () => {
		const one = await run({ operation: 'getMany', objectDn: '\\VED\\Policy\\Certificates\\app2.venafi.example' });
		expect(json(one).map((ticket) => ticket.GUID)).toEqual([ticketGuid(2)]);
		const folder = await run({ operation: 'getMany', objectDn: FOLDER });
		expect(folder.error).toBeUndefined();
		expect(folder.items).toEqual([]);
	});

	test('without details it outputs the GUIDs only, from a single Enumerate call', async () => {
		const result = await run({ operation: 'getMany', userData: CERTIFICATE_OWNERS, includeDetails: false });
		expect(json(result)).toEqual([1, 2, 3, 4].map((index) => ({ GUID: ticketGuid(index) })));
		expect(paths()).toEqual(['POST /vedsdk/Workflow/Ticket/Enumerate']);
	});

	test('the status filter keeps only tickets in the chosen statuses, with or without details', async () => {
		tpp.sandbox.tpp.setStatus(ticketGuid(2), 'Approved');
		tpp.sandbox.tpp.setStatus(ticketGuid(3), 'Rejected');
		const detailed = await run({ operation: 'getMany', userData: CERTIFICATE_OWNERS, options: { status: ['Pending'] } });
		expect(json(detailed).map((ticket) => ticket.GUID)).toEqual([ticketGuid(1), ticketGuid(4)]);

		tpp.sandbox.clearLog();
		const bare = await run({
			operation: 'getMany',
			userData: CERTIFICATE_OWNERS,
			includeDetails: false,
			options: { status: ['Approved', 'Rejected'] },
		});
		expect(json(bare)).toEqual([
			{ GUID: ticketGuid(2), Status: 'Approved' },
			{ GUID: ticketGuid(3), Status: 'Rejected' },
		]);
		expect(paths().filter((path) => path.endsWith('/Status'))).toHaveLength(4);
		expect(paths().some((path) => path.endsWith('/Details'))).toBe(false);
	});

	test('finds tickets by User Data identities', async () => {
		const a = tpp.sandbox.tpp.addTicket({ UserData: 'local:{aaaa}' });
		const b = tpp.sandbox.tpp.addTicket({ UserData: 'local:{bbbb},local:{aaaa}' });
		tpp.sandbox.tpp.addTicket({ UserData: 'local:{cccc}' });
		const result = await run({ operation: 'getMany', userData: 'local:{aaaa}', includeDetails: false });
		expect(json(result)).toEqual([{ GUID: a }, { GUID: b }]);
		expect(tpp.sandbox.requests[0].body).toEqual({ UserData: 'local:{aaaa}' });
	});

	test('no matching tickets gives no items and no error', async () => {
		const result = await run({ operation: 'getMany', objectDn: '\\VED\\Policy\\Empty' });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	test('neither Object DN nor User Data: a clear error naming both, before any request', async () => {
		const result = await run({ operation: 'getMany', objectDn: '', userData: ' ' });
		expect(result.error?.message).toBe(
			'Set "Object DN" or "User Data" (or both): TPP finds tickets only by the object they act on or by the identities stored with them',
		);
		expect(tpp.sandbox.requests).toHaveLength(0);
	});

	test('an Object DN outside \\VED and an unknown status are refused by name', async () => {
		const dn = await run({ operation: 'getMany', objectDn: '/VED/Policy' });
		expect(dn.error?.message).toContain('The "Object DN" parameter must be a TPP distinguished name starting with \\VED\\');
		const status = await run({ operation: 'getMany', userData: CERTIFICATE_OWNERS, options: { status: ['Done'] } });
		expect(status.error?.message).toContain('The "Status" option must list statuses among Pending, Approved');
		expect(tpp.sandbox.requests).toHaveLength(0);
	});

	test('every failing Enumerate Result code is an error naming the code, paired to its item', async () => {
		const result = await run(
			{ operation: 'getMany', objectDn: '={{ $json.dn }}' },
			{ items: FAILURE_CODES.map((code) => ({ dn: RESULT_CODE_DNS[code] })), continueOnFail: true },
		);
		expect(result.items).toHaveLength(FAILURE_CODES.length);
		FAILURE_CODES.forEach((code, index) => {
			expect(result.items[index].pairedItem).toEqual({ item: index });
			expect(result.items[index].json.error).toBe(
				`Venafi TPP Get Many failed (Result ${code} ${TICKET_RESULT_CODES[code]})${meaning(code)}`,
			);
		});
	});

	test('a ticket deleted between Enumerate and Details is left out; another Details failure fails the item', async () => {
		tpp.sandbox.queue('/vedsdk/Workflow/Ticket/Details', { status: 200, body: { Result: 3 } });
		const gone = await run({ operation: 'getMany', userData: CERTIFICATE_OWNERS });
		expect(gone.error).toBeUndefined();
		expect(gone.items).toHaveLength(3);

		tpp.sandbox.queue('/vedsdk/Workflow/Ticket/Details', { status: 200, body: { Result: 4 } });
		const denied = await run({ operation: 'getMany', userData: CERTIFICATE_OWNERS });
		expect(denied.error?.message).toMatch(/^Venafi TPP Get Many failed for ticket [0-9a-f-]{36} \(Result 4 InsufficientPrivileges\)/);
	});

	test('details of many tickets are read a few at a time and come out in Enumerate order', async () => {
		const added = Array.from({ length: 20 }, () =>
			tpp.sandbox.tpp.addTicket({ Blocking: '\\VED\\Policy\\Bulk\\cert.example' }),
		);
		tpp.sandbox.latencyMs = 15;
		tpp.sandbox.clearLog();
		tpp.sandbox.maxInFlight = 0;
		const result = await run({ operation: 'getMany', objectDn: '\\VED\\Policy\\Bulk\\cert.example' });
		expect(json(result).map((ticket) => ticket.GUID)).toEqual(added);
		expect(tpp.sandbox.maxInFlight).toBeGreaterThan(1);
		expect(tpp.sandbox.maxInFlight).toBeLessThanOrEqual(5);
	});
});

describe('Refresh Permissions', () => {
	test('a ticket created after the token was issued is hidden until the refresh, which runs once per run', async () => {
		const hidden = tpp.sandbox.tpp.addTicket({ hiddenUntilRefresh: true });
		const before = await run({ operation: 'getMany', objectDn: '\\VED\\Policy\\Certificates\\new.venafi.example' });
		expect(before.items).toEqual([]);

		tpp.sandbox.clearLog();
		const after = await run(
			{ operation: 'getMany', objectDn: '\\VED\\Policy\\Certificates\\new.venafi.example', options: { refreshPermissions: true } },
			{ items: [{}, {}, {}] },
		);
		expect(json(after).map((ticket) => ticket.GUID)).toEqual([hidden, hidden, hidden]);
		expect(paths()[0]).toBe('GET /vedsdk/Permissions/Refresh/');
		expect(paths().filter((path) => path.includes('Permissions'))).toHaveLength(1);
	});

	test('off by default: no refresh call', async () => {
		await run({ operation: 'getMany', userData: CERTIFICATE_OWNERS, includeDetails: false });
		expect(paths()).toEqual(['POST /vedsdk/Workflow/Ticket/Enumerate']);
	});

	test('a refresh TPP refuses is a clear error that does not repeat the quoted key', async () => {
		tpp.sandbox.queue('/vedsdk/Permissions/Refresh', {
			status: 200,
			body: { Error: `API key '${TPP_TOKEN}' is not valid. Try /authorize or /authorize/integrated` },
		});
		const result = await run({ operation: 'getStatus', guid: ticketGuid(1), options: { refreshPermissions: true } });
		expect(result.error?.message).toBe(
			"Venafi TPP could not refresh the caller's permissions (Permissions/Refresh answered no Result 1)",
		);
		expect(result.error?.description).toContain("API key '***' is not valid");
		expect(paths()).toEqual(['GET /vedsdk/Permissions/Refresh/']);
	});

	test('the hint says why: tickets created after the token was issued', () => {
		// The Options collections that offer it (from version 3, operations without one get an
		// Options collection holding Request Options only).
		const options = new VenafiTicket().description.properties.filter(
			(property) => property.name === 'options' && (property.options as Array<{ name: string }>).some((option) => option.name === 'refreshPermissions'),
		);
		for (const collection of options) {
			const refresh = (collection.options as Array<{ name: string; hint?: string; default?: unknown }>).find(
				(option) => option.name === 'refreshPermissions',
			);
			expect(refresh?.default).toBe(false);
			expect(refresh?.hint).toContain('tickets created after its access token was issued');
		}
		expect(options.length).toBeGreaterThanOrEqual(3);
	});
});

describe('Get Status', () => {
	test('answers the ticket\'s status', async () => {
		tpp.sandbox.tpp.setStatus(ticketGuid(2), 'Approved');
		const result = await run({ operation: 'getStatus', guid: `{${ticketGuid(2).toUpperCase()}}` });
		expect(json(result)).toEqual([{ GUID: ticketGuid(2), Status: 'Approved' }]);
		expect(tpp.sandbox.requests[0]).toMatchObject({ path: '/vedsdk/Workflow/Ticket/Status', body: { GUID: ticketGuid(2) } });
	});

	test('every failing Result code is an error naming it; each item pairs with its input', async () => {
		const result = await run(
			{ operation: 'getStatus', guid: '={{ $json.guid }}' },
			{ items: FAILURE_CODES.map((code) => ({ guid: RESULT_CODE_GUIDS[code] })), continueOnFail: true },
		);
		FAILURE_CODES.forEach((code, index) => {
			expect(result.items[index].pairedItem).toEqual({ item: index });
			expect(result.items[index].json.error).toBe(
				`Venafi TPP Get Status failed for ticket ${RESULT_CODE_GUIDS[code]} (Result ${code} ${TICKET_RESULT_CODES[code]})${meaning(code)}`,
			);
		});
		expect(result.items[FAILURE_CODES.indexOf(3)].json.description).toContain('Options > Refresh Permissions');
	});

	test('Continue On Fail: good and bad items side by side, in order', async () => {
		const result = await run(
			{ operation: 'getStatus', guid: '={{ $json.guid }}' },
			{
				items: [{ guid: ticketGuid(1) }, { guid: 'not-a-guid' }, { guid: RESULT_CODE_GUIDS[4] }, { guid: ticketGuid(3) }],
				continueOnFail: true,
			},
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(result.items[0].json).toEqual({ GUID: ticketGuid(1), Status: 'Pending' });
		expect(result.items[1].json.error).toContain('The "Ticket GUID" parameter must be a GUID');
		expect(result.items[2].json.error).toContain('Result 4 InsufficientPrivileges');
		expect(result.items[3].json).toEqual({ GUID: ticketGuid(3), Status: 'Pending' });
	});
});

describe('Exists', () => {
	test('true for a ticket, false (as data) for one TPP does not know', async () => {
		const result = await run(
			{ operation: 'exists', guid: '={{ $json.guid }}' },
			{ items: [{ guid: ticketGuid(1) }, { guid: '11111111-2222-4333-8444-555555555555' }, { guid: RESULT_CODE_GUIDS[3] }] },
		);
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([
			{ GUID: ticketGuid(1), exists: true },
			{ GUID: '11111111-2222-4333-8444-555555555555', exists: false },
			{ GUID: RESULT_CODE_GUIDS[3], exists: false },
		]);
		expect(tpp.sandbox.requests[0]).toMatchObject({ path: '/vedsdk/Workflow/Ticket/Exists', body: { GUID: ticketGuid(1) } });
	});

	test('every other failing Result code is an error, not a false', async () => {
		const codes = FAILURE_CODES.filter((code) => code !== 3);
		const result = await run(
			{ operation: 'exists', guid: '={{ $json.guid }}' },
			{ items: codes.map((code) => ({ guid: RESULT_CODE_GUIDS[code] })), continueOnFail: true },
		);
		codes.forEach((code, index) => {
			expect(result.items[index].json.error).toBe(
				`Venafi TPP Exists failed for ticket ${RESULT_CODE_GUIDS[code]} (Result ${code} ${TICKET_RESULT_CODES[code]})${meaning(code)}`,
			);
		});
	});

	test('a hidden ticket exists once permissions are refreshed', async () => {
		const hidden = tpp.sandbox.tpp.addTicket({ hiddenUntilRefresh: true });
		const before = await run({ operation: 'exists', guid: hidden });
		expect(json(before)).toEqual([{ GUID: hidden, exists: false }]);
		const after = await run({ operation: 'exists', guid: hidden, options: { refreshPermissions: true } });
		expect(json(after)).toEqual([{ GUID: hidden, exists: true }]);
	});
});

describe('Create', () => {
	const create = (extra: IDataObject = {}) => ({
		operation: 'create',
		objectDn: '\\VED\\Policy\\Certificates\\created.example',
		workflowDn: '\\VED\\Policy\\Workflows\\Stage 100',
		approvers: [OTHER_APPROVER],
		reason: 7,
		userData: 'local:{aaaa}',
		...extra,
	});

	test('creates a ticket, returns its GUID, and Get Details then reads it', async () => {
		const created = await run(create());
		expect(created.error).toBeUndefined();
		const guid = created.items[0].json.GUID as string;
		expect(guid).toMatch(/^[0-9a-f-]{36}$/);
		expect(created.items[0].json).toEqual({
			GUID: guid,
			ObjectDN: '\\VED\\Policy\\Certificates\\created.example',
			WorkflowDN: '\\VED\\Policy\\Workflows\\Stage 100',
			Approvers: [OTHER_APPROVER],
		});
		expect(tpp.sandbox.requests[0]).toMatchObject({
			path: '/vedsdk/Workflow/Ticket/Create',
			body: {
				ObjectDN: '\\VED\\Policy\\Certificates\\created.example',
				WorkflowDN: '\\VED\\Policy\\Workflows\\Stage 100',
				Approvers: [{ PrefixedUniversal: OTHER_APPROVER }],
				Reason: 7,
				UserData: 'local:{aaaa}',
			},
		});

		const details = await run({ operation: 'get', guid });
		expect(json(details)[0]).toMatchObject({
			GUID: guid,
			Status: 'Pending',
			Blocking: '\\VED\\Policy\\Certificates\\created.example',
			IssuedDueTo: '\\VED\\Policy\\Workflows\\Stage 100',
			Approvers: [OTHER_APPROVER],
		});
		const found = await run({ operation: 'getMany', userData: 'local:{aaaa}', includeDetails: false });
		expect(json(found)).toEqual([{ GUID: guid }]);
	});

	test('the caller, as approver, sees its new ticket only after a refresh', async () => {
		const created = await run(create({ approvers: [SANDBOX_CALLER] }));
		const guid = created.items[0].json.GUID as string;
		const hidden = await run({ operation: 'get', guid });
		expect(hidden.error?.message).toContain('(Result 3 TicketDoesNotExist)');
		expect(hidden.error?.description).toContain('Options > Refresh Permissions');
		const visible = await run({ operation: 'getStatus', guid, options: { refreshPermissions: true } });
		expect(json(visible)).toEqual([{ GUID: guid, Status: 'Pending' }]);
	});

	test('missing or malformed fields are refused by name before any request', async () => {
		const cases: Array<[IDataObject, string]> = [
			[{ objectDn: '={{ " " }}' }, 'The "Object DN" parameter is required but is empty'],
			[{ workflowDn: 'Stage 100' }, 'The "Workflow DN" parameter must be a TPP distinguished name'],
			[{ approvers: [] }, 'The "Approvers" parameter needs at least one identity'],
			[{ reason: 1.5 }, 'The "Reason" parameter must be a whole number'],
			[{ reason: -1 }, 'The "Reason" parameter must be a whole number'],
		];
		for (const [extra, message] of cases) {
			const result = await run(create(extra));
			expect(result.error?.message).toContain(message);
		}
		expect(tpp.sandbox.requests).toHaveLength(0);
	});

	test('every failing Result code is an error naming it', async () => {
		const result = await run(create({ objectDn: '={{ $json.dn }}' }), {
			items: FAILURE_CODES.map((code) => ({ dn: RESULT_CODE_DNS[code] })),
			continueOnFail: true,
		});
		FAILURE_CODES.forEach((code, index) => {
			expect(result.items[index].json.error).toBe(
				`Venafi TPP Create failed (Result ${code} ${TICKET_RESULT_CODES[code]})${meaning(code)}`,
			);
		});
	});

	test('Result 1 without a GUID is reported, not passed on as an empty ticket', async () => {
		tpp.sandbox.queue('/vedsdk/Workflow/Ticket/Create', { status: 200, body: { Result: 1 } });
		const result = await run(create());
		expect(result.error?.message).toBe('Venafi TPP Create answered Result 1 but no GUID for the new ticket');
	});
});

describe('Delete', () => {
	test('deletes a ticket; Exists then answers false and a second delete fails with Result 3', async () => {
		const deleted = await run({ operation: 'delete', guid: ticketGuid(2) });
		expect(json(deleted)).toEqual([{ GUID: ticketGuid(2), deleted: true }]);
		expect(tpp.sandbox.requests[0]).toMatchObject({ path: '/vedsdk/Workflow/Ticket/Delete', body: { GUID: ticketGuid(2) } });
		const exists = await run({ operation: 'exists', guid: ticketGuid(2) });
		expect(json(exists)).toEqual([{ GUID: ticketGuid(2), exists: false }]);
		const again = await run({ operation: 'delete', guid: ticketGuid(2) });
		expect(again.error?.message).toBe(
			`Venafi TPP Delete failed for ticket ${ticketGuid(2)} (Result 3 TicketDoesNotExist): the ticket does not exist`,
		);
	});

	test('every failing Result code is an error naming it', async () => {
		const result = await run(
			{ operation: 'delete', guid: '={{ $json.guid }}' },
			{ items: FAILURE_CODES.map((code) => ({ guid: RESULT_CODE_GUIDS[code] })), continueOnFail: true },
		);
		FAILURE_CODES.forEach((code, index) => {
			expect(result.items[index].json.error).toContain(`(Result ${code} ${TICKET_RESULT_CODES[code]})`);
		});
	});
});

describe('node description', () => {
	test('the subtitle names every operation', () => {
		const subtitle = new VenafiTicket().description.subtitle as string;
		const evaluate = (parameter: Record<string, string>) =>
			// The subtitle is a plain JavaScript expression over $parameter.
			new Function('$parameter', `return (${subtitle.slice(3, -2)});`)(parameter) as string;
		expect(evaluate({ operation: 'getMany' })).toBe('Get many tickets');
		expect(evaluate({ operation: 'getStatus' })).toBe('Get status');
		expect(evaluate({ operation: 'exists' })).toBe('Check ticket exists');
		expect(evaluate({ operation: 'create' })).toBe('Create ticket');
		expect(evaluate({ operation: 'delete' })).toBe('Delete ticket');
		expect(evaluate({ operation: 'get' })).toBe('Get details');
		expect(evaluate({ operation: 'updateStatus', status: 'Approved' })).toBe('Set status: Approved');
	});

	test('the operation values are the issue\'s, the existing ones kept', () => {
		const operation = new VenafiTicket().description.properties.find((property) => property.name === 'operation');
		const values = (operation?.options ?? []).map((option) => ('value' in option ? option.value : undefined));
		expect(values.sort()).toEqual(['create', 'delete', 'exists', 'get', 'getMany', 'getStatus', 'updateStatus']);
		expect(operation?.default).toBe('get');
	});
});

function meaning(code: number): string {
	const meanings: Record<number, string> = {
		0: 'TPP reported no result',
		2: 'TPP could not complete the ticket operation',
		3: 'the ticket does not exist',
		4: 'the caller is not allowed to act on this ticket',
		5: 'TPP rejected the arguments',
		6: 'the object the ticket refers to does not exist',
		7: 'a remote system reported an error',
		8: 'the workflow object does not exist',
	};
	return `: ${meanings[code]}`;
}

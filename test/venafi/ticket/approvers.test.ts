import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VenafiTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { expectNoSecrets } from '../../harness/assertions';
import { runNode } from '../../harness/run';
import { SANDBOX_CALLER, TPP_TOKEN, seedTickets, ticketGuid } from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

/**
 * TPP's Workflow/Ticket/Create and UpdateStatus take Approvers as identity objects
 * (PrefixedUniversal, PrefixedName, or Prefix with Universal or Name) and refuse plain strings.
 */
const tpp = useTppSandbox();

const MJONES = 'AD+VENAFI:f824d97c78d9364499aaa93bfd6799a8';
const LOCAL_GUID = 'local:{1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901}';

const run = async (parameters: INodeParameters) => {
	const result = await runNode(new VenafiTicket(), parameters, { credentials: tpp.credentials() });
	expectNoSecrets(result, TPP_TOKEN);
	return result;
};
const create = (approvers: unknown) =>
	run({
		operation: 'create',
		objectDn: '\\VED\\Policy\\Certificates\\approvers.example',
		workflowDn: '\\VED\\Policy\\Workflows\\Stage 100',
		approvers: approvers as string[],
	});
const update = (approvers: unknown) =>
	run({ operation: 'updateStatus', guid: ticketGuid(1), status: 'Approved', additionalFields: { approvers: approvers as string[] } });
const sentApprovers = () => (tpp.sandbox.requests[0].body as IDataObject).Approvers;

beforeEach(() => {
	tpp.sandbox.tpp.tickets.clear();
	for (const ticket of seedTickets()) tpp.sandbox.tpp.tickets.set(ticket.GUID, ticket);
});

// What the user types (or an expression gives), what goes to TPP, and what Details then shows.
const FORMS: Array<[string, unknown, IDataObject, string]> = [
	['a local prefixed universal', LOCAL_GUID, { PrefixedUniversal: LOCAL_GUID }, LOCAL_GUID],
	['a directory prefixed universal (hex object ID)', MJONES, { PrefixedUniversal: MJONES }, MJONES],
	['a prefixed name', 'AD+VENAFI:mjones', { PrefixedName: 'AD+VENAFI:mjones' }, MJONES],
	['a local prefixed name', 'local:admin', { PrefixedName: 'local:admin' }, SANDBOX_CALLER],
	['a name that looks like hex but is no universal ID', 'AD+VENAFI:deadbeef01', { PrefixedName: 'AD+VENAFI:deadbeef01' }, 'AD+VENAFI:{0d0d0d0d-0000-4000-8000-0000deadbeef}'],
	['an object with PrefixedUniversal', `={{ { PrefixedUniversal: "${MJONES}" } }}`, { PrefixedUniversal: MJONES }, MJONES],
	['an object with PrefixedName', '={{ { PrefixedName: "AD+VENAFI:mjones" } }}', { PrefixedName: 'AD+VENAFI:mjones' }, MJONES],
	[
		'an object with Prefix and Universal',
		'={{ { Prefix: "AD+VENAFI", Universal: "f824d97c78d9364499aaa93bfd6799a8" } }}',
		{ Prefix: 'AD+VENAFI', Universal: 'f824d97c78d9364499aaa93bfd6799a8' },
		MJONES,
	],
	['an object with Prefix and Name', '={{ { Prefix: "AD+VENAFI", Name: "mjones" } }}', { Prefix: 'AD+VENAFI', Name: 'mjones' }, MJONES],
	[
		'an Identity/Browse object, sent as it is',
		`={{ { FullName: "CN=M Jones", Name: "mjones", Prefix: "AD+VENAFI", PrefixedName: "AD+VENAFI:mjones", PrefixedUniversal: "${MJONES}", Type: 1, Universal: "f824d97c78d9364499aaa93bfd6799a8" } }}`,
		{ FullName: 'CN=M Jones', PrefixedUniversal: MJONES, PrefixedName: 'AD+VENAFI:mjones', Type: 1 },
		MJONES,
	],
	['an identity object written as JSON text', `{"PrefixedUniversal": "${MJONES}"}`, { PrefixedUniversal: MJONES }, MJONES],
];

describe.each(FORMS)('%s', (_label, input, sent, shown) => {
	test('Create sends it as an identity object and TPP records the approver', async () => {
		const result = await create([input]);
		expect(result.error).toBeUndefined();
		expect(sentApprovers()).toEqual([expect.objectContaining(sent)]);
		const guid = result.items[0].json.GUID as string;
		expect(tpp.sandbox.tpp.tickets.get(guid)?.Approvers).toEqual([shown]);
	});

	test('Update Status sends it as an identity object and TPP records the approver', async () => {
		const result = await update([input]);
		expect(result.error).toBeUndefined();
		expect(sentApprovers()).toEqual([expect.objectContaining(sent)]);
		expect(tpp.sandbox.tpp.tickets.get(ticketGuid(1))?.Approvers).toEqual([shown]);
	});
});

test('several approvers of different forms, and a list from one expression, keep their order', async () => {
	const result = await create([LOCAL_GUID, '={{ ["AD+VENAFI:jsmith", { PrefixedName: "AD+VENAFI:mjones" }] }}']);
	expect(result.error).toBeUndefined();
	expect(sentApprovers()).toEqual([{ PrefixedUniversal: LOCAL_GUID }, { PrefixedName: 'AD+VENAFI:jsmith' }, { PrefixedName: 'AD+VENAFI:mjones' }]);
	// The output keeps the approvers as text, as before identity objects were sent.
	expect(result.items[0].json.Approvers).toEqual([LOCAL_GUID, 'AD+VENAFI:jsmith', 'AD+VENAFI:mjones']);
});

test.each([
	['a name without a prefix', 'jsmith', 'but one is "jsmith"'],
	['a prefix without a value', 'local:', 'but one is "local:"'],
	['an object that is no identity', '={{ { id: 1 } }}', 'but one is an object without PrefixedUniversal'],
	['a Prefix alone', '={{ { Prefix: "local" } }}', 'but one is an object without PrefixedUniversal'],
	['a number', '={{ 42 }}', 'but one is a number'],
	['broken JSON text', '{"PrefixedUniversal": ', 'but one is "{"PrefixedUniversal":'],
])('%s is refused naming the field, before any request (both operations)', async (_label, input, found) => {
	for (const result of [await create([input]), await update([input])]) {
		expect(result.error?.message).toMatch(/^Each entry of "Approvers" must be a prefixed universal ID/);
		expect(result.error?.message).toContain(found);
	}
	expect(tpp.sandbox.requests).toHaveLength(0);
	expect(tpp.sandbox.tpp.tickets.get(ticketGuid(1))?.Status).toBe('Pending');
});

describe('the sandbox holds TPP\'s contract', () => {
	const post = async (endpoint: string, body: IDataObject) => {
		const response = await fetch(`${tpp.sandbox.url}/vedsdk/Workflow/Ticket/${endpoint}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TPP_TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return (await response.json()) as IDataObject;
	};
	const createBody = (approvers: IDataObject | IDataObject[] | string[]) => ({
		ObjectDN: '\\VED\\Policy\\Certificates\\strings.example',
		WorkflowDN: '\\VED\\Policy\\Workflows\\Stage 100',
		Approvers: approvers,
	});

	test('string approvers are refused with Result 5 (BadArguments) by Create and UpdateStatus', async () => {
		expect(await post('Create', createBody([LOCAL_GUID]))).toEqual({ GUID: null, Result: 5 });
		expect(await post('UpdateStatus', { GUID: ticketGuid(1), Status: 'Approved', Approvers: [LOCAL_GUID] })).toEqual({ Result: 5 });
		expect(tpp.sandbox.tpp.tickets.get(ticketGuid(1))?.Status).toBe('Pending');
	});

	test('an unknown prefixed name is refused; a single identity (not an array) is accepted', async () => {
		expect(await post('Create', createBody([{ PrefixedName: 'local:nobody' }]))).toMatchObject({ Result: 5 });
		expect(await post('Create', createBody({ PrefixedName: 'local:admin' }))).toMatchObject({ Result: 1 });
	});
});

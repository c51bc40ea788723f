import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { VenafiTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { expectNoSecrets } from '../../harness/assertions';
import { CONFIGURATION_SCOPE_NEEDED } from '../../../packages/venafi-tpp/nodes/Venafi/methods/scopeNeeded';
import { loadOptions } from '../../harness/loadOptions';
import { runNode } from '../../harness/run';
import { CERTIFICATE_OWNERS, SANDBOX_CALLER, ticketGuid, TPP_CERTIFICATE_ONLY_TOKEN, TPP_TOKEN } from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

/**
 * Venafi TPP Ticket: Create's Approvers (from version 2) and Update Status's new Approvers (from
 * version 3) are picked from TPP's identity list (POST Identity/Browse, token scope
 * Configuration) through n8n-core's real LoadOptionsContext; the values picked are prefixed
 * universal IDs, sent as identity objects. Earlier versions keep their typed lists
 * (approvers.test.ts).
 */

const tpp = useTppSandbox();
const MJONES = 'AD+VENAFI:f824d97c78d9364499aaa93bfd6799a8';

const identities = async (token = TPP_TOKEN) =>
	await loadOptions(new VenafiTicket(), 'getIdentities', {
		credentials: tpp.credentials({ accessToken: token }),
		path: 'parameters.approvers',
		typeVersion: 2,
		parameters: { operation: 'create' },
	});
const browseCalls = () => tpp.sandbox.requests.filter((request) => request.path === '/vedsdk/Identity/Browse');

test('the list shows users and groups by name with their prefixed name; the value is the prefixed universal ID', async () => {
	const options = await identities();
	expect(options.map((option) => option.name)).toEqual([
		'admin (local:admin)',
		'Certificate Owners (AD+VENAFI:Certificate Owners, group)',
		'John Smith (AD+VENAFI:jsmith)',
		'Mary Jones (AD+VENAFI:mjones)',
		'Rita Requester (local:Rita Requester)',
		'Sam Signer (local:Sam Signer)',
		'Service Account deadbeef01 (AD+VENAFI:deadbeef01)',
	]);
	expect(options.find((option) => option.name.startsWith('Mary'))).toEqual({
		name: 'Mary Jones (AD+VENAFI:mjones)',
		value: MJONES,
		description: 'CN=Mary Jones,OU=PKI,DC=venafi,DC=example',
	});
	expect(options.find((option) => option.name.startsWith('admin'))?.value).toBe(SANDBOX_CALLER);
	expect(options.find((option) => option.name.startsWith('Certificate'))?.value).toBe(CERTIFICATE_OWNERS);
	// Users, security groups and distribution groups (1 + 2 + 8), as many as the list shows.
	expect(browseCalls().map((request) => request.body)).toEqual([{ Limit: 250, IdentityType: 11 }]);
	expect(JSON.stringify(options)).not.toContain(TPP_TOKEN);
});

test('a token without the Configuration scope gets one line naming the scope to add', async () => {
	const error = await identities(TPP_CERTIFICATE_ONLY_TOKEN).catch((caught: unknown) => caught);
	expect(String((error as Error).message)).toBe(CONFIGURATION_SCOPE_NEEDED);
	expect(tpp.sandbox.requests.at(-1)?.path).toBe('/vedsdk/Identity/Browse');
	expect(String(error)).not.toContain(TPP_CERTIFICATE_ONLY_TOKEN);
});

test('Create (version 2) sends the identities picked from the list as identity objects; TPP records them', async () => {
	const picked = (await identities()).filter((option) => /Mary|Certificate Owners/.test(option.name)).map((option) => option.value);
	tpp.sandbox.clearLog();
	const result = await runNode(
		new VenafiTicket(),
		{
			operation: 'create',
			objectDn: '\\VED\\Policy\\Certificates\\picked.example',
			workflowDn: '\\VED\\Policy\\Workflows\\Stage 100',
			approvers: picked,
		},
		{ credentials: tpp.credentials(), typeVersion: 2 },
	);
	expectNoSecrets(result, TPP_TOKEN);
	expect(result.error).toBeUndefined();
	const sent = tpp.sandbox.requests.find((request) => request.path === '/vedsdk/Workflow/Ticket/Create')!.body as IDataObject;
	expect(sent.Approvers).toEqual([{ PrefixedUniversal: CERTIFICATE_OWNERS }, { PrefixedUniversal: MJONES }]);
	const guid = result.items[0].json.GUID as string;
	expect(tpp.sandbox.tpp.tickets.get(guid)?.Approvers).toEqual([CERTIFICATE_OWNERS, MJONES]);
});

test('the field is a list on version 2 and the typed list on version 1, under one name and one kind of value', () => {
	const approvers = new VenafiTicket().description.properties.filter(
		(property): property is INodeProperties => property.name === 'approvers' && property.displayOptions?.show?.operation?.includes('create') === true,
	);
	const byVersion = (version: number) =>
		approvers.find((property) => JSON.stringify(property.displayOptions?.show?.['@version']).includes(version === 1 ? '[1]' : 'gte'))!;
	expect(byVersion(2)).toMatchObject({ type: 'multiOptions', typeOptions: { loadOptionsMethod: 'getIdentities' }, default: [], required: true });
	expect(byVersion(1)).toMatchObject({ type: 'string', typeOptions: { multipleValues: true }, default: [], required: true });
});

describe('Update Status: the new approvers (Additional Fields)', () => {
	const updateStatusApprovers = (typeVersion: number) => {
		const collections = new VenafiTicket().description.properties.filter(
			(property) =>
				property.name === 'additionalFields' &&
				NodeHelpers.displayParameter({ resource: 'ticket', operation: 'updateStatus' }, property, { typeVersion }, null),
		);
		expect(collections).toHaveLength(1);
		return (collections[0].options as INodeProperties[]).find((option) => option.name === 'approvers')!;
	};

	test('version 3 picks them from the list; versions 1 and 2 keep the typed list, under one name', () => {
		expect(updateStatusApprovers(3)).toMatchObject({
			displayName: 'Approver Names or IDs',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getIdentities' },
			default: [],
		});
		for (const version of [1, 2]) {
			expect(updateStatusApprovers(version)).toMatchObject({ displayName: 'Approvers', type: 'string', typeOptions: { multipleValues: true }, default: [] });
		}
	});

	test('version 3 lists the same identities and sends those picked as identity objects', async () => {
		const options = await loadOptions(new VenafiTicket(), 'getIdentities', {
			credentials: tpp.credentials(),
			path: 'parameters.additionalFields.approvers',
			typeVersion: 3,
			parameters: { operation: 'updateStatus' },
		});
		const picked = options.filter((option) => /Mary|John/.test(option.name)).map((option) => option.value);
		expect(picked).toHaveLength(2);
		tpp.sandbox.clearLog();
		const result = await runNode(
			new VenafiTicket(),
			{ operation: 'updateStatus', guid: ticketGuid(1), status: 'Pending', additionalFields: { approvers: picked } },
			{ credentials: tpp.credentials(), typeVersion: 3 },
		);
		expectNoSecrets(result, TPP_TOKEN);
		expect(result.error).toBeUndefined();
		const sent = tpp.sandbox.requests.find((request) => request.path === '/vedsdk/Workflow/Ticket/UpdateStatus')!.body as IDataObject;
		expect(sent.Approvers).toEqual(picked.map((id) => ({ PrefixedUniversal: id })));
		expect(tpp.sandbox.tpp.tickets.get(ticketGuid(1))?.Approvers).toEqual(picked);
	});
});

describe('the sandbox holds Identity/Browse\'s contract', () => {
	const browse = async (body: IDataObject) => {
		const response = await fetch(`${tpp.sandbox.url}/vedsdk/Identity/Browse`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TPP_TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as IDataObject };
	};

	test('IdentityType is required for the local provider: 400 with Error', async () => {
		const answer = await browse({ Filter: 'j' });
		expect(answer.status).toBe(400);
		expect(answer.body.Error).toMatch(/IdentityType/);
	});

	test('Filter matches names, IdentityType selects users (1) or groups (2), Limit caps the answer', async () => {
		const names = async (body: IDataObject) =>
			((await browse(body)).body.Identities as IDataObject[]).map((identity) => identity.PrefixedName);
		expect(await names({ Filter: 'jones', IdentityType: 1 })).toEqual(['AD+VENAFI:mjones']);
		expect(await names({ IdentityType: 2 })).toEqual(['AD+VENAFI:Certificate Owners']);
		expect(await names({ IdentityType: 3, Limit: 2 })).toHaveLength(2);
	});
});

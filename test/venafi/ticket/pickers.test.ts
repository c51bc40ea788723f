import type { INodeProperties } from 'n8n-workflow';

import { VenafiTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { VenafiTicketTrigger } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicketTrigger/VenafiTicketTrigger.node';
import { VenafiTppApi } from '../../../packages/venafi-tpp/credentials/VenafiTppApi.credentials';
import { CONFIGURATION_SCOPE_NEEDED } from '../../../packages/venafi-tpp/nodes/Venafi/methods/scopeNeeded';
import { forgetRenewals } from '../../../shared/transport/auth/renewalLock';
import { listSearch } from '../../harness/loadOptions';
import { TPP_CLIENT_ID, TPP_PASSWORD, TPP_USERNAME } from '../../sandbox/tppAuth';
import { TPP_CERTIFICATE_ONLY_TOKEN, TPP_TOKEN, seedTickets, ticketGuid } from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

/**
 * The Venafi Ticket pickers through n8n-core's real LoadOptionsContext against the sandbox:
 * Ticket GUID (certificates by name → their tickets), Object DN and Workflow DN (the Policy tree
 * by Config/FindObjectsOfClass): the search text sent to TPP, paging, an empty result, a token
 * without the Configuration scope (the credential's default Scope): one line naming the scope.
 */

const tpp = useTppSandbox();
const search = async (method: string, filter?: string, paginationToken?: string, token = TPP_TOKEN) =>
	await listSearch(new VenafiTicket(), method, {
		credentials: tpp.credentials({ accessToken: token }),
		filter,
		paginationToken,
		path: 'parameters.guid',
	});
const findCalls = () =>
	tpp.sandbox.requests.filter((request) => request.path === '/vedsdk/Config/FindObjectsOfClass').map((request) => request.body);

beforeEach(() => {
	tpp.sandbox.tpp.tickets.clear();
	for (const ticket of seedTickets()) tpp.sandbox.tpp.tickets.set(ticket.GUID.toLowerCase(), ticket);
});

test('Ticket GUID lists the tickets of the certificates, with name, status, object and date; the value is the GUID', async () => {
	const { results, paginationToken } = await search('searchTickets');
	expect(results.map((item) => item.value).sort()).toEqual(
		['af415f09-d487-43de-ba2e-f61d089b4e68', ticketGuid(1), ticketGuid(2), ticketGuid(3), ticketGuid(4)].sort(),
	);
	const app2 = results.find((item) => item.value === ticketGuid(2))!;
	// n8n's list shows only the name: status and created date are in it.
	expect(app2.name).toBe('app2.venafi.example · Pending · 2026-11-01 09:02');
	expect(app2.description).toBe(
		`\\VED\\Policy\\Certificates\\app2.venafi.example — Certificate renewal 2 — created 2026-11-01 09:02 UTC — ${ticketGuid(2)}`,
	);
	expect(paginationToken).toBeUndefined();
	expect(findCalls()).toEqual([{ Classes: ['X509 Certificate'] }]);
	expect(JSON.stringify(results)).not.toContain(TPP_TOKEN);
});

test('the search text goes to TPP as a name pattern; only that certificate is enumerated', async () => {
	const { results } = await search('searchTickets', 'app2');
	expect(results.map((item) => item.value)).toEqual([ticketGuid(2)]);
	expect(findCalls()).toEqual([{ Classes: ['X509 Certificate'], Pattern: '*app2*' }]);
	const enumerated = tpp.sandbox.requests.filter((request) => request.path === '/vedsdk/Workflow/Ticket/Enumerate');
	expect(enumerated.map((request) => request.body)).toEqual([{ ObjectDN: '\\VED\\Policy\\Certificates\\app2.venafi.example' }]);
});

test('a long list is paged: each page scans the next certificates, the token says where to go on', async () => {
	for (let index = 0; index < 40; index++) {
		tpp.sandbox.tpp.addTicket({ Blocking: `\\VED\\Policy\\Bulk\\bulk${String(index).padStart(2, '0')}.venafi.example`, Status: 'Approved' });
	}
	const first = await search('searchTickets', 'bulk');
	expect(first.results).toHaveLength(25);
	expect(first.paginationToken).toBe('25');
	const second = await search('searchTickets', 'bulk', first.paginationToken as string);
	expect(second.results).toHaveLength(15);
	expect(second.paginationToken).toBeUndefined();
	const names = [...first.results, ...second.results].map((item) => item.name);
	expect(new Set(names).size).toBe(40);
	expect(names[0]).toMatch(/^bulk00\.venafi\.example · Approved · \d{4}-\d\d-\d\d \d\d:\d\d$/);
});

test('nothing matching is an empty list (no error, no token)', async () => {
	expect(await search('searchTickets', 'no-such-certificate')).toEqual({ results: [], paginationToken: undefined });
	expect(await search('searchObjects', 'no-such-object')).toEqual({ results: [], paginationToken: undefined });
});

test('certificates without tickets are skipped; the editor never gets an empty page while more is left', async () => {
	for (let index = 0; index < 30; index++) {
		tpp.sandbox.tpp.configObjects.push({ DN: `\\VED\\Policy\\Empty\\empty${String(index).padStart(2, '0')}.example`, TypeName: 'X509 Certificate' });
	}
	tpp.sandbox.tpp.addTicket({ Blocking: '\\VED\\Policy\\Empty\\empty29.example' });
	const { results } = await search('searchTickets', 'empty');
	expect(results.map((item) => item.name)).toEqual([expect.stringMatching(/^empty29\.example · Pending · /)]);
	tpp.sandbox.tpp.configObjects.splice(3);
});

test('a token without the Configuration scope gets one line naming the scope to add and By ID', async () => {
	for (const method of ['searchTickets', 'searchObjects', 'searchWorkflows']) {
		const error = await search(method, undefined, undefined, TPP_CERTIFICATE_ONLY_TOKEN).catch((caught: unknown) => caught);
		expect(String((error as Error).message)).toBe(CONFIGURATION_SCOPE_NEEDED);
		expect(String(error)).not.toContain(TPP_CERTIFICATE_ONLY_TOKEN);
	}
	expect(CONFIGURATION_SCOPE_NEEDED).toMatch(/scope "configuration".*Scope.*By ID/);
	// TPP did refuse it for the scope: the sandbox answered 403 insufficient_scope.
	expect(tpp.sandbox.requests.at(-1)?.path).toBe('/vedsdk/Config/FindObjectsOfClass');
});

test('with the credential\'s default Scope (OAuth, agent;certificate:approve) the pickers say which scope to add; with configuration added they list', async () => {
	forgetRenewals();
	const oauth = (scope?: string) =>
		tpp.credentials({
			authentication: 'oauth',
			clientId: TPP_CLIENT_ID,
			username: TPP_USERNAME,
			password: TPP_PASSWORD,
			accessToken: '',
			...(scope === undefined ? {} : { scope }),
		});
	const withScope = async (method: string, scope: string) =>
		await listSearch(new VenafiTicket(), method, { credentials: oauth(scope), path: 'parameters.guid' });
	const defaultScope = new VenafiTppApi().properties.find((property) => property.name === 'scope')?.default;
	expect(defaultScope).toBe('agent;certificate:approve');
	for (const method of ['searchTickets', 'searchObjects', 'searchWorkflows']) {
		await expect(withScope(method, String(defaultScope))).rejects.toThrow(CONFIGURATION_SCOPE_NEEDED);
	}
	forgetRenewals();
	const listed = await withScope('searchObjects', `${String(defaultScope)};configuration`);
	expect(listed.results.length).toBeGreaterThan(0);
});

test('Object DN lists certificates and policy folders by name; Workflow DN the workflow objects', async () => {
	const objects = await search('searchObjects', 'cert');
	expect(objects.results.map((item) => item.value)).toEqual(['\\VED\\Policy\\Certificates']);
	expect(objects.results[0].name).toBe('Certificates (Policy) in \\Policy');
	const app = await search('searchObjects', 'app1');
	expect(app.results).toEqual([
		{
			name: 'app1.venafi.example (X509 Certificate) in \\Policy\\Certificates',
			value: '\\VED\\Policy\\Certificates\\app1.venafi.example',
			description: '\\VED\\Policy\\Certificates\\app1.venafi.example',
		},
	]);
	const workflows = await search('searchWorkflows');
	expect(workflows.results.map((item) => item.name)).toEqual([
		'Stage 0 (Workflow) in \\Policy\\Regression',
		'Adaptable Review (Adaptable Workflow) in \\Policy\\Workflows',
		'Renewal Approval (Workflow) in \\Policy\\Workflows',
		'Stage 100 (Workflow) in \\Policy\\Workflows',
	]);
	expect(findCalls().at(-1)).toEqual({ Classes: ['Workflow', 'Adaptable Workflow'] });
});

test('Object DN pages through long lists (TPP does not page FindObjectsOfClass; the picker does)', async () => {
	for (let index = 0; index < 60; index++) {
		tpp.sandbox.tpp.configObjects.push({ DN: `\\VED\\Policy\\Many\\many${String(index).padStart(2, '0')}.example`, TypeName: 'X509 Certificate' });
	}
	// Typed wildcards go to TPP as they are (the folder "Many" itself does not match).
	const first = await search('searchObjects', 'many??.example');
	expect(first.results).toHaveLength(50);
	expect(first.paginationToken).toBe('1');
	const second = await search('searchObjects', 'many??.example', '1');
	expect(second.results.map((item) => item.value)).toEqual(
		Array.from({ length: 10 }, (_entry, index) => `\\VED\\Policy\\Many\\many${50 + index}.example`),
	);
	expect(second.paginationToken).toBeUndefined();
	expect(findCalls().at(-1)).toEqual({ Classes: ['X509 Certificate', 'Policy'], Pattern: 'many??.example' });
	tpp.sandbox.tpp.configObjects.splice(3);
});

test('the ticket searches\' Object DN (trigger, Get Many) lists only certificates that have tickets, with how many; no folders', async () => {
	const fieldsOf = (properties: INodeProperties[]) =>
		properties.filter((property) => property.name === 'objectDn' && property.type === 'resourceLocator');
	const getManyFields = fieldsOf(new VenafiTicket().description.properties).filter((field) => field.displayOptions?.show?.operation?.includes('getMany') ?? JSON.stringify(field.displayOptions).includes('getMany'));
	expect(getManyFields.length).toBeGreaterThan(0);
	for (const field of [...fieldsOf(new VenafiTicketTrigger().description.properties), ...getManyFields]) {
		expect(field.modes?.find((mode) => mode.name === 'list')?.typeOptions?.searchListMethod).toBe('searchTicketObjects');
		expect(field.hint).toMatch(/Set this, User Data, or both/);
	}
	tpp.sandbox.tpp.addTicket({ Blocking: '\\VED\\Policy\\Certificates\\app2.venafi.example' });
	const { results } = await listSearch(new VenafiTicketTrigger(), 'searchTicketObjects', {
		credentials: tpp.credentials(),
		path: 'parameters.objectDn',
	});
	expect(results.map((item) => item.name)).toEqual(
		expect.arrayContaining([
			'app1.venafi.example · 1 ticket · \\Policy\\Certificates',
			'app2.venafi.example · 2 tickets · \\Policy\\Certificates',
		]),
	);
	expect(results.every((item) => / · \d+ tickets? · /.test(item.name))).toBe(true);
	// certificates only: no policy folder, which would find no tickets
	expect(results.every((item) => /\.example$/.test(String(item.value)))).toBe(true);
	expect(findCalls().at(-1)).toEqual({ Classes: ['X509 Certificate'] });
	const found = await listSearch(new VenafiTicketTrigger(), 'searchTicketObjects', { credentials: tpp.credentials(), filter: 'four', path: 'parameters.objectDn' });
	expect(found.results.map((item) => item.value)).toEqual(['\\VED\\Policy\\Regression\\four.venafi.example']);
});

test('By ID and By DN validate in the editor as the node does before any request', () => {
	const fields = new VenafiTicket().description.properties;
	const regexOf = (name: string) => {
		const field = fields.find((property) => property.name === name && property.type === 'resourceLocator')!;
		const mode = field.modes!.find((entry) => entry.name === 'id')!;
		return new RegExp((mode.validation![0] as unknown as { properties: { regex: string } }).properties.regex);
	};
	const guid = regexOf('guid');
	expect(['af415f09-d487-43de-ba2e-f61d089b4e68', ' {AF415F09-D487-43DE-BA2E-F61D089B4E68} '].every((value) => guid.test(value))).toBe(true);
	expect(['af415f09', 'not-a-guid', ''].filter((value) => guid.test(value))).toEqual([]);
	const dn = regexOf('workflowDn');
	expect(['\\VED\\Policy\\Workflows\\Stage 100', '\\ved\\policy'].every((value) => dn.test(value))).toBe(true);
	expect(['Policy\\Workflows', 'VED\\Policy'].filter((value) => dn.test(value))).toEqual([]);
});

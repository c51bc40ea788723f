import type { INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { SailPointApprovals } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { WorkItems } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { WorkItemsTrigger } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItemsTrigger/WorkItemsTrigger.node';
import { listSearch, loadOptions } from '../../harness/loadOptions';
import { runNode } from '../../harness/run';
import { ISC_IDENTITY_ID, ISC_TOKEN, PENDING_APPROVAL_INDEX } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/**
 * The SailPoint pickers through n8n-core's real LoadOptionsContext against the sandbox:
 * identities (GET /public-identities, filtered by ISC), the token's work items, a work item's
 * approval items, pending access request approvals and generic approvals. Search text, paging,
 * empty results and ISC's 403.
 */

const isc = useIscSandbox({ apiVersion: 'current' });
const search = async (
	method: string,
	options: { filter?: string; paginationToken?: string; parameters?: INodeParameters; node?: WorkItems | SailPointApprovals | WorkItemsTrigger } = {},
) =>
	await listSearch(options.node ?? new WorkItems(), method, {
		credentials: isc.credentials(),
		filter: options.filter,
		paginationToken: options.paginationToken,
		parameters: options.parameters,
		path: 'parameters.workItemId',
	});
const lastQuery = () => new URLSearchParams(isc.sandbox.requests.at(-1)!.query);
const ownOpen = () => isc.sandbox.isc.workItems.filter((item) => item.ownerId === ISC_IDENTITY_ID);

describe('identities (Owner ID, Target Owner ID, New Owner ID, Reassign To/From)', () => {
	afterEach(() => isc.sandbox.isc.publicIdentities.splice(10));

	test('listed by name with their email; the value is the identity ID', async () => {
		const { results, paginationToken } = await search('searchIdentities');
		expect(results.map((item) => item.name).slice(0, 3)).toEqual([
			'Ada Lovelace (ada.lovelace@acme-solar.example)',
			'Alan Turing (alan.turing@acme-solar.example)',
			'Grace Hopper (grace.hopper@acme-solar.example)',
		]);
		expect(results).toHaveLength(10);
		expect(results.find((item) => item.name.startsWith('Jason Smith'))?.value).toBe(ISC_IDENTITY_ID);
		expect(paginationToken).toBeUndefined();
		expect(isc.sandbox.requests.at(-1)!.path).toBe('/public-identities/v1');
		expect(Object.fromEntries(lastQuery())).toEqual({ limit: '50', offset: '0', sorters: 'name' });
	});

	test('the search text is sent to ISC as a filter on first name, last name, email and alias', async () => {
		const { results } = await search('searchIdentities', { filter: 'hop' });
		expect(results.map((item) => item.name)).toEqual(['Grace Hopper (grace.hopper@acme-solar.example)']);
		expect(lastQuery().get('filters')).toBe('firstname sw "hop" or lastname sw "hop" or email sw "hop" or alias sw "hop"');
		const quoted = await search('searchIdentities', { filter: 'a"b' });
		expect(quoted.results).toEqual([]);
		expect(lastQuery().get('filters')).toContain('firstname sw "a\\"b"');
	});

	test('long lists are paged with offset', async () => {
		for (let index = 0; index < 70; index++) {
			isc.sandbox.isc.publicIdentities.push({
				id: `2c91808b00000000000000000000${String(index).padStart(4, '0')}`,
				name: `Zed Person ${String(index).padStart(2, '0')}`,
				alias: `zed.${index}`,
				email: `zed.${index}@acme-solar.example`,
				firstname: 'Zed',
				lastname: `Person ${index}`,
				status: 'Active',
				identityState: 'ACTIVE',
			});
		}
		const first = await search('searchIdentities', { filter: 'zed' });
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('1');
		const second = await search('searchIdentities', { filter: 'zed', paginationToken: '1' });
		expect(second.results).toHaveLength(20);
		expect(lastQuery().get('offset')).toBe('50');
		expect(second.paginationToken).toBeUndefined();
	});

	test('nothing matching is an empty list', async () => {
		expect(await search('searchIdentities', { filter: 'nobody-by-this-name' })).toEqual({ results: [], paginationToken: undefined });
	});

	test('ISC\'s 403 reaches the editor as a clear error (HTTP 403, what the call needs)', async () => {
		isc.sandbox.isc.failNext(403);
		const error = await search('searchIdentities').catch((caught: unknown) => caught);
		expect(error).toMatchObject({ httpCode: '403' });
		expect(String((error as Error).message)).toMatch(/SailPoint ISC refused the request to public-identities/);
		expect(String((error as { description?: string }).description)).toMatch(/By ID instead/);
		expect(JSON.stringify(error)).not.toContain(ISC_TOKEN);
	});

	test('API Version v3 lists at /v3/public-identities', async () => {
		isc.apiVersion = 'v3';
		try {
			expect((await search('searchIdentities', { filter: 'ada' })).results).toHaveLength(1);
			expect(isc.sandbox.requests.at(-1)!.path).toBe('/v3/public-identities');
		} finally {
			isc.apiVersion = 'current';
		}
	});

	test('the approvals node and the work items trigger use the same list', async () => {
		for (const node of [new SailPointApprovals(), new WorkItemsTrigger()]) {
			expect((await search('searchIdentities', { filter: 'turing', node })).results.map((item) => item.value)).toEqual([
				'2c9180857182305e0171993735622948',
			]);
		}
	});
});

describe('work items (Work Item ID) and approval items (Approval Item ID)', () => {
	test('the token\'s work items with name, type, state, requester and created date', async () => {
		const { results, paginationToken } = await search('searchWorkItems');
		expect(results.map((item) => item.value)).toEqual(ownOpen().map((item) => item.id));
		const first = ownOpen()[0];
		expect(results[0].name).toBe(`${first.name} · Generic · Pending · ${first.created.slice(0, 16).replace('T', ' ')}`);
		expect(results[0].description).toBe(
			`${first.description} — requested by ${first.requesterDisplayName} — created ${first.created.slice(0, 16).replace('T', ' ')} UTC`,
		);
		expect(paginationToken).toBeUndefined();
		expect(isc.sandbox.requests.at(-1)!.path).toBe('/work-items/v1');
	});

	test('the search text filters each page (ISC has no text filter on work items); paging by offset', async () => {
		isc.sandbox.isc.reseed(240);
		const first = await search('searchWorkItems');
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('1');
		const second = await search('searchWorkItems', { paginationToken: '1' });
		expect(second.results).toHaveLength(10);
		expect(lastQuery().get('offset')).toBe('50');
		const rejected = await search('searchWorkItems', { filter: 'Rejected' });
		expect(rejected.results.length).toBeGreaterThan(0);
		expect(rejected.results.every((item) => item.name.includes(' · Rejected · '))).toBe(true);
	});

	test('no work items is an empty list; a 403 a clear error', async () => {
		isc.sandbox.isc.reseed(0);
		expect(await search('searchWorkItems')).toEqual({ results: [], paginationToken: undefined });
		isc.sandbox.isc.failNext(403);
		await expect(search('searchWorkItems')).rejects.toThrow(/SailPoint ISC refused the request to work-items/);
	});

	test('approval items of the chosen work item: picked from the list, typed By ID, or saved as plain text', async () => {
		const item = isc.sandbox.isc.addWorkItem({ approvals: 2 });
		for (const workItemId of [{ __rl: true, mode: 'list', value: item.id }, { __rl: true, mode: 'id', value: item.id }, item.id]) {
			const { results } = await search('searchApprovalItems', { parameters: { operation: 'approveItem', workItemId } });
			expect(results).toEqual([0, 1].map((n) => ({
				name: `Add memberOf = CN=Group${n},OU=Groups`,
				value: (item.approvalItems as Array<{ id: string }>)[n].id,
				description: `Active Directory · ${(item.approvalItems as Array<{ account: string }>)[n].account} · Pending`,
			})));
		}
		expect(isc.sandbox.requests.at(-1)!.path).toBe(`/work-items/v1/${item.id}`);
	});

	test('Approve/Reject Item and All list only pending approvals with an item left to decide; Complete and Forward only pending items; Get all', async () => {
		const seeded = isc.sandbox.isc.workItems[PENDING_APPROVAL_INDEX];
		expect([seeded.ownerId, seeded.state, seeded.type]).toEqual([ISC_IDENTITY_ID, 'PENDING', 'APPROVAL']);
		for (const operation of ['approveItem', 'rejectItem', 'approveAll', 'rejectAll']) {
			const { results } = await search('searchWorkItems', { parameters: { operation } });
			expect(results.map((item) => item.value)).toEqual([seeded.id]);
			expect(results[0].name).toMatch(/^Access Request: Payroll Read for Ada Lovelace · Approval · Pending · /);
		}
		for (const operation of ['complete', 'forward']) {
			const { results } = await search('searchWorkItems', { parameters: { operation } });
			expect(results.map((item) => item.value)).toEqual(ownOpen().filter((item) => item.state === 'PENDING').map((item) => item.id));
		}
		const all = await search('searchWorkItems', { parameters: { operation: 'get' } });
		expect(all.results.map((item) => item.value)).toEqual(ownOpen().map((item) => item.id));
		// Expired, rejected and form items are among what Get lists, not what Approve Item lists.
		expect(ownOpen().some((item) => item.state !== 'PENDING')).toBe(true);
	});

	test('with nothing to act on, the list says why in one line instead of "No results"', async () => {
		isc.sandbox.isc.reseed(6);
		const error = await search('searchWorkItems', { parameters: { operation: 'approveItem' } }).catch((caught: unknown) => caught);
		expect(String((error as Error).message)).toBe(
			'None of the 2 work items ISC lists for you is a pending approval with an item left to decide. Choose another operation, or enter a work item ID By ID.',
		);
		// a typed search that finds nothing stays an empty list
		expect(await search('searchWorkItems', { parameters: { operation: 'approveItem' }, filter: 'payroll' })).toEqual({ results: [], paginationToken: undefined });
	});

	test('Approve/Reject Item list only the approval items still pending; none left, or no approval items, says why', async () => {
		const item = isc.sandbox.isc.addWorkItem({ approvals: 2 });
		const [first, second] = item.approvalItems as Array<{ id: string; state: string }>;
		first.state = 'FINISHED';
		const pending = await search('searchApprovalItems', { parameters: { operation: 'rejectItem', workItemId: item.id } });
		expect(pending.results.map((entry) => entry.value)).toEqual([second.id]);
		second.state = 'REJECTED';
		await expect(search('searchApprovalItems', { parameters: { operation: 'approveItem', workItemId: item.id } })).rejects.toThrow(
			'Every approval item of this work item is decided already (Finished, Rejected): choose another work item.',
		);
		const form = isc.sandbox.isc.addWorkItem({ type: 'FORM', approvals: 0 });
		await expect(search('searchApprovalItems', { parameters: { operation: 'approveItem', workItemId: form.id } })).rejects.toThrow(
			'This work item (Form, Pending) has no approval items: choose an approval work item.',
		);
	});

	test('no work item chosen yet, or one from an expression: nothing to list (no request)', async () => {
		for (const workItemId of ['', { __rl: true, mode: 'list', value: '' }, '={{ $json.id }}']) {
			expect(await search('searchApprovalItems', { parameters: { workItemId } })).toEqual({ results: [] });
		}
		expect(isc.sandbox.requests).toHaveLength(0);
	});

	test('an unknown work item: ISC\'s 404 as a clear error', async () => {
		await expect(search('searchApprovalItems', { parameters: { workItemId: 'ffffffffffffffffffffffffffffffff' } })).rejects.toThrow(
			/found no work item "ffffffffffffffffffffffffffffffff"/,
		);
	});
});

describe('approvals (Approval ID)', () => {
	const approvals = new SailPointApprovals();

	test('pending access request approvals with what is requested, for whom, by whom and when', async () => {
		const { results } = await search('searchPendingAccessRequestApprovals', { node: approvals });
		expect(results.map((item) => item.value).sort()).toEqual(
			isc.sandbox.accessRequestApprovals.pending.map((approval) => approval.id).sort(),
		);
		expect(results[0].name).toMatch(/ for /);
		// whom it is for, once (the sandbox's names say it already, as "Payroll Read for Ada Lovelace")
		expect(results.filter((item) => (item.name.match(/ for /g) ?? []).length > 1)).toEqual([]);
		expect(results[0].description).toMatch(/requested by .* — created \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
		expect(isc.sandbox.requests.at(-1)!.path).toBe('/access-request-approvals/v1/pending');
		const one = results[1];
		const filtered = await search('searchPendingAccessRequestApprovals', { node: approvals, filter: one.value as string });
		expect(filtered.results.map((item) => item.value)).toEqual([one.value]);
	});

	test('generic approvals: the token\'s own pending ones (mine=true, status PENDING)', async () => {
		const { results } = await search('searchGenericApprovals', { node: approvals });
		expect(results.length).toBeGreaterThan(0);
		expect(results[0].name).toMatch(/^Workflow approval \d+/);
		expect(Object.fromEntries(lastQuery())).toMatchObject({ mine: 'true', filters: 'status eq "PENDING"' });
		expect(await search('searchGenericApprovals', { node: approvals, filter: 'no such approval' })).toEqual({
			results: [],
			paginationToken: undefined,
		});
		isc.sandbox.isc.failNext(403);
		await expect(search('searchGenericApprovals', { node: approvals })).rejects.toThrow(/refused the request to generic-approvals/);
	});
});

describe('the bulk operations\' Approval IDs (SailPoint Approvals version 2: several picked from one list)', () => {
	const approvals = new SailPointApprovals();
	const generic = () => isc.sandbox.genericApprovals;
	const pending = async () =>
		await loadOptions(approvals, 'getPendingGenericApprovals', {
			credentials: isc.credentials(),
			path: 'parameters.approvalIds',
			typeVersion: 2,
			parameters: { resource: 'genericApproval', operation: 'bulkApprove' },
		});
	afterEach(() => generic().reseed(10));

	test('every pending approval (mine=false, status PENDING), named as the Approval ID picker names them', async () => {
		const options = await pending();
		const expected = generic().approvals.filter((approval) => approval.status === 'PENDING');
		expect(options.map((option) => option.value)).toEqual(expected.map((approval) => approval.id));
		expect(options[0].name).toMatch(/^Workflow approval \d+/);
		expect(Object.fromEntries(lastQuery())).toMatchObject({ mine: 'false', filters: 'status eq "PENDING"', limit: '50', offset: '0' });
	});

	test('long lists are read page by page up to 250; no approvals gives an empty list', async () => {
		generic().reseed(300);
		isc.sandbox.clearLog();
		const options = await pending();
		expect(options).toHaveLength(250);
		expect(isc.sandbox.requests.map((request) => new URLSearchParams(request.query).get('offset'))).toEqual(['0', '50', '100', '150', '200']);
		generic().reseed(0);
		expect(await pending()).toEqual([]);
	});

	test('ISC\'s 403 is an error that names what the list needs', async () => {
		isc.sandbox.isc.failNext(403);
		await expect(pending()).rejects.toThrow(/refused the request to generic-approvals/);
	});

	test('Bulk Approve (version 2) sends the approvals picked; version 1 keeps typed IDs separated by commas', async () => {
		const picked = (await pending()).slice(0, 3).map((option) => String(option.value));
		const run = async (approvalIds: string | string[], typeVersion: number) => {
			generic().reseed(10);
			isc.sandbox.clearLog();
			const result = await runNode(
				approvals,
				{ resource: 'genericApproval', operation: 'bulkApprove', approvalIds, requestOptions: { paceRequests: false } },
				{ credentials: isc.credentials(), typeVersion },
			);
			expect(result.error).toBeUndefined();
			return isc.sandbox.requests.find((request) => request.path.endsWith('/bulk-approve'))!.body as { approvalIds: string[] };
		};
		expect((await run(picked, 2)).approvalIds).toEqual(picked);
		expect((await run(picked.join(', '), 1)).approvalIds).toEqual(picked);
		const shown = (typeVersion: number) =>
			approvals.description.properties.filter(
				(property) =>
					property.name === 'approvalIds' &&
					NodeHelpers.displayParameter({ resource: 'genericApproval', operation: 'bulkApprove' }, property, { typeVersion }, null),
			);
		expect(shown(2)).toEqual([expect.objectContaining({ type: 'multiOptions', typeOptions: { loadOptionsMethod: 'getPendingGenericApprovals' } })]);
		expect(shown(1)).toEqual([expect.objectContaining({ type: 'string', displayName: 'Approval IDs' })]);
	});
});

describe('the listing filters pick identities and approvals (plain IDs saved before still work)', () => {
	const approvals = new SailPointApprovals();
	const picked = (value: string) => ({ __rl: true, mode: 'list', value });
	const filterOf = (operation: string, name: string) =>
		approvals.description.properties
			.filter((property) => property.name === 'filters' && property.displayOptions?.show?.operation?.includes(operation))
			.flatMap((property) => property.options as Array<{ name: string; type?: string; modes?: Array<{ name: string; typeOptions?: { searchListMethod?: string } }> }>)
			.find((option) => option.name === name)!;
	const listMethod = (operation: string, name: string) =>
		filterOf(operation, name).modes?.find((mode) => mode.name === 'list')?.typeOptions?.searchListMethod;

	test('each identity filter searches identities; Approval ID lists pending approvals, completed ones are entered by ID', () => {
		for (const name of ['approverId', 'requesterId', 'requesteeId']) expect(listMethod('getMany', name)).toBe('searchIdentities');
		expect(listMethod('getManyPending', 'requestedForId')).toBe('searchIdentities');
		expect(listMethod('getManyCompleted', 'requestedForId')).toBe('searchIdentities');
		expect(listMethod('getManyPending', 'approvalId')).toBe('searchPendingAccessRequestApprovals');
		expect(filterOf('getManyCompleted', 'approvalId')).toMatchObject({ type: 'resourceLocator', modes: [expect.objectContaining({ name: 'id' })] });
		expect(filterOf('getManyCompleted', 'approvalId').modes).toHaveLength(1);
	});

	const run = async (parameters: INodeParameters) => {
		isc.sandbox.clearLog();
		const result = await runNode(approvals, { requestOptions: { paceRequests: false }, ...parameters }, { credentials: isc.credentials() });
		expect(result.error).toBeUndefined();
		return new URLSearchParams(isc.sandbox.requests.at(-1)!.query);
	};

	test('generic approvals: a picked requester and approver are sent as ISC\'s query parameters', async () => {
		const requester = isc.sandbox.genericApprovals.approvals[0].requester.identityID;
		for (const value of [picked(requester), requester]) {
			const query = await run({ resource: 'genericApproval', operation: 'getMany', assignedTo: 'anyone', returnAll: true, filters: { requesterId: value, approverId: picked(ISC_IDENTITY_ID) } });
			expect(query.get('requesterId')).toBe(requester);
			expect(query.get('approverId')).toBe(ISC_IDENTITY_ID);
		}
	});

	test('access request approvals: a picked approval and requested-for identity become ISC\'s filters', async () => {
		const [first] = isc.sandbox.accessRequestApprovals.pending;
		for (const [approvalId, requestedForId] of [
			[picked(first.id), picked(first.requestedFor.id)],
			[first.id, first.requestedFor.id],
		]) {
			const query = await run({ resource: 'accessRequestApproval', operation: 'getManyPending', owner: 'all', returnAll: true, filters: { approvalId, requestedForId } });
			expect(query.get('filters')).toBe(`id eq "${first.id}" and requestedFor.id eq "${first.requestedFor.id}"`);
		}
	});
});

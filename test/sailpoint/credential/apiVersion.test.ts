import { ISC_API_CURRENT, ISC_API_V3, iscApiVersion, iscPath } from '../../../packages/sailpoint-isc/nodes/SailPoint/transport/apiPaths';
import { WorkItemsTrigger } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItemsTrigger/WorkItemsTrigger.node';
import { PollingTrigger, emitted } from '../../harness/poll';
import { ISC_TOKEN } from '../../sandbox/isc';
import { ownedByMe, useIscSandbox } from '../context';

/**
 * The credential's API Version: the same calls under /work-items/v1 (Current, the default and
 * what a credential saved before the field existed gets) or /v3/work-items. The sandbox serves
 * both from one state; workItems.actions.test.ts runs every Work Items action on both.
 */

const isc = useIscSandbox({ apiVersion: 'current' });
const paths = () => isc.sandbox.requests.map((request) => `${request.method} ${request.path}`);

test('one mapping: logical endpoints to each version\'s path', () => {
	expect(iscPath(ISC_API_CURRENT, 'work-items')).toBe('work-items/v1');
	expect(iscPath(ISC_API_CURRENT, 'work-items/completed/count')).toBe('work-items/v1/completed/count');
	expect(iscPath(ISC_API_V3, 'work-items/bulk-approve/abc')).toBe('v3/work-items/bulk-approve/abc');
	expect(iscPath(ISC_API_CURRENT, 'access-request-approvals/pending')).toBe('access-request-approvals/v1/pending');
	expect(iscPath(ISC_API_V3, 'access-request-approvals/abc/approve')).toBe('v3/access-request-approvals/abc/approve');
	// /v3 never had generic approvals: their own path whatever the version.
	expect(iscPath(ISC_API_V3, 'generic-approvals/abc')).toBe('generic-approvals/v1/abc');
	expect([undefined, '', 'current', 'V3', 'v2'].map(iscApiVersion)).toEqual(['current', 'current', 'current', 'current', 'current']);
	expect(iscApiVersion('v3')).toBe('v3');
});

test.each([
	['a credential without the field (saved before it existed)', undefined, '/work-items/v1'],
	['Current', 'current', '/work-items/v1'],
	['V3', 'v3', '/v3/work-items'],
])('Get Many with Return All over 600 items, %s (API Version %s), pages %s', async (_label, apiVersion, path) => {
	isc.sandbox.isc.reseed(600, { owners: ownedByMe });
	const credentials = { sailPointIscApi: { baseUrl: isc.sandbox.url, accessToken: ISC_TOKEN, ...(apiVersion ? { apiVersion } : {}) } };
	const result = await isc.getAll({ returnAll: true }, { credentials });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.id)).toEqual(isc.sandbox.isc.workItems.map((item) => item.id));
	expect(new Set(paths())).toEqual(new Set([`GET ${path}`]));
	// Pages after the first are fetched several at a time: they may arrive in any order.
	expect(isc.queries().map((query) => query.get('limit')).sort()).toEqual(['100', '250', '250']);
});

test.each(['current', 'v3'] as const)('the Work Items Trigger polls the chosen API (%s) and emits a new work item once', async (apiVersion) => {
	isc.apiVersion = apiVersion;
	const active = new PollingTrigger(new WorkItemsTrigger(), {}, { credentials: isc.credentials() });
	expect(await active.activate()).toBeNull();
	const added = isc.sandbox.isc.addWorkItem();
	const poll = await active.poll();
	expect(emitted(poll).map((item) => item.id)).toEqual([added.id]);
	expect(await active.poll()).toBeNull();
	expect(new Set(paths())).toEqual(new Set([`GET ${isc.path('work-items')}`]));
	expect(isc.path('work-items')).toBe(apiVersion === 'v3' ? '/v3/work-items' : '/work-items/v1');
});

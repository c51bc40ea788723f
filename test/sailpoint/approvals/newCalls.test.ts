import type { INodeParameters } from 'n8n-workflow';

import { SailPointApprovals } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { expectNoSecrets } from '../../harness/assertions';
import { nextYear } from '../../harness/dates';
import { listSearch, loadOptions } from '../../harness/loadOptions';
import { runNode } from '../../harness/run';
import { ISC_IDENTITY_ID, ISC_OWNERS, ISC_TOKEN } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/**
 * Issue 29, ask 2: the approval calls that were missing: access request Bulk Approve, generic
 * approval Update Attributes and Override Approver ID, and the Non-Employee Approval resource.
 */

const isc = useIscSandbox({ apiVersion: 'current' });
const paths = () => isc.sandbox.requests.map((request) => `${request.method} ${request.path}`);
const FAST = { baseDelayMs: 1, maxDelayMs: 5 };
const access = () => isc.sandbox.accessRequestApprovals;
const generic = () => isc.sandbox.genericApprovals;
const nonEmployee = () => isc.sandbox.nonEmployeeApprovals;

beforeEach(() => {
	access().reseed(12);
	generic().reseed(6);
	nonEmployee().reseed(6);
	isc.apiVersion = 'current';
});

async function run(resource: string, operation: string, parameters: INodeParameters = {}) {
	const result = await runNode(
		new SailPointApprovals(FAST),
		{ resource, operation, ...parameters, options: { requestOptions: { values: { paceRequests: false } }, ...((parameters.options as object) ?? {}) } },
		{ credentials: isc.credentials(), typeVersion: 2 },
	);
	expectNoSecrets(result, ISC_TOKEN);
	return result;
}

describe('Access Request Approval: Bulk Approve', () => {
	test('120 IDs go in batches of 50, 50, 20 with the comment, to /v1 even with API Version V3', async () => {
		access().reseed(130);
		isc.apiVersion = 'v3';
		const ids = access().pending.slice(0, 120).map((approval) => approval.id);
		const result = await run('accessRequestApproval', 'bulkApprove', { approvalIds: ids, comment: 'quarterly batch' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ operation: 'bulk-approve', approvalIds: ids, comment: 'quarterly batch', batches: 3, accepted: true });
		expect(access().bulkApprovals.map((call) => call.approvalIds.length)).toEqual([50, 50, 20]);
		expect(new Set(paths())).toEqual(new Set(['POST /access-request-approvals/v1/bulk-approve']));
		expect(access().completed).toHaveLength(120);
	});

	test('the comment is required before any request; a refused batch after an accepted one names both', async () => {
		const ids = access().pending.map((approval) => approval.id);
		const none = await run('accessRequestApproval', 'bulkApprove', { approvalIds: ids.slice(0, 2), comment: '={{ "" }}' });
		expect(none.error?.message).toBe('The "Comment" parameter is required but is empty');
		expect(isc.sandbox.requests).toEqual([]);

		access().reseed(60);
		const all = access().pending.map((approval) => approval.id);
		isc.sandbox.queue('/access-request-approvals/v1/bulk-approve', { status: 202, body: {} }, { status: 500, body: { detailCode: '500.0 Internal Fault', messages: [{ text: 'An internal fault occurred.' }] } });
		const partial = await run('accessRequestApproval', 'bulkApprove', { approvalIds: all, comment: 'ok' });
		expect(partial.error?.message).toMatch(/^50 approval\(s\) were approved, then a request failed: .*HTTP 500/);
		expect(partial.error?.description).toContain(`Not approved or outcome unknown (not repeated, as a decision is sent once): ${all.slice(50).join(', ')}`);
		expect(paths().filter((path) => path.endsWith('bulk-approve'))).toHaveLength(2);
	});

	test('the Approval IDs list shows every pending approval (no owner-id)', async () => {
		const options = await loadOptions(new SailPointApprovals(), 'getPendingAccessRequestApprovals', {
			credentials: isc.credentials(),
			typeVersion: 2,
			parameters: { resource: 'accessRequestApproval', operation: 'bulkApprove' },
			path: 'parameters.approvalIds',
		});
		expect(options.map((option) => option.value).sort()).toEqual(access().pending.map((approval) => approval.id).sort());
		expect(new URLSearchParams(isc.sandbox.requests[0].query).has('owner-id')).toBe(false);
	});
});

describe('Generic Approval: Update Attributes and Override Approver ID', () => {
	test('sets and removes attribute keys with a comment; nothing to update is an error before any request', async () => {
		const [approval] = generic().approvals;
		const locator = { __rl: true, mode: 'id', value: approval.id };
		const set = await run('genericApproval', 'updateAttributes', { approvalId: locator, additionalAttributes: '{"ticket": "CHG1", "risk": "low"}' });
		expect(JSON.parse(String(set.items[0].json.additionalAttributes))).toEqual({ ticket: 'CHG1', risk: 'low' });
		isc.sandbox.clearLog();
		const removed = await run('genericApproval', 'updateAttributes', { approvalId: locator, additionalAttributes: '{}', removeAttributeKeys: 'risk', comment: 're-rated' });
		expect(isc.sandbox.requests[0].body).toEqual({ removeAttributeKeys: ['risk'], comment: 're-rated' });
		expect(JSON.parse(String(removed.items[0].json.additionalAttributes))).toEqual({ ticket: 'CHG1' });
		isc.sandbox.clearLog();
		const nothing = await run('genericApproval', 'updateAttributes', { approvalId: locator, additionalAttributes: '{}', removeAttributeKeys: '' });
		expect(nothing.error?.message).toMatch(/^Give "Attributes to Set" or "Keys to Remove"/);
		expect(isc.sandbox.requests).toEqual([]);
	});

	test('Approve and Reject send overrideApproverID when the option is set, and only then', async () => {
		const [a, b, c] = generic().approvals.filter((approval) => approval.assignedTo.some((who) => who.identityID === ISC_IDENTITY_ID) || true);
		const onBehalf = { __rl: true, mode: 'id', value: ISC_OWNERS[1].id };
		await run('genericApproval', 'approve', { approvalId: { __rl: true, mode: 'id', value: a.id }, options: { overrideApproverId: onBehalf } });
		expect(isc.sandbox.requests[0].body).toEqual({ overrideApproverID: ISC_OWNERS[1].id });
		expect(a.approvedBy).toEqual([expect.objectContaining({ identityID: ISC_OWNERS[1].id })]);
		isc.sandbox.clearLog();
		await run('genericApproval', 'reject', { approvalId: { __rl: true, mode: 'id', value: b.id }, comment: 'no', options: { overrideApproverId: onBehalf } });
		expect(isc.sandbox.requests[0].body).toEqual({ comment: 'no', overrideApproverID: ISC_OWNERS[1].id });
		isc.sandbox.clearLog();
		await run('genericApproval', 'reject', { approvalId: { __rl: true, mode: 'id', value: c.id }, comment: 'no' });
		expect(isc.sandbox.requests[0].body).toEqual({ comment: 'no' });
	});
});

describe('Non-Employee Approval', () => {
	const mine = () => nonEmployee().approvals.filter((approval) => approval.approver.id === ISC_IDENTITY_ID);
	const locator = (value: string) => ({ __rl: true, mode: 'id', value });

	test('Get Many: mine (requested-for=me), the status filter and sort; Get with and without the request', async () => {
		const list = await run('nonEmployeeApproval', 'getMany', { returnAll: true, filters: { approvalStatus: 'PENDING' }, options: { sort: '-created' } });
		expect(list.items.map((item) => item.json.id)).toEqual(mine().map((approval) => approval.id).reverse());
		const query = new URLSearchParams(isc.sandbox.requests[0].query);
		expect([query.get('requested-for'), query.get('filters'), query.get('sorters')]).toEqual(['me', 'approvalStatus eq "PENDING"', '-created']);
		const detail = await run('nonEmployeeApproval', 'get', { approvalId: locator(mine()[0].id) });
		expect(detail.items[0].json.nonEmployeeRequest).toMatchObject({ firstName: 'William', lastName: 'Smith', startDate: nextYear('01-04') });
		const bare = await run('nonEmployeeApproval', 'get', { approvalId: locator(mine()[0].id), includeDetail: false });
		expect(bare.items[0].json.nonEmployeeRequest).toBeUndefined();
	});

	test('Approve; Reject needs a comment; deciding again says it is no longer pending; Get Summary', async () => {
		const [first, second] = mine();
		const approved = await run('nonEmployeeApproval', 'approve', { approvalId: locator(first.id), comment: 'welcome' });
		expect(approved.items[0].json).toMatchObject({ id: first.id, approvalStatus: 'APPROVED', comment: 'welcome' });
		const again = await run('nonEmployeeApproval', 'approve', { approvalId: locator(first.id) });
		expect(again.error?.message).toBe(`Cannot approve non-employee approval "${first.id}": it is no longer pending, it is APPROVED`);
		isc.sandbox.clearLog();
		const noComment = await run('nonEmployeeApproval', 'reject', { approvalId: locator(second.id), comment: ' ' });
		expect(noComment.error?.message).toBe('The "Comment" parameter is required but is empty');
		expect(isc.sandbox.requests).toEqual([]);
		const summary = await run('nonEmployeeApproval', 'getSummary');
		expect(summary.items[0].json).toEqual({ pending: mine().length - 1, approved: 1, rejected: 0 });
		expect(paths()).toEqual(['GET /non-employee-approvals/v1/summary/me']);
	});

	test('a decision is not repeated after a 5xx; another approver\'s is a 403 naming who may decide', async () => {
		isc.sandbox.isc.failNext(500);
		const failed = await run('nonEmployeeApproval', 'approve', { approvalId: locator(mine()[0].id) });
		expect(failed.error?.message).toMatch(/HTTP 500/);
		expect(paths()).toHaveLength(1);
		const theirs = nonEmployee().approvals.find((approval) => approval.approver.id !== ISC_IDENTITY_ID)!;
		const refused = await run('nonEmployeeApproval', 'approve', { approvalId: locator(theirs.id) });
		expect(refused.error?.message).toMatch(/HTTP 403/);
		expect(refused.error?.description).toMatch(/requested approver only; the token needs the scope idn:nelm:manage/);
	});

	test('the Approval ID picker lists my pending approvals by account name', async () => {
		nonEmployee().approvals[0].approvalStatus = 'APPROVED';
		const found = await listSearch(new SailPointApprovals(), 'searchPendingNonEmployeeApprovals', { credentials: isc.credentials(), typeVersion: 2 });
		expect(found.results.map((entry) => entry.value)).toEqual(mine().filter((approval) => approval.approvalStatus === 'PENDING').map((approval) => approval.id).reverse());
		expect(found.results[0].name).toMatch(/^[a-z.]+\d+ · 2026-11-20/);
	});
});

describe('the approvals\' newer fields (form, jitDetails, identityType, startDate, requestedFor.type MACHINE_IDENTITY)', () => {
	test('an approval for a machine identity with a form and JIT details comes out of Get Many Pending as ISC sends it', async () => {
		// Field shapes from idn/apis/access-request-approvals/schemas/pendingapproval.yaml.
		const machine = access().add({
			identityType: 'MACHINE',
			requestedFor: { type: 'MACHINE_IDENTITY', id: '2c9180835d2e5168015d32f8machine1', name: 'build-agent-7' },
			startDate: nextYear('01-04T00:00:00Z'),
			jitDetails: [{ applicationId: '2c9180835d2e5168015d32f890ca1581', attributeName: 'groups', attributeValues: ['CN=Deployers,OU=Groups,DC=example,DC=com'] }],
			form: { formDefinitionId: 'b2c1808f-77f5-4a3a-9f3a-1d2e3f4a5b6c', formInstanceId: '9f3a1d2e-3f4a-5b6c-7d8e-9f0a1b2c3d4e', formData: { justification: 'Release pipeline', platforms: ['AWS'] } },
		} as never);
		const listed = await run('accessRequestApproval', 'getManyPending', { returnAll: true, filters: { approvalId: { __rl: true, mode: 'id', value: machine.id } } });
		expect(listed.items.map((item) => item.json)).toEqual([JSON.parse(JSON.stringify(machine))]);
		expect(listed.items[0].json).toMatchObject({
			identityType: 'MACHINE',
			requestedFor: { type: 'MACHINE_IDENTITY', name: 'build-agent-7' },
			startDate: nextYear('01-04T00:00:00Z'),
			jitDetails: [expect.objectContaining({ attributeName: 'groups' })],
			form: expect.objectContaining({ formData: { justification: 'Release pipeline', platforms: ['AWS'] } }),
		});
	});
});

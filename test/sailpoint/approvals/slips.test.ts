import type { INodeParameters } from 'n8n-workflow';

import { SailPointApprovals } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { iscPath } from '../../../packages/sailpoint-isc/nodes/SailPoint/transport/apiPaths';
import { expectNoSecrets } from '../../harness/assertions';
import { runNode } from '../../harness/run';
import { ISC_IDENTITY_ID, ISC_OWNERS, ISC_TOKEN } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/**
 * Issue 29, ask 6: Get Approvers goes to /access-request-approvals/v1/{id}/approvers whatever
 * the API Version (the v3 document has no such endpoint), and every SailPoint Approvals
 * operation's 403 hint speaks of what that operation does, not of work items.
 */

const isc = useIscSandbox({ apiVersion: 'current' });
const paths = () => isc.sandbox.requests.map((request) => `${request.method} ${request.path}`);
const FAST = { baseDelayMs: 1, maxDelayMs: 5 };

beforeEach(() => {
	isc.sandbox.accessRequestApprovals.reseed(8);
	isc.sandbox.genericApprovals.reseed(6);
	isc.apiVersion = 'current';
});

async function run(resource: string, operation: string, parameters: INodeParameters = {}) {
	const result = await runNode(
		new SailPointApprovals(FAST),
		{ resource, operation, requestOptions: { paceRequests: false }, ...parameters },
		{ credentials: isc.credentials() },
	);
	expectNoSecrets(result, ISC_TOKEN);
	return result;
}

describe('Get Approvers', () => {
	test('iscPath keeps approvers under /v1 with V3, other access request calls under /v3', () => {
		expect(iscPath('v3', 'access-request-approvals/abc/approvers')).toBe('access-request-approvals/v1/abc/approvers');
		expect(iscPath('v3', 'access-request-approvals/abc/approve')).toBe('v3/access-request-approvals/abc/approve');
		expect(iscPath('v3', 'access-request-approvals/pending')).toBe('v3/access-request-approvals/pending');
	});

	test('API Version V3 sends GET /access-request-approvals/v1/{id}/approvers and lists the approvers', async () => {
		isc.apiVersion = 'v3';
		const [target] = isc.sandbox.accessRequestApprovals.pending;
		const result = await run('accessRequestApproval', 'getApprovers', { accessRequestId: target.accessRequestId, returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.approvalId)).toEqual([target.id]);
		expect(paths()).toEqual([`GET /access-request-approvals/v1/${target.accessRequestId}/approvers`]);
	});

	test('the sandbox, like the v3 document, has no /v3/access-request-approvals/{id}/approvers', async () => {
		const [target] = isc.sandbox.accessRequestApprovals.pending;
		const response = await fetch(`${isc.sandbox.url}/v3/access-request-approvals/${target.accessRequestId}/approvers`, {
			headers: { authorization: `Bearer ${ISC_TOKEN}` },
		});
		expect(response.status).toBe(404);
	});
});

describe('403 hints speak of the operation', () => {
	const approvalId = () => isc.sandbox.accessRequestApprovals.pending[0].id;
	const genericId = () => isc.sandbox.genericApprovals.approvals[0].id;
	const cases: Array<[string, string, () => INodeParameters, RegExp]> = [
		['accessRequestApproval', 'getManyPending', () => ({ returnAll: true }), /Listing pending access request approvals .*ORG_ADMIN/],
		['accessRequestApproval', 'getManyCompleted', () => ({ returnAll: true }), /Listing completed access request approvals/],
		['accessRequestApproval', 'getSummary', () => ({}), /summary needs ORG_ADMIN/],
		[
			'accessRequestApproval',
			'getApprovers',
			() => ({ accessRequestId: isc.sandbox.accessRequestApprovals.pending[0].accessRequestId, returnAll: true }),
			/Listing an access request's approvers needs ORG_ADMIN and the scope idn:access-request-administration:read/,
		],
		['accessRequestApproval', 'approve', () => ({ approvalId: approvalId() }), /Approving an access request approval is for its owner/],
		['accessRequestApproval', 'reject', () => ({ approvalId: approvalId(), comment: 'no' }), /Rejecting an access request approval/],
		[
			'accessRequestApproval',
			'forward',
			() => ({ approvalId: approvalId(), newOwnerId: ISC_OWNERS[2].id, comment: 'yours' }),
			/Forwarding an access request approval/,
		],
		['genericApproval', 'get', () => ({ approvalId: genericId() }), /Reading a generic approval needs/],
		['genericApproval', 'getMany', () => ({ returnAll: true }), /Listing generic approvals needs .*Anyone \(Admin\)/],
		['genericApproval', 'approve', () => ({ approvalId: genericId() }), /Approving a generic approval is for one of its approvers/],
		['genericApproval', 'reject', () => ({ approvalId: genericId() }), /Rejecting a generic approval/],
		['genericApproval', 'cancel', () => ({ approvalId: genericId() }), /Cancelling an approval needs ORG_ADMIN and the scope sp:approvals:write/],
		['genericApproval', 'addComment', () => ({ approvalId: genericId(), comment: 'hi' }), /Commenting on a generic approval/],
	];
	test.each(cases)('%s %s', async (resource, operation, parameters, hint) => {
		isc.sandbox.isc.failNext(403);
		const result = await run(resource, operation, parameters());
		expect(result.error?.message).toMatch(/refused the request .*\(HTTP 403/);
		expect(result.error?.description).toMatch(hint);
		expect(result.error?.description).not.toMatch(/work item/i);
		expect(isc.sandbox.requests.length).toBeGreaterThan(0);
	});

	test('the owner of the decision is still who ISC would allow (a sanity check of the seed)', () => {
		expect(isc.sandbox.accessRequestApprovals.pending.some((entry) => entry.owner.id === ISC_IDENTITY_ID)).toBe(true);
	});
});

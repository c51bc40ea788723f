import axios from 'axios';

import { nextYear } from '../../harness/dates';
import { ISC_IDENTITY_ID, ISC_OWNERS, ISC_TOKEN, ISC_USER_TOKEN } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/**
 * The sandbox's newer approval calls keep the specs' contract: access request bulk approve
 * (idn/apis/access-requests), generic approval attributes and overrideApproverID
 * (idn/apis/approvals), non-employee approvals (idn/apis/non-employee-lifecycle-management).
 */

const isc = useIscSandbox({ apiVersion: 'current' });
beforeEach(() => {
	isc.sandbox.accessRequestApprovals.reseed(8);
	isc.sandbox.genericApprovals.reseed(4);
	isc.sandbox.nonEmployeeApprovals.reseed(6);
});

async function call(method: 'get' | 'post', path: string, body?: unknown, token = ISC_TOKEN) {
	return await axios.request({ method, url: `${isc.sandbox.url}${path}`, data: body, headers: { Authorization: `Bearer ${token}` }, validateStatus: () => true });
}

test('bulk-approve: ORG_ADMIN, 1-50 IDs and a comment, all pending or nothing; not under /v3', async () => {
	const [a, b] = isc.sandbox.accessRequestApprovals.pending;
	expect((await call('post', '/access-request-approvals/v1/bulk-approve', { approvalIds: [a.id], comment: 'ok' }, ISC_USER_TOKEN)).status).toBe(403);
	expect((await call('post', '/access-request-approvals/v1/bulk-approve', { approvalIds: [a.id] })).data.causes[0].text).toBe('comment: is required');
	const many = Array.from({ length: 51 }, () => a.id);
	expect((await call('post', '/access-request-approvals/v1/bulk-approve', { approvalIds: many, comment: 'ok' })).data.causes[0].text).toMatch(/at most 50/);
	expect((await call('post', '/v3/access-request-approvals/bulk-approve', { approvalIds: [a.id], comment: 'ok' })).status).toBe(404);
	expect((await call('post', '/access-request-approvals/v1/bulk-approve', { approvalIds: [a.id, b.id], comment: 'ok' })).status).toBe(202);
	expect(isc.sandbox.accessRequestApprovals.completed.map((approval) => approval.state)).toEqual(['APPROVED', 'APPROVED']);
	expect((await call('post', '/access-request-approvals/v1/bulk-approve', { approvalIds: [a.id], comment: 'ok' })).data.causes[0].text).toMatch(/is not pending: it is APPROVED/);
});

test('generic attributes: add and remove keys (one of them required); overrideApproverID records the decision as that identity', async () => {
	const [approval] = isc.sandbox.genericApprovals.approvals;
	const path = `/generic-approvals/v1/${approval.id}`;
	expect((await call('post', `${path}/attributes`, { comment: 'x' })).status).toBe(400);
	const added = await call('post', `${path}/attributes`, { additionalAttributes: { ticket: 'CHG1', risk: 'low' } });
	expect(JSON.parse(added.data.additionalAttributes)).toEqual({ ticket: 'CHG1', risk: 'low' });
	const removed = await call('post', `${path}/attributes`, { removeAttributeKeys: ['risk'], comment: 'risk re-rated' });
	expect(JSON.parse(removed.data.additionalAttributes)).toEqual({ ticket: 'CHG1' });
	expect(removed.data.comments.map((entry: { comment: string }) => entry.comment)).toEqual(['risk re-rated']);
	expect((await call('post', `${path}/approve`, { overrideApproverID: 'nobody' })).status).toBe(400);
	const approved = await call('post', `${path}/approve`, { overrideApproverID: ISC_OWNERS[1].id });
	expect(approved.data.approvedBy).toEqual([expect.objectContaining({ identityID: ISC_OWNERS[1].id, decidedFor: true })]);
});

test('non-employee approvals: list (requested-for, approvalStatus), get with and without detail, approve, reject needs a comment, summary', async () => {
	const mine = await call('get', '/non-employee-approvals/v1?requested-for=me');
	const own = isc.sandbox.nonEmployeeApprovals.approvals.filter((approval) => approval.approver.id === ISC_IDENTITY_ID);
	expect(mine.data.map((approval: { id: string }) => approval.id)).toEqual(own.map((approval) => approval.id));
	expect(Object.keys(mine.data[0].nonEmployeeRequest).sort()).toEqual(['id', 'requester']);
	const detail = await call('get', `/non-employee-approvals/v1/${own[0].id}`);
	expect(detail.data.nonEmployeeRequest).toMatchObject({ firstName: 'William', startDate: nextYear('01-04') });
	expect((await call('get', `/v3/non-employee-approvals/${own[0].id}?include-detail=false`)).data.nonEmployeeRequest).toBeUndefined();
	expect((await call('post', `/non-employee-approvals/v1/${own[0].id}/reject`, {})).status).toBe(400);
	const approved = await call('post', `/non-employee-approvals/v1/${own[0].id}/approve`, { comment: 'welcome' });
	expect(approved.data).toMatchObject({ approvalStatus: 'APPROVED', comment: 'welcome' });
	expect((await call('post', `/non-employee-approvals/v1/${own[0].id}/approve`, {})).status).toBe(400);
	const pending = await call('get', `/non-employee-approvals/v1?filters=${encodeURIComponent('approvalStatus eq "PENDING"')}`);
	expect(pending.data).toHaveLength(5);
	expect((await call('get', '/non-employee-approvals/v1/summary/me')).data).toEqual({ approved: 1, pending: own.length - 1, rejected: 0 });
	// Only the requested approver decides; a user may not read another's summary.
	const others = isc.sandbox.nonEmployeeApprovals.approvals.find((approval) => approval.approver.id !== ISC_IDENTITY_ID)!;
	expect((await call('post', `/non-employee-approvals/v1/${others.id}/approve`, {})).status).toBe(403);
	expect((await call('get', `/non-employee-approvals/v1/summary/${ISC_IDENTITY_ID}`, undefined, ISC_USER_TOKEN)).status).toBe(403);
});

import assert from 'node:assert/strict';

import { ISC_IDENTITY_ID, ISC_OWNERS } from '../../../test/sandbox/isc';
import { accessRequestApprovalOperations, approvalsVersion3, genericApprovalOperations } from '../../workflows';
import { items, requestsTo, succeeded, trigger, type CaseFamily } from '../context';

/** SailPoint Approvals: access request and generic approval operations. */
export const approvalCases: CaseFamily = (test, session) => {
	const { sandbox } = session;

	test('SailPoint Approvals: access request approvals listed, approved, rejected, forwarded; completed, summary and approvers read', async () => {
		const arr = sandbox.accessRequestApprovals;
		const ops = accessRequestApprovalOperations;
		const mine = arr.pending.filter((approval) => approval.owner.id === ISC_IDENTITY_ID);
		const pending = await trigger(session, ops.getManyPending, { owner: 'me' });
		succeeded(pending.execution);
		assert.deepEqual(items(pending.execution, 'Approvals').map((item) => item.json.id), mine.map((approval) => approval.id));
		const everyone = await trigger(session, ops.getManyPending, { owner: 'all' });
		assert.equal(items(everyone.execution, 'Approvals').length, 12);

		const [one, two, three] = mine;
		const approved = await trigger(session, ops.approve, { approvalId: one.id, comment: 'Low risk' });
		succeeded(approved.execution);
		assert.deepEqual(items(approved.execution, 'Approvals')[0].json, { id: one.id, operation: 'approve', comment: 'Low risk', accepted: true });
		const rejected = await trigger(session, ops.reject, { approvalId: two.id, comment: 'Not needed' });
		succeeded(rejected.execution);
		const forwarded = await trigger(session, ops.forward, { approvalId: three.id, newOwnerId: ISC_OWNERS[2].id, comment: 'Please review' });
		succeeded(forwarded.execution);
		assert.equal(three.owner.id, ISC_OWNERS[2].id);
		assert.deepEqual(arr.completed.map((approval) => [approval.id, approval.state]), [[one.id, 'APPROVED'], [two.id, 'REJECTED']]);

		const completed = await trigger(session, ops.getManyCompleted, {});
		assert.deepEqual(items(completed.execution, 'Approvals').map((item) => item.json.state), ['APPROVED', 'REJECTED']);
		const summary = await trigger(session, ops.getSummary, {});
		assert.deepEqual(items(summary.execution, 'Approvals')[0].json, { pending: mine.length - 3, approved: 1, rejected: 1 });
		const approvers = await trigger(session, ops.getApprovers, { accessRequestId: one.accessRequestId });
		assert.deepEqual(items(approvers.execution, 'Approvals').map((item) => item.json.approvalId), [one.id]);
		assert.ok(requestsTo(sandbox, `/access-request-approvals/v1/${one.id}/approve`).length === 1, 'the per-service path, once');
	});

	test('SailPoint Approvals version 3: Simplify on (name first, IDs last, generic name as text); decisions say what was decided with success: true', async () => {
		const mine = sandbox.accessRequestApprovals.pending.filter((approval) => approval.owner.id === ISC_IDENTITY_ID);
		const [one] = mine;
		const workflowApproval = sandbox.genericApprovals.approvals.find((approval) => approval.assignedTo.some((who) => who.identityID === ISC_IDENTITY_ID))!;
		const run = await trigger(session, approvalsVersion3, { approvalId: one.id, genericId: workflowApproval.id });
		succeeded(run.execution);
		const pending = items(run.execution, 'Pending (v3)').map((item) => item.json);
		assert.deepEqual(pending.map((item) => item.id), mine.map((approval) => approval.id));
		assert.equal(Object.keys(pending[0])[0], 'name');
		assert.deepEqual(Object.keys(pending[0]).slice(-2), ['id', 'accessRequestId']);
		assert.equal(pending[0].state, 'PENDING');
		const generic = items(run.execution, 'Generic Get (v3)')[0].json;
		assert.equal(generic.name, workflowApproval.name[0].value);
		const approved = items(run.execution, 'Approve (v3)')[0].json;
		assert.deepEqual(
			{ name: approved.name, requestedFor: approved.requestedFor, state: approved.state, success: approved.success, id: approved.id },
			{ name: one.name, requestedFor: one.requestedFor, state: 'APPROVED', success: true, id: one.id },
		);
		const rejected = items(run.execution, 'Generic Reject (v3)')[0].json;
		assert.deepEqual([rejected.state, rejected.moreApprovalsNeeded, rejected.success], ['REJECTED', false, true]);
		assert.equal(requestsTo(sandbox, `/access-request-approvals/v1/${one.id}/approve`).length, 1, 'the decision sent once');
	});

	test('SailPoint Approvals: deciding a decided approval names its state; Reject without a comment fails naming the field', async () => {
		const ops = accessRequestApprovalOperations;
		const [one] = sandbox.accessRequestApprovals.pending.filter((approval) => approval.owner.id === ISC_IDENTITY_ID);
		await trigger(session, ops.reject, { approvalId: one.id, comment: 'No' });
		const again = await trigger(session, ops.approve, { approvalId: one.id });
		assert.equal(items(again.execution, 'Approvals')[0].json.error, `Cannot approve access request approval "${one.id}": it is no longer pending, it is REJECTED`);
		sandbox.clearLog();
		const noComment = await trigger(session, ops.reject, { approvalId: one.id, comment: '' });
		assert.equal(items(noComment.execution, 'Approvals')[0].json.error, 'The "Comment" parameter is required but is empty');
		assert.equal(sandbox.requests.filter((request) => request.path.startsWith('/access-request-approvals')).length, 0, 'nothing sent');
	});

	test('SailPoint Approvals: every generic approval operation', async () => {
		const generic = sandbox.genericApprovals;
		const ops = genericApprovalOperations;
		const mine = generic.approvals.filter((approval) => approval.assignedTo.some((who) => who.identityID === ISC_IDENTITY_ID));
		const listed = await trigger(session, ops.getMany, {});
		succeeded(listed.execution);
		assert.deepEqual(items(listed.execution, 'Approvals').map((item) => item.json.id), mine.map((approval) => approval.id));
		const [a, b, c] = mine;
		const got = await trigger(session, ops.get, { approvalId: a.id });
		assert.equal(items(got.execution, 'Approvals')[0].json.id, a.id);
		const approved = await trigger(session, ops.approve, { approvalId: a.id, comment: 'ok' });
		assert.equal(items(approved.execution, 'Approvals')[0].json.status, 'APPROVED');
		const commented = await trigger(session, ops.addComment, { approvalId: b.id, comment: 'Looking' });
		assert.equal((items(commented.execution, 'Approvals')[0].json.comments as unknown[]).length, 1);
		const reassigned = await trigger(session, ops.reassign, { approvalId: b.id, reassignTo: ISC_OWNERS[1].id });
		assert.equal(items(reassigned.execution, 'Approvals')[0].json.success, true);
		await trigger(session, ops.reject, { approvalId: c.id, comment: 'no' });
		assert.deepEqual([a.status, b.status, c.status], ['APPROVED', 'PENDING', 'REJECTED']);
		await trigger(session, ops.cancel, { approvalId: b.id });
		assert.equal(b.status, 'CANCELLED');

		const rest = generic.approvals.filter((approval) => approval.status === 'PENDING').map((approval) => approval.id);
		assert.ok(rest.length >= 6);
		const bulk = await trigger(session, ops.bulkApprove, { approvalIds: rest.slice(0, 3).join(',') });
		assert.equal(items(bulk.execution, 'Approvals')[0].json.batches, 2);
		await trigger(session, ops.bulkReject, { approvalIds: [rest[3]] });
		await trigger(session, ops.bulkReassign, { approvalIds: [rest[4]], reassignTo: ISC_OWNERS[2].id, reassignFrom: generic.find(rest[4])!.assignedTo[0].identityID });
		await trigger(session, ops.bulkCancel, { approvalIds: [rest[5]] });
		assert.deepEqual(rest.slice(0, 6).map((id) => generic.find(id)!.status), ['APPROVED', 'APPROVED', 'APPROVED', 'REJECTED', 'PENDING', 'CANCELLED']);
		assert.equal(generic.find(rest[4])!.assignedTo[0].identityID, ISC_OWNERS[2].id);
		assert.deepEqual(generic.bulkRequests.map((request) => request.action), ['approve', 'approve', 'reject', 'reassign', 'cancel']);
	});
};

import type { INodeParameters } from 'n8n-workflow';

import { SailPointApprovals } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { expectNoSecrets } from '../../harness/assertions';
import { runNode } from '../../harness/run';
import { ISC_IDENTITY_ID, ISC_OWNERS, ISC_TOKEN, ISC_USER_TOKEN } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/** SailPoint Approvals → Generic Approval, every operation against the sandbox's state. */

const isc = useIscSandbox({ apiVersion: 'current' });
const generic = () => isc.sandbox.genericApprovals;
const paths = () => isc.sandbox.requests.map((request) => `${request.method} ${request.path}`);
const query = (index = 0) => new URLSearchParams(isc.sandbox.requests[index].query);

/** Retries without the real back-off, so that the fault tests stay fast. */
const FAST = { baseDelayMs: 1, maxDelayMs: 5 };
beforeEach(() => {
	generic().reseed(10);
	isc.apiVersion = 'current';
});

async function run(operation: string, parameters: INodeParameters = {}, options: Parameters<typeof runNode>[2] = {}) {
	const pacingOff = { requestOptions: { paceRequests: false } };
	const result = await runNode(
		new SailPointApprovals(FAST),
		{ resource: 'genericApproval', operation, ...pacingOff, ...parameters },
		{ credentials: isc.credentials(), ...options },
	);
	expectNoSecrets(result, ISC_TOKEN);
	return result;
}

const mine = () => generic().approvals.filter((approval) => approval.assignedTo.some((who) => who.identityID === ISC_IDENTITY_ID));

describe('reading', () => {
	test('Get Many: those assigned to me (mine=true); the include switches add comments and approvers', async () => {
		const plain = await run('getMany', { returnAll: true });
		expect(plain.items.map((item) => item.json.id)).toEqual(mine().map((approval) => approval.id));
		expect(plain.items[0].json.comments).toBeUndefined();
		expect(paths()).toEqual(['GET /generic-approvals/v1']);
		expect(query().get('mine')).toBe('true');

		isc.sandbox.clearLog();
		const full = await run('getMany', { returnAll: true, options: { includeComments: true, includeApprovers: true } });
		expect(full.items[0].json).toMatchObject({ comments: [], approvers: [expect.objectContaining({ identityID: ISC_IDENTITY_ID })] });
		expect(query().get('include-comments')).toBe('true');
		expect(query().get('include-approvers')).toBe('true');
	});

	test('Get Many, anyone (admin): every approval; Return All over 600 pages 250, 250, 100', async () => {
		const all = await run('getMany', { assignedTo: 'anyone', returnAll: true });
		expect(all.items).toHaveLength(10);
		expect(query().get('mine')).toBe('false');

		generic().reseed(600, { approverId: ISC_IDENTITY_ID });
		isc.sandbox.clearLog();
		const many = await run('getMany', { returnAll: true, options: { includeTotal: true } });
		expect(many.items.map((item) => item.json.id)).toEqual(generic().approvals.map((approval) => approval.id));
		expect(many.items[599].json.totalCount).toBe(600);
		// Pages after the first are fetched several at a time: they may arrive in any order.
		expect(isc.sandbox.requests.map((request) => new URLSearchParams(request.query).get('limit')).sort()).toEqual(['100', '250', '250']);
	});

	test('filters: status, priority and requester; ISC applies them', async () => {
		generic().approvals[1].status = 'APPROVED';
		const result = await run('getMany', {
			assignedTo: 'anyone',
			returnAll: true,
			filters: { status: 'PENDING', priority: 'HIGH', requesterId: ISC_OWNERS[2].id },
		});
		expect(query().get('filters')).toBe('status eq "PENDING" and priority eq "HIGH"');
		expect(query().get('requesterId')).toBe(ISC_OWNERS[2].id);
		const expected = generic()
			.approvals.filter((approval) => approval.status === 'PENDING' && approval.priority === 'HIGH' && approval.requester.identityID === ISC_OWNERS[2].id)
			.map((approval) => approval.id);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.items.map((item) => item.json.id)).toEqual(expected);
	});

	test('a plain user asking for another approver\'s is ISC\'s 403', async () => {
		const result = await run(
			'getMany',
			{ returnAll: true, filters: { approverId: ISC_IDENTITY_ID } },
			{ credentials: isc.credentials({ accessToken: ISC_USER_TOKEN }) },
		);
		expect(result.error?.message).toMatch(/HTTP 403/);
		expectNoSecrets(result, ISC_USER_TOKEN);
	});

	test('Get returns the approval; an unknown ID is ISC\'s 400; Continue On Fail pairs the error item', async () => {
		const [first] = mine();
		const result = await run(
			'get',
			{ approvalId: '={{ $json.id }}' },
			{ continueOnFail: true, items: [{ id: first.id }, { id: '38453251-6be2-5f8f-df93-ffffffffffff' }, { id: '' }] },
		);
		expect(result.items[0].json).toEqual(JSON.parse(JSON.stringify(first)));
		expect(result.items[1].json.error).toMatch(/HTTP 400.*no approval with ID 38453251-6be2-5f8f-df93-ffffffffffff/);
		expect(result.items[2].json.error).toBe('The "Approval ID" parameter is required but is empty');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(paths()).toEqual([`GET /generic-approvals/v1/${first.id}`, 'GET /generic-approvals/v1/38453251-6be2-5f8f-df93-ffffffffffff']);
	});
});

describe('acting', () => {
	test('Approve with a comment and attributes returns the approved approval; approving again names its state', async () => {
		const [target] = mine();
		const result = await run('approve', {
			approvalId: target.id,
			comment: 'Fine',
			options: { additionalAttributes: '{"source": "n8n"}' },
		});
		expect(result.items[0].json).toMatchObject({ id: target.id, status: 'APPROVED', additionalAttributes: '{"source":"n8n"}' });
		expect(isc.sandbox.requests[0].body).toEqual({ comment: 'Fine', additionalAttributes: { source: 'n8n' } });

		isc.sandbox.clearLog();
		const again = await run('approve', { approvalId: target.id });
		expect(again.error?.message).toBe(`Cannot approve approval "${target.id}": it is no longer pending, it is APPROVED`);
		expect(paths()).toEqual([`POST /generic-approvals/v1/${target.id}/approve`, `GET /generic-approvals/v1/${target.id}`]);
	});

	test('Additional Attributes must be a JSON object of text values, checked before any request', async () => {
		const [target] = mine();
		const bad = await run('approve', { approvalId: target.id, options: { additionalAttributes: '{"n": 1}' } });
		expect(bad.error?.message).toBe('The "Additional Attributes" value of "n" must be text (ISC takes text values here), but it is a number');
		const broken = await run('approve', { approvalId: target.id, options: { additionalAttributes: '{nope' } });
		expect(broken.error?.message).toMatch(/^The "Additional Attributes" parameter must be a JSON object/);
		expect(isc.sandbox.requests).toHaveLength(0);
	});

	test('Reject (204): a success item, the approval REJECTED', async () => {
		const [target] = mine();
		const result = await run('reject', { approvalId: target.id, comment: 'No' });
		expect(result.items[0].json).toEqual({ id: target.id, operation: 'reject', comment: 'No', success: true });
		expect(target).toMatchObject({ status: 'REJECTED', rejectedBy: [expect.objectContaining({ identityID: ISC_IDENTITY_ID })] });
	});

	test('Reassign makes another identity the approver; Cancel (admin) cancels, and a later decision names CANCELLED', async () => {
		const [first, second] = mine();
		const reassigned = await run('reassign', { approvalId: first.id, reassignTo: ISC_OWNERS[3].id, comment: 'Yours' });
		expect(reassigned.items[0].json).toEqual({ id: first.id, operation: 'reassign', reassignTo: ISC_OWNERS[3].id, comment: 'Yours', success: true });
		expect(first.assignedTo.map((who) => who.identityID)).toEqual([ISC_OWNERS[3].id]);
		expect(first.reassignmentHistory).toHaveLength(1);

		await run('cancel', { approvalId: second.id });
		expect(second.status).toBe('CANCELLED');
		const late = await run('reject', { approvalId: second.id, comment: 'late' });
		expect(late.error?.message).toBe(`Cannot reject approval "${second.id}": it is no longer pending, it is CANCELLED`);
	});

	test('Add Comment needs a comment and returns the approval with it', async () => {
		const [target] = mine();
		const empty = await run('addComment', { approvalId: target.id, comment: ' ' });
		expect(empty.error?.message).toBe('The "Comment" parameter is required but is empty');
		const result = await run('addComment', { approvalId: target.id, comment: 'Looks good' });
		expect(result.items[0].json.comments).toEqual([expect.objectContaining({ comment: 'Looks good' })]);
	});

	test('a decision is not repeated after a 503', async () => {
		const [target] = mine();
		isc.sandbox.queue(`/generic-approvals/v1/${target.id}/approve`, { status: 503, body: { error: 'unavailable' } });
		const result = await run('approve', { approvalId: target.id });
		expect(result.error?.message).toMatch(/503/);
		expect(isc.sandbox.requests).toHaveLength(1);
		expect(target.status).toBe('PENDING');
	});
});

describe('bulk', () => {
	test('Bulk Approve splits the IDs into batches of Batch Size; all are approved', async () => {
		const ids = generic().approvals.slice(0, 5).map((approval) => approval.id);
		const result = await run('bulkApprove', { approvalIds: ids.join(', '), comment: 'Monthly review', options: { batchSize: 2 } });
		expect(result.items[0].json).toEqual({ operation: 'bulk-approve', approvalIds: ids, comment: 'Monthly review', batches: 3, accepted: true });
		expect(generic().bulkRequests.map((request) => request.approvalIds)).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
		expect(paths()).toEqual(Array(3).fill('POST /generic-approvals/v1/bulk-approve'));
		expect(generic().approvals.slice(0, 5).every((approval) => approval.status === 'APPROVED')).toBe(true);
	});

	test('Bulk Reject, Bulk Cancel and Bulk Reassign take a list from an expression', async () => {
		const [a, b, c, d] = generic().approvals;
		await run('bulkReject', { approvalIds: `={{ ${JSON.stringify([a.id])} }}` });
		await run('bulkCancel', { approvalIds: `={{ ${JSON.stringify([b.id])} }}` });
		await run('bulkReassign', { approvalIds: `={{ ${JSON.stringify([c.id, d.id])} }}`, reassignTo: ISC_OWNERS[2].id, reassignFrom: c.assignedTo[0].identityID });
		expect([a.status, b.status, c.status]).toEqual(['REJECTED', 'CANCELLED', 'PENDING']);
		expect(c.assignedTo.map((who) => who.identityID)).toEqual([ISC_OWNERS[2].id]);
		expect(isc.sandbox.requests.map((request) => request.body)).toEqual([
			{ approvalIds: [a.id] },
			{ approvalIds: [b.id] },
			{ approvalIds: [c.id, d.id], reassignTo: ISC_OWNERS[2].id, reassignFrom: c.approvers[0].identityID },
		]);
	});

	test('a later batch refused: the error names the batches and IDs done and not done; Continue On Fail carries both lists', async () => {
		const ids = generic().approvals.slice(0, 7).map((approval) => approval.id);
		// The third batch holds an approval that is no longer pending: ISC refuses that batch (400).
		generic().approvals[4].status = 'REJECTED';
		const failed = await run('bulkApprove', { approvalIds: ids.join(', '), options: { batchSize: 2 } });
		expect(failed.error?.message).toMatch(/^SailPoint ISC bulk-approve stopped at batch 3 of 4: .*HTTP 400/);
		expect(failed.error?.description).toContain(`Done (accepted by ISC): batches 1-2 of 4, 4 approvals: ${ids.slice(0, 4).join(', ')}.`);
		expect(failed.error?.description).toContain(`Not done: batch 3 (refused) and batch 4 (not sent), 3 approvals: ${ids.slice(4).join(', ')}.`);
		expect(failed.error?.message).toContain(`approval ${ids[4]} is not pending`);
		expect(generic().bulkRequests.map((request) => request.approvalIds)).toEqual([ids.slice(0, 2), ids.slice(2, 4)]);
		expect(generic().approvals.slice(0, 7).map((approval) => approval.status)).toEqual(['APPROVED', 'APPROVED', 'APPROVED', 'APPROVED', 'REJECTED', 'PENDING', 'PENDING']);

		generic().reseed(10);
		const again = generic().approvals.slice(0, 7).map((approval) => approval.id);
		generic().approvals[4].status = 'REJECTED';
		const kept = await run('bulkApprove', { approvalIds: again.join(', '), options: { batchSize: 2 } }, { continueOnFail: true });
		expect(kept.error).toBeUndefined();
		expect(kept.items).toHaveLength(1);
		expect(kept.items[0].json).toMatchObject({
			error: expect.stringMatching(/stopped at batch 3 of 4/),
			operation: 'bulk-approve',
			batches: 4,
			batchesDone: 2,
			failedBatch: 3,
			doneApprovalIds: again.slice(0, 4),
			notDoneApprovalIds: again.slice(4),
			unknownApprovalIds: [],
		});
	});

	test('a later batch without a clear answer (dropped after ISC applied it, or 503): its IDs are reported as unknown, not repeated', async () => {
		const ids = generic().approvals.slice(0, 5).map((approval) => approval.id);
		generic().failBulkCall(2, 'appliedThenDropped');
		const dropped = await run('bulkReject', { approvalIds: ids.join(', '), comment: 'Not needed', options: { batchSize: 2 } }, { continueOnFail: true });
		expect(dropped.items[0].json).toMatchObject({
			operation: 'bulk-reject',
			batchesDone: 1,
			failedBatch: 2,
			doneApprovalIds: ids.slice(0, 2),
			unknownApprovalIds: ids.slice(2, 4),
			notDoneApprovalIds: ids.slice(4),
		});
		expect(String(dropped.items[0].json.description)).toMatch(/Unknown: batch 2 got no clear answer \(ISC may have applied it/);
		// Not sent again: the batch was applied once, batch 3 never sent.
		expect(paths()).toEqual(Array(2).fill('POST /generic-approvals/v1/bulk-reject'));
		expect(generic().approvals.slice(0, 5).map((approval) => approval.status)).toEqual(['REJECTED', 'REJECTED', 'REJECTED', 'REJECTED', 'PENDING']);

		generic().reseed(10);
		const more = generic().approvals.slice(0, 3).map((approval) => approval.id);
		generic().failBulkCall(2, 'unavailable');
		const unavailable = await run('bulkCancel', { approvalIds: more.join(', '), options: { batchSize: 1 } });
		expect(unavailable.error?.message).toMatch(/stopped at batch 2 of 3: .*503/);
		expect(unavailable.error?.description).toContain(`Done (accepted by ISC): batch 1 of 3, 1 approval: ${more[0]}.`);
		expect(unavailable.error?.description).toContain(`Unknown: batch 2 got no clear answer`);
		expect(unavailable.error?.description).toContain(`Not done: batch 3 (not sent), 1 approval: ${more[2]}.`);
	});

	test('a single batch that fails keeps the error it always had', async () => {
		const [a, b] = generic().approvals;
		b.status = 'APPROVED';
		const failed = await run('bulkApprove', { approvalIds: `${a.id}, ${b.id}` }, { continueOnFail: true });
		expect(failed.items[0].json.error).not.toMatch(/stopped at batch/);
		expect(failed.items[0].json.doneApprovalIds).toBeUndefined();
		expect(a.status).toBe('PENDING');
	});

	test('bulk needs an admin (403); an empty or bad ID list fails before any request', async () => {
		const [a] = generic().approvals;
		const user = await run('bulkApprove', { approvalIds: a.id }, { credentials: isc.credentials({ accessToken: ISC_USER_TOKEN }) });
		expect(user.error?.message).toMatch(/HTTP 403/);
		expect(user.error?.description).toMatch(/ORG_ADMIN/);
		isc.sandbox.clearLog();
		const empty = await run('bulkApprove', { approvalIds: ' , ' });
		expect(empty.error?.message).toBe('The "Approval IDs" parameter is required but is empty');
		const bad = await run('bulkApprove', { approvalIds: 'a/b' });
		expect(bad.error?.message).toMatch(/^The "Approval IDs" parameter must be an ISC ID/);
		expect(isc.sandbox.requests).toHaveLength(0);
	});
});

test('API Version v3 still uses /generic-approvals/v1 (v3 never had them)', async () => {
	isc.apiVersion = 'v3';
	const [target] = mine();
	await run('get', { approvalId: target.id });
	expect(paths()).toEqual([`GET /generic-approvals/v1/${target.id}`]);
});

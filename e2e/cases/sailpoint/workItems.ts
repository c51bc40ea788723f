import assert from 'node:assert/strict';

import { ISC_IDENTITY_ID, ISC_OWNERS, ISC_TOKEN, workItemId } from '../../../test/sandbox/isc';
import { SECRETS, WRONG_ISC_TOKEN } from '../../../test/n8n/credentials';
import { workItemActions, workItemsGetAll, workItemsReads, workItemsWrongToken } from '../../workflows';
import { failureText, items, requestsTo, succeeded, trigger, type CaseFamily } from '../context';

/** SailPoint Work Items: listings, reads, every decision, a wrong token. */
export const workItemCases: CaseFamily = (test, session) => {
	const { sandbox } = session;

	test('Wrong token (SailPoint): the run fails with a clear 401 message and no token in it', async () => {
		const { execution } = await trigger(session, workItemsWrongToken, {});
		const message = failureText(execution);
		assert.match(message, /401/);
		assert.match(message, /token/i);
		for (const secret of SECRETS) assert.ok(!message.includes(secret), 'the error shows no token');
		assert.equal(requestsTo(sandbox, '/work-items/v1')[0].authorization, `Bearer ${WRONG_ISC_TOKEN}`);
	});

	test('Work Items: Return All over several pages', async () => {
		sandbox.isc.reseed(650, { owners: [ISC_OWNERS[0]] });
		const { execution } = await trigger(session, workItemsGetAll, { returnAll: true });
		succeeded(execution);
		const output = items(execution, 'Work Items');
		assert.equal(output.length, 650);
		assert.equal(new Set(output.map((item) => item.json.id)).size, 650, 'no work item twice');
		assert.deepEqual(
			output.slice(0, 3).map((item) => item.json.id),
			[workItemId(0), workItemId(1), workItemId(2)],
			'in ISC order',
		);
		const pages = requestsTo(sandbox, '/work-items/v1');
		assert.ok(pages.length >= 3, `at least 3 pages fetched, saw ${pages.length}`);
		const offsets = pages.map((page) => new URLSearchParams(page.query).get('offset') ?? '0').sort();
		for (const offset of ['0', '250', '500']) assert.ok(offsets.includes(offset), `a page at offset ${offset}: ${offsets.join(',')}`);
		for (const page of pages) assert.equal(page.authorization, `Bearer ${ISC_TOKEN}`);
	});

	test('Work Items: Limit returns at most that many', async () => {
		const { execution } = await trigger(session, workItemsGetAll, { limit: 7 });
		succeeded(execution);
		const output = items(execution, 'Work Items');
		assert.equal(output.length, 7);
		for (const item of output) assert.equal(item.json.ownerId, ISC_OWNERS[0].id, "the token's own work items");
	});

	test('Work Items: Owner ID filter lists that identity\'s work items', async () => {
		const owner = ISC_OWNERS[2];
		const { execution } = await trigger(session, workItemsGetAll, { returnAll: true, ownerId: owner.id });
		succeeded(execution);
		const output = items(execution, 'Work Items');
		assert.equal(output.length, 10);
		for (const item of output) assert.equal(item.json.ownerId, owner.id);
		assert.match(requestsTo(sandbox, '/work-items/v1')[0].query, new RegExp(`ownerId=${owner.id}`));
	});

	test('Work Items: Offset and Include Total Count', async () => {
		const { execution } = await trigger(session, workItemsGetAll, { limit: 3, offset: 4, includeTotal: true });
		succeeded(execution);
		const output = items(execution, 'Work Items');
		// The admin owns every fourth seeded item: 0, 4, 8, ...; skipping 4 starts at item 16.
		assert.deepEqual(output.map((item) => item.json.id), [workItemId(16), workItemId(20), workItemId(24)]);
		for (const item of output) assert.equal(item.json.totalCount, 10);
	});

	test('Work Items: Get, Get Count, Get Completed Count, Get Summary, Get Many Completed', async () => {
		sandbox.isc.reseedCompleted(12);
		const mine = sandbox.isc.workItems.filter((item) => item.ownerId === ISC_IDENTITY_ID);
		const doneMine = sandbox.isc.completedWorkItems.filter((item) => item.ownerId === ISC_IDENTITY_ID);
		const { execution } = await trigger(session, workItemsReads, { workItemId: mine[1].id });
		succeeded(execution);
		assert.deepEqual(items(execution, 'Get')[0].json, JSON.parse(JSON.stringify(sandbox.isc.present(mine[1]))));
		assert.deepEqual(items(execution, 'Get Count')[0].json, { count: mine.length });
		assert.deepEqual(items(execution, 'Get Completed Count')[0].json, { count: doneMine.length });
		assert.deepEqual(items(execution, 'Get Summary')[0].json, { open: mine.length, completed: doneMine.length, total: mine.length + doneMine.length });
		const completed = items(execution, 'Get Many Completed');
		assert.deepEqual(completed.map((item) => item.json.id), doneMine.slice(0, 3).map((item) => item.id));
		for (const item of completed) assert.equal(item.json.totalCount, doneMine.length);
	});

	test('Work Items: Approve Item then Reject Item decide single approval items', async () => {
		const item = sandbox.isc.addWorkItem({ approvals: 2 });
		const [first, second] = item.approvalItems as unknown as Array<{ id: string }>;
		const approved = await trigger(session, workItemActions.approveItem, { workItemId: item.id, approvalItemId: first.id });
		succeeded(approved.execution);
		assert.equal(items(approved.execution, 'Work Items')[0].json.state, 'Pending', 'one of two decided');
		const rejected = await trigger(session, workItemActions.rejectItem, { workItemId: item.id, approvalItemId: second.id });
		succeeded(rejected.execution);
		const [after] = items(rejected.execution, 'Work Items');
		assert.deepEqual((after.json.approvalItems as Array<{ state: string }>).map((entry) => entry.state), ['Finished', 'Rejected']);
		assert.ok(sandbox.isc.completedWorkItems.includes(item), 'decided work items move to the completed list');
	});

	test('Work Items: Approve All and Reject All', async () => {
		const approveMe = sandbox.isc.addWorkItem({ approvals: 3 });
		const rejectMe = sandbox.isc.addWorkItem({ approvals: 2 });
		const approved = await trigger(session, workItemActions.approveAll, { workItemId: approveMe.id });
		succeeded(approved.execution);
		assert.equal(items(approved.execution, 'Work Items')[0].json.state, 'Finished');
		const rejected = await trigger(session, workItemActions.rejectAll, { workItemId: rejectMe.id });
		succeeded(rejected.execution);
		assert.equal(items(rejected.execution, 'Work Items')[0].json.state, 'Rejected');
		assert.deepEqual(
			sandbox.requests.map((request) => `${request.method} ${request.path}`),
			[`POST /work-items/v1/bulk-approve/${approveMe.id}`, `POST /work-items/v1/bulk-reject/${rejectMe.id}`],
		);
	});

	test('Work Items: Complete, Forward and Submit Account Selection change the work item in ISC', async () => {
		const manual = sandbox.isc.addWorkItem({ type: 'MANUALACTION', approvals: 0 });
		const done = await trigger(session, workItemActions.complete, { workItemId: manual.id });
		succeeded(done.execution);
		assert.equal(items(done.execution, 'Work Items')[0].json.state, 'Finished');

		const handOver = sandbox.isc.addWorkItem();
		const target = ISC_OWNERS[2];
		const forwarded = await trigger(session, workItemActions.forward, { workItemId: handOver.id, targetOwnerId: target.id, comment: 'On leave' });
		succeeded(forwarded.execution);
		assert.deepEqual(items(forwarded.execution, 'Work Items')[0].json, {
			id: handOver.id,
			operation: 'forward',
			targetOwnerId: target.id,
			comment: 'On leave',
			sendNotifications: false,
			success: true,
		});
		assert.equal(sandbox.isc.find(handOver.id)!.ownerId, target.id);

		const form = sandbox.isc.addWorkItem({ type: 'FORM', approvals: 0 });
		const selection = { account: 'john.smith', 'Active Directory': 'CN=John Smith' };
		const submitted = await trigger(session, workItemActions.submitAccountSelection, { workItemId: form.id, selection });
		succeeded(submitted.execution);
		assert.equal(items(submitted.execution, 'Work Items')[0].json.state, 'Finished');
		assert.deepEqual(sandbox.isc.accountSelections.get(form.id), selection);
	});
};

import assert from 'node:assert/strict';

import { ISC_OWNERS } from '../../../test/sandbox/isc';
import { EXAMPLES } from '../../lib/examples';
import { PolledWorkflow } from '../../lib/polling';
import { items, reportItems, requestsTo, seen, succeeded, type CaseFamily } from '../context';

/** The SailPoint examples (examples/sailpoint-*.json), imported and run as they are. */
export const exampleCases: CaseFamily = (test, session) => {
	const { sandbox } = session;

	test('Example "pending SailPoint work items by owner" over several pages (n8n execute --id)', async () => {
		// 1,200 items: 300 per owner, so each owner's list takes two pages.
		sandbox.isc.reseed(1200);
		const result = await session.home.execute(EXAMPLES.pendingDigest.id);
		seen.push(result.output);
		const lines = reportItems(result.run, 'Digest line');
		const pendingByOwner = new Map<string, number>();
		for (const item of sandbox.isc.workItems) {
			if (item.state === 'PENDING') pendingByOwner.set(item.ownerName, (pendingByOwner.get(item.ownerName) ?? 0) + 1);
		}
		assert.deepEqual(
			Object.fromEntries(lines.map((line) => [line.owner, line.pending])),
			Object.fromEntries(pendingByOwner),
		);
		assert.ok(requestsTo(sandbox, '/work-items/v1').length >= 8, 'two pages for each of the four owners');
	});

	test('Example "approve new SailPoint work items", published as is: the trigger emits only new items, routine ones approved', async () => {
		const { rest } = session;
		const id = EXAMPLES.approveNewWorkItems.id;
		const example = new PolledWorkflow(rest, id, () => requestsTo(sandbox, '/work-items/v1').length);
		let last = await rest.latestExecutionId();
		try {
			await example.publishAndExpectSilence(last, 'existing work items are recorded, not emitted');
			const routine = sandbox.isc.addWorkItem({ approvals: 2 });
			const unusual = sandbox.isc.addWorkItem({ type: 'FORM', approvals: 0 });
			// Publishing again polls again (the schedule says every 5 minutes).
			await example.pollNow('the second poll');
			const execution = await rest.waitForExecution(id, last, 20_000);
			seen.push(execution.raw);
			succeeded(execution);
			assert.deepEqual(items(execution, 'New work item').map((item) => item.json.id), [routine.id, unusual.id]);
			assert.deepEqual(items(execution, 'Approve all items').map((item) => [item.json.id, item.json.state]), [[routine.id, 'Finished']]);
			assert.match(String(items(execution, 'Needs a human')[0].json.line), new RegExp(`work item ${unusual.id}`));
			assert.equal(sandbox.isc.find(routine.id)!.state, 'FINISHED');
			assert.equal(sandbox.isc.find(unusual.id)!.state, 'PENDING');
			last = Number(execution.id);
		} finally {
			await rest.deactivate(id);
		}
	});

	test('Example "access request approvals", published as is: new approvals emitted once, low-risk approved, the rest forwarded', async () => {
		const { rest } = session;
		const id = EXAMPLES.accessRequestApprovals.id;
		const example = new PolledWorkflow(rest, id, () => requestsTo(sandbox, '/access-request-approvals/v1/pending').length);
		const last = await rest.latestExecutionId();
		try {
			await example.publishAndExpectSilence(last, 'existing approvals are noted, not emitted');
			const added = [sandbox.accessRequestApprovals.add(), sandbox.accessRequestApprovals.add()];
			await example.pollNow('the second poll');
			const execution = await rest.waitForExecution(id, last, 20_000);
			seen.push(execution.raw);
			succeeded(execution);
			assert.deepEqual(items(execution, 'New pending approval').map((item) => item.json.id), added.map((approval) => approval.id));
			// Seeded objects rotate ACCESS_PROFILE, ROLE, ENTITLEMENT from the 13th on: ACCESS_PROFILE, ROLE.
			const [low, high] = added;
			assert.equal(low.requestedObject.type, 'ACCESS_PROFILE');
			assert.deepEqual(items(execution, 'Approve').map((item) => item.json.id), [low.id]);
			assert.deepEqual(items(execution, 'Forward to reviewer').map((item) => item.json.id), [high.id]);
			assert.equal(sandbox.accessRequestApprovals.find(low.id)!.state, 'APPROVED');
			assert.equal(high.owner.id, ISC_OWNERS[2].id);
		} finally {
			await rest.deactivate(id);
		}
	});
};

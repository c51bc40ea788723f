import assert from 'node:assert/strict';

import { ISC_IDENTITY_ID, ISC_OWNERS, ISC_TOKEN } from '../../../test/sandbox/isc';
import { EXAMPLES, SIGN_OFF_RUN_NOW } from '../../lib/examples';
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

/** The certification helper: published as is, a new certification's items decided by the role model; the sign-off branch run now. */
export const certificationHelperCases: CaseFamily = (test, session) => {
	const { sandbox } = session;

	test('Example "certification helper", published as is: a new certification emitted once, its role-model items approved, the reviewer asked about the rest; signed off once they are decided', async () => {
		const { rest } = session;
		const id = EXAMPLES.certificationHelper.id;
		sandbox.certifications.reseed([]);
		const example = new PolledWorkflow(rest, id, () => sandbox.requests.filter((request) => request.path === '/certifications/v1').length);
		const last = await rest.latestExecutionId();
		let assigned: ReturnType<typeof sandbox.certifications.add> | undefined;
		try {
			await example.publishAndExpectSilence(last, 'existing certifications are noted, not emitted');
			assigned = sandbox.certifications.add({ reviewerId: ISC_IDENTITY_ID, identities: 1, campaign: 0, due: new Date(Date.now() + 20 * 86_400_000).toISOString() });
			await example.pollNow('the second poll');
			const execution = await rest.waitForExecution(id, last, 20_000);
			seen.push(execution.raw);
			succeeded(execution);
			assert.deepEqual(items(execution, 'Certification assigned or due').map((item) => [item.json.id, item.json.event]), [[assigned.id, 'assigned']]);
			const roleModel = assigned.items.filter((item) => item.accessSummary.access.type !== 'ENTITLEMENT');
			assert.deepEqual(items(execution, 'Approve').map((item) => [item.json.reviewItemId, item.json.status]), roleModel.map((item) => [item.id, 'decided']));
			const asked = items(execution, 'Ask the reviewer').map((item) => String(item.json.text));
			assert.equal(asked.length, assigned.items.length - roleModel.length);
			assert.match(asked[0], new RegExp(`^:mag: Access review \\*${assigned.name}\\*: .* Keep it \\(Approve\\) or remove it \\(Revoke, with a reason\\)\\? Review item `));
		} finally {
			await rest.deactivate(id);
		}

		// The reviewer revokes the rest in ISC; the hourly branch (run now) signs the certification off.
		const undecided = assigned.items.filter((item) => item.decision === null || item.decision === undefined).map((item) => ({ id: item.id, decision: 'REVOKE', bulk: false, comments: 'No longer needed (e2e)' }));
		const answer = await fetch(`${sandbox.url}/certifications/v1/${assigned.id}/decide`, {
			method: 'POST',
			headers: { authorization: `Bearer ${ISC_TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify(undecided),
		});
		assert.equal(answer.status, 200, await answer.text());
		const result = await session.home.execute(SIGN_OFF_RUN_NOW);
		seen.push(result.output);
		assert.deepEqual(reportItems(result.run, 'Sign off').map((item) => [item.id, item.phase]), [[assigned.id, 'SIGNED']]);
	});
};

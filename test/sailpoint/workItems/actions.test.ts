import type { INodeParameters } from 'n8n-workflow';

import { WorkItems } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { expectNoSecrets } from '../../harness/assertions';
import { runNode } from '../../harness/run';
import { ISC_IDENTITY_ID, ISC_OWNERS, ISC_TOKEN, ISC_USER_ID, ISC_USER_TOKEN } from '../../sandbox/isc';
import { ownedByMe, useIscSandbox } from '../context';

/** Every Work Items operation against the sandbox, and the state it leaves there. */

const isc = useIscSandbox();
const state = () => isc.sandbox.isc;
const paths = () => isc.sandbox.requests.map((request) => `${request.method} ${request.path}`);

async function run(operation: string, parameters: INodeParameters = {}, options: Parameters<typeof runNode>[2] = {}) {
	const result = await runNode(new WorkItems(), { operation, ...parameters }, { credentials: isc.credentials(), ...options });
	expectNoSecrets(result, ISC_TOKEN);
	return result;
}

describe.each(['current', 'v3'] as const)('API Version %s', (apiVersion) => {
	beforeAll(() => {
		isc.apiVersion = apiVersion;
	});

	describe('reading', () => {
		test('Get returns the work item as ISC sends it', async () => {
			const [mine] = isc.ownIds();
			const result = await run('get', { workItemId: ` ${mine} ` });
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json)).toEqual([JSON.parse(JSON.stringify(state().present(state().find(mine)!)))]);
			expect(paths()).toEqual([`GET ${isc.path(`work-items/${mine}`)}`]);
		});

		test('Get finds a completed work item too', async () => {
			const added = state().addWorkItem();
			state().finish(added.id, 'REJECTED');
			const result = await run('get', { workItemId: added.id });
			expect(result.items[0].json).toMatchObject({ id: added.id, state: 'Rejected' });
		});

		test('Get Many Completed pages like Get Many: Return All over 600, Limit, Owner ID, Offset, total', async () => {
			state().reseedCompleted(600, { owners: ownedByMe });
			const all = await run('getManyCompleted', { returnAll: true });
			expect(all.items.map((item) => item.json.id)).toEqual(state().completedWorkItems.map((item) => item.id));
			expect(paths().every((path) => path === `GET ${isc.path('work-items/completed')}`)).toBe(true);
			// Pages after the first are fetched several at a time: they may arrive in any order.
			expect(isc.queries().map((query) => query.get('limit')).sort()).toEqual(['100', '250', '250']);

			isc.sandbox.clearLog();
			const some = await run('getManyCompleted', { returnAll: false, limit: 3, options: { offset: 10, includeTotal: true } });
			expect(some.items.map((item) => item.json.id)).toEqual(state().completedWorkItems.slice(10, 13).map((item) => item.id));
			expect(some.items.every((item) => item.json.totalCount === 600)).toBe(true);

			state().reseedCompleted(8);
			isc.sandbox.clearLog();
			const owner = ISC_OWNERS[2].id;
			const theirs = await run('getManyCompleted', { returnAll: true, filters: { ownerId: owner } });
			expect(theirs.items.map((item) => item.json.ownerId)).toEqual([owner, owner]);
			expect(isc.queries()[0].get('ownerId')).toBe(owner);
		});

		test('Get Count, Get Completed Count and Get Summary give the numbers, for the token\'s identity or an owner', async () => {
			state().reseed(30);
			state().reseedCompleted(12);
			const openMine = state().workItems.filter((item) => item.ownerId === ISC_IDENTITY_ID).length;
			const doneMine = state().completedWorkItems.filter((item) => item.ownerId === ISC_IDENTITY_ID).length;
			expect((await run('getCount')).items.map((item) => item.json)).toEqual([{ count: openMine }]);
			expect((await run('getCompletedCount')).items.map((item) => item.json)).toEqual([{ count: doneMine }]);
			expect((await run('getSummary')).items.map((item) => item.json)).toEqual([
				{ open: openMine, completed: doneMine, total: openMine + doneMine },
			]);
			expect(paths()).toEqual([`GET ${isc.path('work-items/count')}`, `GET ${isc.path('work-items/completed/count')}`, `GET ${isc.path('work-items/summary')}`]);

			isc.sandbox.clearLog();
			const count = await run('getCount', { filters: { ownerId: ISC_USER_ID } });
			expect(count.items[0].json.count).toBe(state().workItems.filter((item) => item.ownerId === ISC_USER_ID).length);
			expect(isc.queries()[0].get('ownerId')).toBe(ISC_USER_ID);
		});

		test('a count answer without a number is reported, not passed on', async () => {
			isc.sandbox.queue(isc.path('work-items/summary'), { status: 200, body: { open: 3 } });
			const result = await run('getSummary');
			expect(result.error?.message).toBe('SailPoint ISC answered work-items/summary without "completed", "total" as a number');
			expect(result.error?.description).toBe('{"open":3}');
		});
	});

	describe('acting, and the state it leaves', () => {
		test('Approve Item moves that approval item; the last one finishes the work item and moves it to completed', async () => {
			const item = state().addWorkItem({ approvals: 2 });
			const [first, second] = item.approvalItems as Array<Record<string, string>>;
			const one = await run('approveItem', { workItemId: item.id, approvalItemId: first.id });
			expect(one.items[0].json).toMatchObject({ id: item.id, state: 'Pending' });
			expect(one.items[0].json.approvalItems).toEqual([
				expect.objectContaining({ id: first.id, state: 'Finished' }),
				expect.objectContaining({ id: second.id, state: 'Pending' }),
			]);
			expect(state().workItems).toContain(item);

			const two = await run('approveItem', { workItemId: item.id, approvalItemId: second.id });
			expect(two.items[0].json).toMatchObject({ id: item.id, state: 'Finished', completed: expect.any(String) });
			expect(state().workItems).not.toContain(item);
			expect(state().completedWorkItems).toContain(item);
			expect(paths()).toEqual([
				`POST ${isc.path(`work-items/${item.id}/approve/${first.id}`)}`,
				`POST ${isc.path(`work-items/${item.id}/approve/${second.id}`)}`,
			]);
		});

		test('Reject Item on the only approval item rejects the work item', async () => {
			const item = state().addWorkItem();
			const approval = item.approvalItems as Record<string, string>;
			const result = await run('rejectItem', { workItemId: item.id, approvalItemId: approval.id });
			expect(result.items[0].json).toMatchObject({ id: item.id, state: 'Rejected', approvalItems: [{ id: approval.id, state: 'Rejected' }] });
			expect(state().completedWorkItems).toContain(item);
		});

		test('Approve All and Reject All decide every pending approval item at once', async () => {
			const approveMe = state().addWorkItem({ approvals: 3 });
			const rejectMe = state().addWorkItem({ approvals: 2 });
			const approved = await run('approveAll', { workItemId: approveMe.id });
			expect(approved.items[0].json.state).toBe('Finished');
			expect((approved.items[0].json.approvalItems as Array<{ state: string }>).map((entry) => entry.state)).toEqual([
				'Finished',
				'Finished',
				'Finished',
			]);
			const rejected = await run('rejectAll', { workItemId: rejectMe.id });
			expect(rejected.items[0].json.state).toBe('Rejected');
			expect(paths()).toEqual([`POST ${isc.path(`work-items/bulk-approve/${approveMe.id}`)}`, `POST ${isc.path(`work-items/bulk-reject/${rejectMe.id}`)}`]);
			expect(state().workItems).not.toContain(approveMe);
			expect(state().workItems).not.toContain(rejectMe);
		});

		test('Complete finishes the work item; completing it again is ISC\'s 400', async () => {
			const item = state().addWorkItem({ type: 'MANUALACTION', approvals: 0 });
			const done = await run('complete', { workItemId: item.id });
			expect(done.items[0].json).toMatchObject({ id: item.id, state: 'Finished' });
			expect(paths()).toEqual([`POST ${isc.path(`work-items/${item.id}`)}`]);
			expect(state().completedWorkItems).toContain(item);

			const again = await run('complete', { workItemId: item.id });
			expect(again.error?.message).toMatch(
				new RegExp(`^SailPoint ISC rejected the request to work-items/${item.id} \\(HTTP 400, 400\\.1 Bad Request Content\\): .*work item ${item.id} is already completed \\(FINISHED\\)`),
			);
		});

		test('Forward hands the work item over; ISC sends no body, so the item says what was done', async () => {
			const item = state().addWorkItem();
			const target = ISC_OWNERS[2];
			const result = await run('forward', { workItemId: item.id, targetOwnerId: target.id, comment: 'On vacation' });
			expect(result.items.map((entry) => entry.json)).toEqual([
				{ id: item.id, operation: 'forward', targetOwnerId: target.id, comment: 'On vacation', sendNotifications: true, success: true },
			]);
			expect(isc.sandbox.requests[0]).toMatchObject({
				method: 'POST',
				path: isc.path(`work-items/${item.id}/forward`),
				body: { targetOwnerId: target.id, comment: 'On vacation', sendNotifications: true },
			});
			expect(state().find(item.id)).toMatchObject({ ownerId: target.id, ownerName: target.name, state: 'PENDING' });

			const quiet = state().addWorkItem();
			await run('forward', { workItemId: quiet.id, targetOwnerId: ISC_USER_ID, comment: 'Yours', sendNotifications: false });
			expect(state().forwards.at(-1)).toEqual({ id: quiet.id, from: ISC_IDENTITY_ID, to: ISC_USER_ID, comment: 'Yours', sendNotifications: false });
		});

		test('Forward to an identity ISC does not know is ISC\'s 400 with its cause', async () => {
			const item = state().addWorkItem();
			const result = await run('forward', { workItemId: item.id, targetOwnerId: 'ffffffffffffffffffffffffffffffff', comment: 'x' });
			expect(result.error?.message).toContain('targetOwnerId: no identity with ID ffffffffffffffffffffffffffffffff');
			expect(state().find(item.id)?.ownerId).toBe(ISC_IDENTITY_ID);
		});

		test('Submit Account Selection sends the JSON object and finishes the form; a non-form work item is ISC\'s 400', async () => {
			const form = state().addWorkItem({ type: 'FORM', approvals: 0 });
			const selection = { account: 'john.smith', 'Active Directory': 'CN=John Smith' };
			const result = await run('submitAccountSelection', { workItemId: form.id, accountSelection: JSON.stringify(selection) });
			expect(result.items[0].json).toMatchObject({ id: form.id, state: 'Finished' });
			expect(state().accountSelections.get(form.id)).toEqual(selection);
			expect(isc.sandbox.requests[0]).toMatchObject({ path: isc.path(`work-items/${form.id}/submit-account-selection`), body: selection });

			const fromExpression = state().addWorkItem({ type: 'FORM', approvals: 0 });
			await run('submitAccountSelection', { workItemId: fromExpression.id, accountSelection: '={{ { "account": $json.who } }}' }, { items: [{ who: 'ada' }] });
			expect(state().accountSelections.get(fromExpression.id)).toEqual({ account: 'ada' });

			const approval = state().addWorkItem();
			const wrong = await run('submitAccountSelection', { workItemId: approval.id, accountSelection: '{"account": "x"}' });
			expect(wrong.error?.message).toContain(`work item ${approval.id} is a APPROVAL work item, not an account selection form`);
		});

		test('a write answered with no body gives a success item naming the work item', async () => {
			const item = state().addWorkItem();
			isc.sandbox.queue(isc.path(`work-items/bulk-approve/${item.id}`), { status: 200 });
			const result = await run('approveAll', { workItemId: item.id });
			expect(result.items.map((entry) => entry.json)).toEqual([{ id: item.id, operation: 'approveAll', success: true }]);
		});

		test('a plain user acts on its own work items; another owner\'s is ISC\'s 403 with an owner-or-admin hint', async () => {
			const own = state().addWorkItem({ ownerId: ISC_USER_ID, ownerName: 'Ada Lovelace' });
			const userRun = { credentials: isc.credentials({ accessToken: ISC_USER_TOKEN }) };
			const ok = await run('approveAll', { workItemId: own.id }, userRun);
			expect(ok.items[0].json.state).toBe('Finished');

			const admins = state().addWorkItem();
			const refused = await run('approveAll', { workItemId: admins.id }, userRun);
			expect(refused.error?.message).toMatch(/^SailPoint ISC refused the request to work-items\/bulk-approve\/\w+ \(HTTP 403, 403 Forbidden\)/);
			expect(refused.error?.description).toContain('Only the work item\'s owner or an admin');
			expect(state().find(admins.id)?.state).toBe('PENDING');
			expectNoSecrets(refused, ISC_USER_TOKEN);
		});
	});
});

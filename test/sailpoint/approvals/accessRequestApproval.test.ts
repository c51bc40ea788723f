import type { INodeParameters } from 'n8n-workflow';

import { SailPointApprovals } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { expectNoSecrets } from '../../harness/assertions';
import { nextYear } from '../../harness/dates';
import { runNode } from '../../harness/run';
import { ISC_IDENTITY_ID, ISC_OWNERS, ISC_TOKEN, ISC_USER_ID, ISC_USER_TOKEN } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/** SailPoint Approvals → Access Request Approval, every operation against the sandbox's state. */

const isc = useIscSandbox({ apiVersion: 'current' });
const approvals = () => isc.sandbox.accessRequestApprovals;
const paths = () => isc.sandbox.requests.map((request) => `${request.method} ${request.path}`);
const query = (index = 0) => new URLSearchParams(isc.sandbox.requests[index].query);

/** Retries without the real back-off, so that the fault tests stay fast. */
const FAST = { baseDelayMs: 1, maxDelayMs: 5 };
beforeEach(() => {
	approvals().reseed(12);
	isc.apiVersion = 'current';
});

async function run(operation: string, parameters: INodeParameters = {}, options: Parameters<typeof runNode>[2] = {}) {
	const pacingOff = { requestOptions: { paceRequests: false } };
	const result = await runNode(
		new SailPointApprovals(FAST),
		{ resource: 'accessRequestApproval', operation, ...pacingOff, ...parameters },
		{ credentials: isc.credentials(), ...options },
	);
	expectNoSecrets(result, ISC_TOKEN);
	return result;
}

const mine = () => approvals().pending.filter((approval) => approval.owner.id === ISC_IDENTITY_ID);

describe('listing', () => {
	test('Get Many Pending: my approvals (owner-id=me), as ISC sends them', async () => {
		const result = await run('getManyPending', { returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual(JSON.parse(JSON.stringify(mine())));
		expect(paths()).toEqual(['GET /access-request-approvals/v1/pending']);
		expect(query().get('owner-id')).toBe('me');
	});

	test('Return All over 600 pages 250, 250, 100; Limit stops early; Include Total Count', async () => {
		approvals().reseed(600, { ownerId: ISC_IDENTITY_ID });
		const all = await run('getManyPending', { returnAll: true });
		expect(all.items.map((item) => item.json.id)).toEqual(approvals().pending.map((approval) => approval.id));
		// Pages after the first are fetched several at a time: they may arrive in any order.
		expect(isc.sandbox.requests.map((request) => new URLSearchParams(request.query).get('limit')).sort()).toEqual(['100', '250', '250']);

		isc.sandbox.clearLog();
		const some = await run('getManyPending', { returnAll: false, limit: 3, options: { offset: 5, includeTotal: true } });
		expect(some.items.map((item) => item.json.id)).toEqual(approvals().pending.slice(5, 8).map((approval) => approval.id));
		expect(some.items.every((item) => item.json.totalCount === 600)).toBe(true);
		expect(isc.sandbox.requests).toHaveLength(1);
	});

	test('Owner: an identity (owner-id) or everyone (no owner-id, admin); a plain user asking for another\'s gets ISC\'s 403', async () => {
		const theirs = await run('getManyPending', { owner: 'identity', ownerId: ISC_USER_ID, returnAll: true });
		expect(theirs.items.map((item) => item.json.owner)).toEqual(
			approvals().pending.filter((approval) => approval.owner.id === ISC_USER_ID).map((approval) => approval.owner),
		);
		expect(query().get('owner-id')).toBe(ISC_USER_ID);

		isc.sandbox.clearLog();
		const everyone = await run('getManyPending', { owner: 'all', returnAll: true });
		expect(everyone.items).toHaveLength(12);
		expect(query().has('owner-id')).toBe(false);

		const refused = await run(
			'getManyPending',
			{ owner: 'identity', ownerId: ISC_IDENTITY_ID, returnAll: true },
			{ credentials: isc.credentials({ accessToken: ISC_USER_TOKEN }) },
		);
		expect(refused.error?.message).toMatch(/^SailPoint ISC refused the request to access-request-approvals\/pending \(HTTP 403, 403 Forbidden\)/);
		expectNoSecrets(refused, ISC_USER_TOKEN);
	});

	test('filters and sort become ISC\'s filters and sorters, and ISC applies them', async () => {
		const all = approvals().pending;
		const after = all[5].created;
		const result = await run('getManyPending', {
			owner: 'all',
			returnAll: true,
			filters: { createdAfter: after, requestedForId: all[6].requestedFor.id },
			options: { sort: '-created' },
		});
		expect(query().get('filters')).toBe(`requestedFor.id eq "${all[6].requestedFor.id}" and created gt "${after}"`);
		expect(query().get('sorters')).toBe('-created');
		const expected = all
			.filter((approval) => approval.created > after && approval.requestedFor.id === all[6].requestedFor.id)
			.sort((a, b) => (a.created < b.created ? 1 : -1))
			.map((approval) => approval.id);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.items.map((item) => item.json.id)).toEqual(expected);
	});

	test('a custom filter ISC does not support is ISC\'s 400 with its cause', async () => {
		const result = await run('getManyPending', { returnAll: true, filters: { customFilter: 'name eq "x"' } });
		expect(result.error?.message).toMatch(/HTTP 400.*filtering is not supported for the field "name"/);
	});

	test('a bad date or ID in a filter fails naming the field, before any request', async () => {
		const date = await run('getManyPending', { returnAll: true, filters: { createdAfter: 'yesterday' } });
		expect(date.error?.message).toMatch(/^The "Created After" parameter must be a date and time/);
		const id = await run('getManyPending', { returnAll: true, filters: { requestedForId: 'a b' } });
		expect(id.error?.message).toMatch(/^The "Requested For \(Identity ID\)" parameter must be an ISC ID/);
		expect(isc.sandbox.requests).toHaveLength(0);
	});
});

describe('deciding, and the state it leaves', () => {
	test('Approve with a comment: ISC\'s 202, the approval leaves pending and shows in Get Many Completed as APPROVED', async () => {
		const [target] = mine();
		const result = await run('approve', { approvalId: target.id, comment: 'Low risk, approved' });
		expect(result.items.map((item) => item.json)).toEqual([{ id: target.id, operation: 'approve', comment: 'Low risk, approved', accepted: true }]);
		expect(isc.sandbox.requests[0]).toMatchObject({
			method: 'POST',
			path: `/access-request-approvals/v1/${target.id}/approve`,
			body: { comment: 'Low risk, approved' },
		});
		expect(approvals().pending.map((approval) => approval.id)).not.toContain(target.id);

		const completed = await run('getManyCompleted', { returnAll: true });
		expect(completed.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ id: target.id, state: 'APPROVED', reviewerComment: expect.objectContaining({ comment: 'Low risk, approved' }) }),
		]);
	});

	test('Approve without a comment sends no comment', async () => {
		const [target] = mine();
		await run('approve', { approvalId: target.id });
		expect(isc.sandbox.requests[0].body ?? {}).toEqual({});
		expect(approvals().completed[0]).toMatchObject({ id: target.id, state: 'APPROVED', reviewerComment: null });
	});

	test('deciding an approval that is no longer pending names its state', async () => {
		const [target] = mine();
		await run('reject', { approvalId: target.id, comment: 'Not needed' });
		isc.sandbox.clearLog();
		const again = await run('approve', { approvalId: target.id });
		expect(again.error?.message).toBe(`Cannot approve access request approval "${target.id}": it is no longer pending, it is REJECTED`);
		expect(again.error?.description).toMatch(/^ISC refused the decision \(HTTP 400\)\. Decided by Jason Smith at /);
		expect(paths()).toEqual([
			`POST /access-request-approvals/v1/${target.id}/approve`,
			'GET /access-request-approvals/v1/pending',
			'GET /access-request-approvals/v1/completed',
		]);
		expect(query(1).get('filters')).toBe(`id eq "${target.id}"`);
	});

	test('an unknown approval is ISC\'s 404, named', async () => {
		const result = await run('approve', { approvalId: '2c91808b7294bea3ffffffffffffffff' });
		expect(result.error?.message).toMatch(/^SailPoint ISC found no access request approval "2c91808b7294bea3ffffffffffffffff" \(HTTP 404, 404 Not found\)/);
	});

	test('Reject needs a comment (checked before any request); with one, the approval is REJECTED', async () => {
		const [target] = mine();
		const empty = await run('reject', { approvalId: target.id, comment: '  ' });
		expect(empty.error?.message).toBe('The "Comment" parameter is required but is empty');
		expect(isc.sandbox.requests).toHaveLength(0);

		const result = await run('reject', { approvalId: target.id, comment: 'Not needed' });
		expect(result.items[0].json).toEqual({ id: target.id, operation: 'reject', comment: 'Not needed', accepted: true });
		expect(approvals().completed[0]).toMatchObject({ id: target.id, state: 'REJECTED' });
	});

	test('the sandbox refuses a rejection without a comment, as ISC does', async () => {
		const [target] = mine();
		const response = await fetch(`${isc.sandbox.url}/access-request-approvals/v1/${target.id}/reject`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${ISC_TOKEN}`, 'Content-Type': 'application/json' },
			body: '{}',
		});
		expect(response.status).toBe(400);
		expect(approvals().pending).toContain(target);
	});

	test('Forward changes the owner and adds to the forward history; New Owner ID and a 1-255 character Comment are required', async () => {
		const [target] = mine();
		const long = await run('forward', { approvalId: target.id, newOwnerId: ISC_OWNERS[2].id, comment: 'x'.repeat(256) });
		expect(long.error?.message).toBe('The "Comment" parameter may have at most 255 characters, but it has 256');
		const noOwner = await run('forward', { approvalId: target.id, newOwnerId: '={{ "" }}', comment: 'Please review' });
		expect(noOwner.error?.message).toBe('The "New Owner ID" parameter is required but is empty');
		expect(isc.sandbox.requests).toHaveLength(0);

		const result = await run('forward', { approvalId: target.id, newOwnerId: ISC_OWNERS[2].id, comment: 'x'.repeat(255) });
		expect(result.items[0].json).toMatchObject({ id: target.id, operation: 'forward', newOwnerId: ISC_OWNERS[2].id, accepted: true });
		expect(target.owner).toEqual({ type: 'IDENTITY', id: ISC_OWNERS[2].id, name: 'Grace Hopper' });
		expect(target.forwardHistory).toEqual([expect.objectContaining({ oldApproverName: 'Jason Smith', newApproverName: 'Grace Hopper' })]);
		expect(approvals().pending).toContain(target);
	});

	test('Forward to an identity ISC does not know is ISC\'s 400 with its cause', async () => {
		const [target] = mine();
		const result = await run('forward', { approvalId: target.id, newOwnerId: '2c9180835d2e5168ffffffffffffffff', comment: 'Please' });
		expect(result.error?.message).toMatch(/HTTP 400.*newOwnerId: no identity with ID 2c9180835d2e5168ffffffffffffffff/);
	});

	test('a plain user may not decide another owner\'s approval: ISC\'s 403 with the owner-or-admin hint', async () => {
		const [target] = mine();
		const result = await run('approve', { approvalId: target.id }, { credentials: isc.credentials({ accessToken: ISC_USER_TOKEN }) });
		expect(result.error?.message).toMatch(/HTTP 403/);
		expect(result.error?.description).toMatch(/idn:access-request-approvals:manage/);
		expectNoSecrets(result, ISC_USER_TOKEN);
	});

	test('a decision is not repeated after a 503 or a dropped connection, only after a 429', async () => {
		const [first, second, third] = mine();
		isc.sandbox.queue(`/access-request-approvals/v1/${first.id}/approve`, { status: 503, body: { error: 'unavailable' } });
		const failed = await run('approve', { approvalId: first.id });
		expect(failed.error?.message).toMatch(/503/);
		expect(isc.sandbox.requests).toHaveLength(1);

		isc.sandbox.clearLog();
		isc.sandbox.queue(`/access-request-approvals/v1/${second.id}/approve`, { status: 0, drop: true });
		const dropped = await run('approve', { approvalId: second.id });
		expect(dropped.error?.message).toMatch(/may or may not have been carried out/);
		expect(isc.sandbox.requests).toHaveLength(1);

		isc.sandbox.clearLog();
		isc.sandbox.queue(`/access-request-approvals/v1/${third.id}/approve`, { status: 429, body: { message: ' Rate Limit Exceeded ' }, headers: { 'Retry-After': '0' } });
		const limited = await run('approve', { approvalId: third.id });
		expect(limited.error).toBeUndefined();
		expect(isc.sandbox.requests).toHaveLength(2);
		expect(approvals().decisions.map((decision) => decision.id)).toEqual([third.id]);
	});

	test('Continue On Fail: a bad item becomes an error item in its place; the others are decided', async () => {
		const [first, second] = mine();
		const result = await run(
			'approve',
			{ approvalId: '={{ $json.id }}', comment: 'ok' },
			{ continueOnFail: true, items: [{ id: first.id }, { id: 'not an id' }, { id: second.id }] },
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json).toMatchObject({ id: first.id, accepted: true });
		expect(result.items[1].json.error).toMatch(/^The "Approval ID" parameter must be an ISC ID/);
		expect(result.items[2].json).toMatchObject({ id: second.id, accepted: true });
		expect(approvals().completed.map((approval) => approval.id).sort()).toEqual([first.id, second.id].sort());
	});
});

describe('summary and approvers', () => {
	test('Get Summary counts pending, approved and rejected, for me or from a date', async () => {
		const [one, two] = mine();
		await run('approve', { approvalId: one.id });
		await run('reject', { approvalId: two.id, comment: 'no' });
		isc.sandbox.clearLog();
		const summary = await run('getSummary');
		expect(summary.items.map((item) => item.json)).toEqual([{ pending: mine().length, approved: 1, rejected: 1 }]);
		expect(paths()).toEqual(['GET /access-request-approvals/v1/approval-summary']);
		expect(query().get('owner-id')).toBe('me');

		isc.sandbox.clearLog();
		const later = await run('getSummary', { owner: 'all', fromDate: nextYear('01-01T00:00:00Z') });
		expect(later.items[0].json).toEqual({ pending: 0, approved: 0, rejected: 0, fromDate: nextYear('01-01T00:00:00.000Z') });
		expect(query().get('from-date')).toBe(nextYear('01-01T00:00:00.000Z'));
		expect(query().has('owner-id')).toBe(false);
	});

	test('Get Approvers lists the approvers of an access request; an unknown one is ISC\'s 404', async () => {
		const [target] = approvals().pending;
		const result = await run('getApprovers', { accessRequestId: target.accessRequestId, returnAll: true });
		expect(result.items.map((item) => item.json)).toEqual([
			{ id: target.owner.id, email: 'jason.smith@example.com', name: 'Jason Smith', approvalId: target.id, type: 'Identity' },
		]);
		expect(paths()).toEqual([`GET /access-request-approvals/v1/${target.accessRequestId}/approvers`]);
		const unknown = await run('getApprovers', { accessRequestId: '2b838de9db9babcfffffffffffffffff', returnAll: true });
		expect(unknown.error?.message).toMatch(/^SailPoint ISC found no access request "2b838de9db9babcfffffffffffffffff" \(HTTP 404, 404 Not found\)/);
	});
});

test('API Version v3: the same calls under /v3/access-request-approvals', async () => {
	isc.apiVersion = 'v3';
	const [target] = mine();
	await run('getManyPending', { returnAll: true });
	await run('approve', { approvalId: target.id });
	await run('getSummary');
	expect(paths()).toEqual([
		'GET /v3/access-request-approvals/pending',
		`POST /v3/access-request-approvals/${target.id}/approve`,
		'GET /v3/access-request-approvals/approval-summary',
	]);
	expect(approvals().completed.map((approval) => approval.id)).toEqual([target.id]);
});

import type { INodeParameters } from 'n8n-workflow';

import { SailPointCertifications } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointCertifications/SailPointCertifications.node';
import { expectNoSecrets } from '../../harness/assertions';
import { listSearch, loadOptions } from '../../harness/loadOptions';
import { nextYear } from '../../harness/dates';
import { runNode } from '../../harness/run';
import { ISC_CAMPAIGN_READ_TOKEN, ISC_IDENTITY_ID, ISC_OWNERS, ISC_TOKEN, ISC_USER_ID } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/** SailPoint Certifications, every operation against the sandbox's certifications (from the spec). */

const isc = useIscSandbox({ apiVersion: 'current' });
const certs = () => isc.sandbox.certifications;
const paths = () => isc.sandbox.requests.map((request) => `${request.method} ${request.path}`);
const query = (index = 0) => new URLSearchParams(isc.sandbox.requests[index].query);
const FAST = { baseDelayMs: 1, maxDelayMs: 5 };
const pacingOff = { options: { requestOptions: { values: { paceRequests: false } } } };

beforeEach(() => {
	certs().reseed();
	certs().taskReadsToFinish = 2;
	isc.apiVersion = 'current';
});

async function run(operation: string, parameters: INodeParameters = {}, options: Parameters<typeof runNode>[2] = {}) {
	const { options: extra, ...rest } = parameters as INodeParameters & { options?: INodeParameters };
	const result = await runNode(
		new SailPointCertifications(FAST),
		{ resource: 'certification', operation, ...rest, options: { ...pacingOff.options, ...(extra ?? {}) } },
		{ credentials: isc.credentials(), ...options },
	);
	expectNoSecrets(result, ISC_TOKEN);
	return result;
}

const first = () => certs().certifications[0];
const locator = (value: string) => ({ __rl: true, mode: 'id', value });

describe('reading', () => {
	test('Get Many: a Reviewer from an expression that is none of me, identity or all fails naming the field, before any request', async () => {
		const result = await run('getMany', { reviewer: '={{ "my team" }}', reviewerId: locator(ISC_USER_ID), returnAll: true });
		expect(result.error?.message).toBe('The "Reviewer" parameter must be me, identity or all, but it is "my team"');
		expect(isc.sandbox.requests).toEqual([]);
	});

	test('Get Many: mine by default (reviewer-identity=me), with the counts ISC derives', async () => {
		const result = await run('getMany', { returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(certs().certifications.filter((entry) => entry.reviewer.id === ISC_IDENTITY_ID).map((entry) => entry.id));
		expect(result.items[0].json).toMatchObject({ phase: 'ACTIVE', decisionsMade: 0, decisionsTotal: 12, completed: false });
		expect(paths()).toEqual(['GET /certifications/v1']);
		expect(query().get('reviewer-identity')).toBe('me');
	});

	test('Get Many: a reviewer, or all; phase, completed and due filters; sort; Limit', async () => {
		const theirs = await run('getMany', { reviewer: 'identity', reviewerId: locator(ISC_USER_ID), returnAll: true });
		expect(theirs.items.map((item) => (item.json.reviewer as { id: string }).id)).toEqual([ISC_USER_ID]);

		isc.sandbox.clearLog();
		const active = await run('getMany', { reviewer: 'all', returnAll: true, filters: { phase: 'ACTIVE', completed: false }, options: { sort: 'due' } });
		expect(query().get('filters')).toBe('phase eq "ACTIVE" and completed eq false');
		expect(query().get('sorters')).toBe('due');
		expect(query().has('reviewer-identity')).toBe(false);
		expect(active.items.map((item) => item.json.due)).toEqual([...active.items.map((item) => item.json.due)].sort());
		expect(active.items).toHaveLength(3);

		// Due is not an ISC filter: the node keeps those due before the date, then applies the Limit.
		const soon = await run('getMany', { reviewer: 'all', returnAll: false, limit: 1, filters: { dueBefore: '2026-10-12T00:00:00Z' }, options: { sort: 'due' } });
		expect(soon.items.map((item) => item.json.id)).toEqual([certs().certifications[3].id]);
		const none = await run('getMany', { reviewer: 'all', returnAll: true, filters: { dueAfter: nextYear('01-01T00:00:00Z') } });
		expect(none.items).toEqual([]);
	});

	test('Get; an unknown certification is ISC\'s 404 naming it; another reviewer\'s is a 403 with the read hint', async () => {
		const result = await run('get', { certificationId: locator(first().id) });
		expect(result.items[0].json).toMatchObject({ id: first().id, name: first().name, phase: 'ACTIVE' });
		const unknown = await run('get', { certificationId: locator('ef38f94347e94562b5bb8424ffffffff') });
		expect(unknown.error?.message).toMatch(/^SailPoint ISC found no certification "ef38f94347e94562b5bb8424ffffffff" \(HTTP 404/);
		// The editor's By ID check aside (a picked or computed value), the node checks before any request.
		const bad = await run('get', { certificationId: { __rl: true, mode: 'list', value: 'a/b' } });
		expect(bad.error?.message).toMatch(/"Certification" parameter must be an ISC ID/);
		isc.sandbox.clearLog();
		const theirs = await run('get', { certificationId: locator(certs().certifications[4].id) }, { credentials: isc.credentials({ accessToken: ISC_CAMPAIGN_READ_TOKEN }) });
		expect(theirs.error?.description).toMatch(/idn:campaign:read; only the certification's reviewers/);
	});

	test('Get Many Review Items: decision state, access type, identity filters; the switches, one at a time', async () => {
		const certification = first();
		const roles = await run('getManyReviewItems', { certificationId: locator(certification.id), returnAll: true, filters: { decisionState: 'undecided', accessType: 'ROLE' } });
		expect(roles.items.map((item) => item.json.id)).toEqual(certification.items.filter((item) => item.accessSummary.access.type === 'ROLE').map((item) => item.id));
		expect(query().get('filters')).toBe('completed eq false and access.type eq "ROLE"');

		const who = certification.items[4].identitySummary;
		isc.sandbox.clearLog();
		const theirs = await run('getManyReviewItems', { certificationId: locator(certification.id), returnAll: true, filters: { identitySummaryId: who.id } });
		expect(theirs.items).toHaveLength(4);
		expect(theirs.items.every((item) => (item.json.identitySummary as { id: string }).id === who.id)).toBe(true);

		const profile = certification.items[2].accessSummary.access.id;
		isc.sandbox.clearLog();
		const switched = await run('getManyReviewItems', { certificationId: locator(certification.id), returnAll: true, filters: { accessProfileIds: profile } });
		expect(query().get('access-profiles')).toBe(profile);
		expect(switched.items.length).toBeGreaterThan(0);

		isc.sandbox.clearLog();
		const both = await run('getManyReviewItems', { certificationId: locator(certification.id), returnAll: true, filters: { accessProfileIds: profile, roleIds: 'x' } });
		expect(both.error?.message).toMatch(/Only one of the filters Entitlement IDs, Access Profile IDs and Role IDs may be given .* "Access Profile IDs" and "Role IDs"/);
		expect(isc.sandbox.requests).toEqual([]);
	});

	test('Get Reviewers lists the certification\'s reviewers', async () => {
		const result = await run('getReviewers', { certificationId: locator(first().id), returnAll: true });
		expect(result.items.map((item) => item.json)).toEqual([{ type: 'IDENTITY', id: ISC_IDENTITY_ID, name: 'Jason Smith', email: 'jason.smith@example.com' }]);
		expect(paths()).toEqual([`GET /certifications/v1/${first().id}/reviewers`]);
	});

	test('API Version V3: the same calls under /v3/certifications', async () => {
		isc.apiVersion = 'v3';
		await run('get', { certificationId: locator(first().id) });
		expect(paths()).toEqual([`GET /v3/certifications/${first().id}`]);
	});
});

describe('Decide', () => {
	test('one or many items: sent in batches of at most 250, one output item per review item', async () => {
		const [certification] = certs().reseed([{ reviewerId: ISC_IDENTITY_ID, identities: 150, campaign: 1 }]);
		const ids = certification.items.map((item) => item.id);
		expect(ids).toHaveLength(600);
		const result = await run('decide', { certificationId: locator(certification.id), reviewItemIds: ids, decision: 'APPROVE', comment: 'role model' });
		expect(result.error).toBeUndefined();
		expect(certs().decideCalls.map((call) => call.decisions.length)).toEqual([250, 250, 100]);
		expect(certs().decideCalls[0].decisions[0]).toEqual({ id: ids[0], decision: 'APPROVE', bulk: true, comments: 'role model' });
		expect(result.items).toHaveLength(600);
		expect(result.items[599].json).toEqual({ certificationId: certification.id, reviewItemId: ids[599], decision: 'APPROVE', comments: 'role model', status: 'decided' });
		expect(certification.items.every((item) => item.completed && item.decision === 'APPROVE')).toBe(true);
	});

	test('a refused batch is reported per item with ISC\'s reason (a revoke without the campaign\'s required comment); IDs as text', async () => {
		const [a, b] = first().items;
		const result = await run('decide', { certificationId: locator(first().id), reviewItemIds: `${a.id}, ${b.id}`, decision: 'REVOKE' });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['refused', 'refused']);
		expect(result.items[0].json.reason).toMatch(/requires a comment for a revoke/);
		expect(a.completed).toBe(false);
	});

	test('a certification that is not ACTIVE: a clear error naming its phase', async () => {
		const signed = certs().certifications[2];
		const result = await run('decide', { certificationId: locator(signed.id), reviewItemIds: [signed.items[0].id], decision: 'APPROVE' });
		expect(result.error?.message).toMatch(new RegExp(`^Cannot decide on certification "${signed.name}" \\(${signed.id}\\): it is SIGNED \\(signed .*\\), not ACTIVE`));
	});

	test('never repeated after a 5xx or a dropped connection; repeated after a 429', async () => {
		const [a] = first().items;
		isc.sandbox.isc.failNext(500);
		const failed = await run('decide', { certificationId: locator(first().id), reviewItemIds: [a.id], decision: 'APPROVE' });
		expect(failed.error?.message).toMatch(/HTTP 500/);
		expect(paths().filter((path) => path.endsWith('/decide'))).toHaveLength(1);

		isc.sandbox.clearLog();
		isc.sandbox.queue(`/certifications/v1/${first().id}/decide`, { status: 0, drop: true });
		const dropped = await run('decide', { certificationId: locator(first().id), reviewItemIds: [a.id], decision: 'APPROVE' });
		expect(dropped.error).toBeDefined();
		expect(paths().filter((path) => path.endsWith('/decide'))).toHaveLength(1);

		isc.sandbox.clearLog();
		isc.sandbox.isc.rateLimit(1, 0);
		const limited = await run('decide', { certificationId: locator(first().id), reviewItemIds: [a.id], decision: 'APPROVE' });
		expect(limited.items[0].json.status).toBe('decided');
		expect(paths().filter((path) => path.endsWith('/decide'))).toHaveLength(2);
	});

	test('bad input names the field before any request', async () => {
		const empty = await run('decide', { certificationId: locator(first().id), reviewItemIds: '={{ [] }}', decision: 'APPROVE' });
		expect(empty.error?.message).toBe('The "Review Items" parameter is required but is empty');
		const decision = await run('decide', { certificationId: locator(first().id), reviewItemIds: [first().items[0].id], decision: 'MAYBE' });
		expect(decision.error?.message).toMatch(/"Decision" parameter must be APPROVE or REVOKE/);
		expect(isc.sandbox.requests).toEqual([]);
	});

	test('a token with idn:campaign:read only: 403 with the manage hint', async () => {
		const own = certs().certifications[3];
		const result = await run('decide', { certificationId: locator(own.id), reviewItemIds: [own.items[0].id], decision: 'APPROVE' }, { credentials: isc.credentials({ accessToken: ISC_CAMPAIGN_READ_TOKEN }) });
		expect(result.error?.message).toMatch(/HTTP 403/);
		expect(result.error?.description).toMatch(/idn:campaign:manage/);
	});
});

describe('Reassign', () => {
	test('up to 50 items: POST /reassign directly; the items move to the new reviewer', async () => {
		const [a, b] = first().items;
		const to = ISC_OWNERS[2].id;
		const result = await run('reassign', { certificationId: locator(first().id), reassignWhat: 'items', reviewItemIds: [a.id, b.id], reassignTo: locator(to), reason: 'on leave' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ mode: 'sync', status: 'SUCCESS', reassignTo: to, reassign: [{ id: a.id, type: 'ITEM' }, { id: b.id, type: 'ITEM' }] });
		expect(paths()).toEqual([`POST /certifications/v1/${first().id}/reassign`]);
		expect(isc.sandbox.requests[0].body).toEqual({ reassign: [{ id: a.id, type: 'ITEM' }, { id: b.id, type: 'ITEM' }], reassignTo: to, reason: 'on leave' });
		expect(first().items.some((item) => item.id === a.id)).toBe(false);
	});

	test('more than 50: reassign-async tasks, followed to SUCCESS through /certification-tasks', async () => {
		const [certification] = certs().reseed([{ reviewerId: ISC_IDENTITY_ID, identities: 15, campaign: 0 }]);
		const ids = certification.items.map((item) => item.id);
		const to = ISC_OWNERS[3].id;
		const result = await run('reassign', { certificationId: locator(certification.id), reviewItemIds: ids, reassignTo: locator(to), reason: 'team moved', options: { pollInterval: 0 } });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ mode: 'async', status: 'SUCCESS', tasks: [expect.objectContaining({ status: 'SUCCESS', targetId: certification.id })] });
		expect(paths()[0]).toBe(`POST /certifications/v1/${certification.id}/reassign-async`);
		expect(paths().filter((path) => path.startsWith('GET /certification-tasks/v1/'))).toHaveLength(2);
		expect(certification.items).toEqual([]);
	});

	test('identities (IDENTITY_SUMMARY) as tasks on request; a task that ends in ERROR is a clear error', async () => {
		const summary = first().items[0].identitySummary.id;
		certs().failNextTask = true;
		const result = await run('reassign', { certificationId: locator(first().id), reassignWhat: 'identities', identitySummaryIds: [summary], reassignTo: locator(ISC_OWNERS[2].id), reason: 'r', options: { mode: 'async', pollInterval: 0 } });
		expect(isc.sandbox.requests[0].body).toMatchObject({ reassign: [{ id: summary, type: 'IDENTITY_SUMMARY' }] });
		expect(result.error?.message).toMatch(/^The reassignment task ".*" of certification ".*" failed: The reassignment failed\./);
	});

	test('a task still running at the timeout says so and names the task', async () => {
		certs().taskReadsToFinish = 1000;
		const result = await run('reassign', { certificationId: locator(first().id), reviewItemIds: [first().items[0].id], reassignTo: locator(ISC_OWNERS[2].id), reason: 'r', options: { mode: 'async', pollInterval: 0.2, timeout: 1 } });
		expect(result.error?.message).toMatch(/^The reassignment task ".*" is still IN_PROGRESS after 1 seconds/);
		expect(result.error?.description).toMatch(/GET \/certification-tasks\/v1\//);
	});

	test('Reason is required and checked before any request', async () => {
		const result = await run('reassign', { certificationId: locator(first().id), reviewItemIds: [first().items[0].id], reassignTo: locator(ISC_OWNERS[2].id), reason: ' ' });
		expect(result.error?.message).toBe('The "Reason" parameter is required but is empty');
		expect(isc.sandbox.requests).toEqual([]);
	});
});

describe('Sign Off', () => {
	test('refused while items are undecided: the error names the undecided count', async () => {
		const certification = certs().certifications[1];
		const result = await run('signOff', { certificationId: locator(certification.id) });
		expect(result.error?.message).toBe(`Cannot sign off certification "${certification.name}" (${certification.id}): 8 of 8 review items are undecided`);
	});

	test('signed when every item is decided; a second sign-off says it is SIGNED already', async () => {
		const certification = certs().certifications[1];
		await run('decide', { certificationId: locator(certification.id), reviewItemIds: certification.items.map((item) => item.id), decision: 'APPROVE' });
		const signed = await run('signOff', { certificationId: locator(certification.id) });
		expect(signed.items[0].json).toMatchObject({ id: certification.id, phase: 'SIGNED', completed: true });
		const again = await run('signOff', { certificationId: locator(certification.id) });
		expect(again.error?.message).toMatch(/^Cannot sign off certification .*: it is SIGNED \(signed .*\), not ACTIVE$/);
	});
});

describe('pickers', () => {
	const node = new SailPointCertifications();
	test('Certification: the ACTIVE ones, soonest due first, with progress; the typed text filters', async () => {
		const found = await listSearch(node, 'searchCertifications', { credentials: isc.credentials() });
		expect(found.results.map((entry) => entry.value)).toEqual([certs().certifications[3].id, first().id, certs().certifications[1].id]);
		expect(found.results[1].name).toMatch(/^Q4 Manager Access Review for Jason Smith · due 2026-10-11 · 0\/12 decided$/);
		const filtered = await listSearch(node, 'searchCertifications', { credentials: isc.credentials(), filter: 'source owner' });
		expect(filtered.results.map((entry) => entry.value)).toEqual([certs().certifications[1].id]);
	});

	test('Review Items: the chosen certification\'s undecided items; Identities: its reviewed identities', async () => {
		first().items[0].completed = true;
		const parameters = { resource: 'certification', operation: 'decide', certificationId: locator(first().id) };
		const items = await loadOptions(node, 'getUndecidedReviewItems', { credentials: isc.credentials(), parameters, path: 'parameters.reviewItemIds' });
		expect(items).toHaveLength(11);
		expect(items[0].name).toMatch(/^(Ada Lovelace|Grace Hopper|Alan Turing) · (entitlement|access profile|role) /);
		const identities = await loadOptions(node, 'getCertificationIdentities', { credentials: isc.credentials(), parameters, path: 'parameters.identitySummaryIds' });
		expect(identities.map((entry) => entry.name).sort()[0]).toMatch(/^Ada Lovelace · 4 items, [34] undecided$/);
		const none = await loadOptions(node, 'getUndecidedReviewItems', { credentials: isc.credentials(), parameters: { resource: 'certification', operation: 'decide' }, path: 'parameters.reviewItemIds' });
		expect(none).toEqual([]);
	});
});

describe('the node description', () => {
	const node = new SailPointCertifications();
	test('usable as a tool, short n8n-style actions, its own type name', () => {
		expect(node.description.name).toBe('sailPointCertifications');
		expect(node.description.usableAsTool).toBe(true);
		const operation = node.description.properties.find((property) => property.name === 'operation')!;
		expect((operation.options as Array<{ action: string }>).map((entry) => entry.action)).toEqual([
			'Decide review items',
			'Get a certification',
			'Get many certifications',
			'Get many review items of a certification',
			'Get reviewers of a certification',
			'Reassign review items or identities',
			'Sign off a certification',
		]);
	});
});

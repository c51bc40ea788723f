import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SailPointApprovals } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { SailPointApprovalsTrigger } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovalsTrigger/SailPointApprovalsTrigger.node';
import { SailPointCertifications } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointCertifications/SailPointCertifications.node';
import { localizedText } from '../../packages/sailpoint-isc/nodes/SailPoint/helpers/approvalSimplify';
import { expectNoSecrets } from '../harness/assertions';
import { nextYear } from '../harness/dates';
import { PollingTrigger, emitted } from '../harness/poll';
import { runNode } from '../harness/run';
import { ISC_IDENTITY_ID, ISC_OWNERS, ISC_TOKEN } from '../sandbox/isc';
import { useIscSandbox } from './context';

/**
 * SailPoint Approvals version 3 and SailPoint Approvals Trigger version 2 (new nodes): Simplify
 * on the listings, Get and the trigger (name first, IDs last, generic names as plain text, the
 * newer fields kept), decisions that say what was decided with success: true. Saved version 1
 * and 2 nodes (test/fixtures/sailpoint-approvals-saved-v2.json, exported before version 3) keep
 * today's output. Simplify on the new operations (non-employee approvals, certifications) is on
 * in every version.
 */

const isc = useIscSandbox({ apiVersion: 'current' });
const approvals = () => isc.sandbox.accessRequestApprovals;
const generic = () => isc.sandbox.genericApprovals;
const paths = () => isc.sandbox.requests.map((request) => `${request.method} ${request.path}`);
const FAST = { baseDelayMs: 1, maxDelayMs: 5 };
const locator = (value: string) => ({ __rl: true, mode: 'id', value });
const raw = (value: unknown) => JSON.parse(JSON.stringify(value)) as IDataObject;

beforeEach(() => {
	approvals().reseed(12);
	generic().reseed(10);
	isc.sandbox.nonEmployeeApprovals.reseed(6);
	isc.sandbox.clearLog();
});

async function run(resource: string, operation: string, parameters: INodeParameters, typeVersion = 3) {
	const result = await runNode(
		new SailPointApprovals(FAST),
		{ resource, operation, options: { requestOptions: { values: { paceRequests: false } } }, ...parameters },
		{ credentials: isc.credentials(), typeVersion },
	);
	expectNoSecrets(result, ISC_TOKEN);
	return result;
}
const jsonOf = (result: Awaited<ReturnType<typeof run>>) => result.items.map((item) => item.json);
const mine = () => approvals().pending.filter((approval) => approval.owner.id === ISC_IDENTITY_ID);

test('new nodes get SailPoint Approvals version 3 and the Approvals Trigger version 2; names unchanged', () => {
	expect(new SailPointApprovals().description).toMatchObject({ name: 'sailPointApprovals', version: [1, 2, 3], defaultVersion: 3 });
	expect(new SailPointApprovalsTrigger().description).toMatchObject({ name: 'sailPointApprovalsTrigger', version: [1, 2], defaultVersion: 2 });
});

describe('access request approvals (version 3)', () => {
	test('Get Many Pending: name first, who asked, for whom, state PENDING, created, IDs last; Simplify off is the raw answer', async () => {
		const simple = jsonOf(await run('accessRequestApproval', 'getManyPending', { returnAll: true }));
		const full = jsonOf(await run('accessRequestApproval', 'getManyPending', { returnAll: true, simplify: false }));
		expect(full).toEqual(raw(mine()));
		expect(simple).toHaveLength(mine().length);
		const [first] = simple;
		const approval = mine()[0];
		expect(Object.keys(first)).toEqual(['name', 'requestType', 'requestedObject', 'requester', 'requestedFor', 'identityType', 'state', 'owner', 'created', 'modified', 'requesterComment', 'id', 'accessRequestId']);
		expect(first).toMatchObject({ name: approval.name, requester: approval.requester, requestedFor: approval.requestedFor, state: 'PENDING', id: approval.id });
		expect(first).not.toHaveProperty('forwardHistory');
		expect(full[0]).toHaveProperty('forwardHistory');
	});

	test("the newer fields stay: a machine identity's request keeps requestedFor.type, identityType, startDate, form and jitDetails", async () => {
		const startDate = nextYear('01-04');
		const form = { formDefinitionId: 'f1', formInstanceId: 'i1', formData: { reason: 'build agent' } };
		const jitDetails = [{ entitlementId: 'e1', maxDuration: { value: 4, timeUnit: 'HOURS' } }];
		const machine = approvals().add({
			requestedFor: { type: 'MACHINE_IDENTITY', id: 'ef38f94347e94562b5bb8424a56397d8', name: 'build-agent-7' },
			identityType: 'MACHINE',
			startDate,
			form,
			jitDetails,
		} as never);
		const [item] = jsonOf(await run('accessRequestApproval', 'getManyPending', { filters: { approvalId: locator(machine.id) }, returnAll: true }));
		expect(item).toMatchObject({
			requestedFor: { type: 'MACHINE_IDENTITY', id: 'ef38f94347e94562b5bb8424a56397d8', name: 'build-agent-7' },
			identityType: 'MACHINE',
			startDate,
			form,
			jitDetails,
		});
		expect(Object.keys(item).slice(-2)).toEqual(['id', 'accessRequestId']);
	});

	test('Get Many Completed: the state ISC gives (APPROVED or REJECTED) and who decided', async () => {
		const approval = mine()[0];
		await run('accessRequestApproval', 'reject', { approvalId: locator(approval.id), comment: 'No.' });
		const [item] = jsonOf(await run('accessRequestApproval', 'getManyCompleted', { filters: { approvalId: locator(approval.id) }, returnAll: true }));
		expect(item).toMatchObject({ name: approval.name, state: 'REJECTED', reviewedBy: { id: ISC_IDENTITY_ID }, id: approval.id });
		expect(Object.keys(item)[0]).toBe('name');
	});

	test.each([
		['approve', {}, 'APPROVED'],
		['reject', { comment: 'Not needed for the project.' }, 'REJECTED'],
		['forward', { newOwnerId: locator(ISC_OWNERS[2].id), comment: 'Please decide this one.' }, 'PENDING'],
	])('%s says what was decided: the approval read once before (GET pending), then the decision; success: true', async (operation, extra, state) => {
		const approval = mine()[0];
		const result = await run('accessRequestApproval', operation, { approvalId: locator(approval.id), ...extra });
		expect(result.error).toBeUndefined();
		const [item] = jsonOf(result);
		expect(item).toMatchObject({
			name: approval.name,
			requestedObject: approval.requestedObject,
			requestedFor: approval.requestedFor,
			state,
			operation,
			success: true,
			accepted: true,
			id: approval.id,
			accessRequestId: approval.accessRequestId,
		});
		expect(Object.keys(item).slice(0, 4)).toEqual(['name', 'requestedObject', 'requestedFor', 'state']);
		expect(paths()).toEqual(['GET /access-request-approvals/v1/pending', `POST /access-request-approvals/v1/${approval.id}/${operation}`]);
		expect(approvals().decisions).toEqual([expect.objectContaining({ id: approval.id, action: operation })]);
	});

	test('a decision is sent once: a 503 is not repeated (the look-up before it may be), and the run fails', async () => {
		const approval = mine()[0];
		isc.sandbox.queue(`/access-request-approvals/v1/${approval.id}/approve`, { status: 503, body: { detailCode: '503', messages: [{ text: 'Service unavailable' }] } });
		const result = await run('accessRequestApproval', 'approve', { approvalId: locator(approval.id) });
		expect(result.error?.message).toMatch(/503|unavailable/i);
		expect(paths().filter((path) => path.startsWith('POST'))).toHaveLength(1);
	});

	test('when the approval cannot be read first, the decision still goes and reports what was sent', async () => {
		const approval = mine()[0];
		approvals().lagging.add(approval.id);
		const [item] = jsonOf(await run('accessRequestApproval', 'approve', { approvalId: locator(approval.id) }));
		expect(item).toEqual({ state: 'APPROVED', operation: 'approve', success: true, accepted: true, id: approval.id });
	});
});

describe('generic approvals (version 3)', () => {
	test('Get: name and description as plain text, requester, requestee, status, dates, ID last; Simplify off the raw answer', async () => {
		const approval = generic().approvals[0];
		const [simple] = jsonOf(await run('genericApproval', 'get', { approvalId: locator(approval.id) }));
		const [full] = jsonOf(await run('genericApproval', 'get', { approvalId: locator(approval.id), simplify: false }));
		expect(full).toEqual(raw(approval));
		expect(simple).toMatchObject({
			name: approval.name[0].value,
			description: approval.description[0].value,
			requester: approval.requester,
			requestee: approval.requestee,
			status: 'PENDING',
			dueDate: approval.dueDate,
		});
		expect(Object.keys(simple)[0]).toBe('name');
		expect(Object.keys(simple).at(-1)).toBe('id');
	});

	test('Get Many: every approval simplified; the English name is picked among locales', async () => {
		const added = generic().add({ name: [{ value: 'Zugang zur Datenbank', locale: 'de_DE' }, { value: 'Database access', locale: 'en_GB' }] } as never);
		const items = jsonOf(await run('genericApproval', 'getMany', { returnAll: true }));
		expect(items.find((item) => item.id === added.id)?.name).toBe('Database access');
		expect(items.every((item) => typeof item.name === 'string' && Object.keys(item)[0] === 'name')).toBe(true);
	});

	test('localized text: en_US, en, en_*, else the first; plain text stays', () => {
		expect(localizedText([{ value: 'A', locale: 'fr_FR' }, { value: 'B', locale: 'en' }])).toBe('B');
		expect(localizedText([{ value: 'A', locale: 'fr_FR' }, { value: 'B', locale: 'de' }])).toBe('A');
		expect(localizedText([{ value: 'A', locale: 'en_GB' }, { value: 'B', locale: 'en-US' }])).toBe('B');
		expect(localizedText('plain')).toBe('plain');
	});

	test('Approve of one of two required approvers: still PENDING, moreApprovalsNeeded with whom it waits for, from ISC\'s answer (no extra request)', async () => {
		const approval = generic().add();
		const other = { ...approval.approvers[0], identityID: ISC_OWNERS[2].id, name: ISC_OWNERS[2].name };
		approval.approvers.push(other);
		approval.assignedTo.push(other);
		approval.approvalCriteria = { type: 'PARALLEL', approval: { calculationType: 'COUNT', value: 2 } };
		const [item] = jsonOf(await run('genericApproval', 'approve', { approvalId: locator(approval.id), comment: 'Fine by me.' }));
		expect(item).toMatchObject({
			name: approval.name[0].value,
			requestee: approval.requestee,
			state: 'PENDING',
			moreApprovalsNeeded: true,
			assignedTo: [other],
			operation: 'approve',
			comment: 'Fine by me.',
			success: true,
			id: approval.id,
		});
		expect((item.approval as IDataObject).approvedBy).toHaveLength(1);
		expect(paths()).toEqual([`POST /generic-approvals/v1/${approval.id}/approve`]);
	});

	test('Approve of the only approver: APPROVED, no more approvals needed', async () => {
		const approval = generic().approvals[0];
		const [item] = jsonOf(await run('genericApproval', 'approve', { approvalId: locator(approval.id) }));
		expect(item).toMatchObject({ state: 'APPROVED', moreApprovalsNeeded: false, success: true, id: approval.id });
		expect(item).not.toHaveProperty('assignedTo');
	});

	test('Reject (ISC answers 204): one GET after it reads the approval, REJECTED', async () => {
		const approval = generic().approvals[0];
		const [item] = jsonOf(await run('genericApproval', 'reject', { approvalId: locator(approval.id), comment: 'No.' }));
		expect(item).toMatchObject({ name: approval.name[0].value, requestee: approval.requestee, state: 'REJECTED', moreApprovalsNeeded: false, operation: 'reject', success: true, id: approval.id });
		expect(paths()).toEqual([`POST /generic-approvals/v1/${approval.id}/reject`, `GET /generic-approvals/v1/${approval.id}`]);
	});

	test('Non-Employee Approve (version 3): the approval ISC answers with, and success: true; version 2 the answer alone', async () => {
		// Only the requested approver decides: two of the admin's own.
		const first = isc.sandbox.nonEmployeeApprovals.add();
		const second = isc.sandbox.nonEmployeeApprovals.add();
		const [v3] = jsonOf(await run('nonEmployeeApproval', 'approve', { approvalId: locator(first.id) }));
		expect(v3).toMatchObject({ id: first.id, approvalStatus: 'APPROVED', success: true });
		const [v2] = jsonOf(await run('nonEmployeeApproval', 'approve', { approvalId: locator(second.id) }, 2));
		expect(v2).toMatchObject({ id: second.id, approvalStatus: 'APPROVED' });
		expect(v2).not.toHaveProperty('success');
	});

	test('Bulk Approve adds success: true beside what was sent', async () => {
		const ids = generic().approvals.slice(0, 2).map((approval) => approval.id);
		const [item] = jsonOf(await run('genericApproval', 'bulkApprove', { approvalIds: ids }));
		expect(item).toMatchObject({ operation: 'bulk-approve', approvalIds: ids, accepted: true, success: true });
	});
});

describe('saved version 1 and 2 nodes keep their output', () => {
	const saved = JSON.parse(readFileSync(join(__dirname, '../fixtures/sailpoint-approvals-saved-v2.json'), 'utf8')) as {
		nodes: Array<{ name: string; type: string; typeVersion: number; parameters: INodeParameters }>;
	};
	const node = (name: string) => saved.nodes.find((entry) => entry.name === name)!;
	const runSaved = async (name: string, parameters: INodeParameters = {}) => {
		const entry = node(name);
		return await runNode(new SailPointApprovals(FAST), { ...entry.parameters, ...parameters }, { credentials: isc.credentials(), typeVersion: entry.typeVersion });
	};

	test('the exported workflow names version 2 nodes without Simplify', () => {
		expect(saved.nodes.filter((entry) => entry.type.endsWith('.sailPointApprovals')).every((entry) => entry.typeVersion === 2 && !('simplify' in entry.parameters))).toBe(true);
	});

	test('Get Many Pending, Generic Get and Get Many: the raw answers as before', async () => {
		expect(jsonOf(await runSaved('Pending access requests'))).toEqual(raw(mine()));
		const approval = generic().approvals[0];
		expect(jsonOf(await runSaved('Workflow approval', { approvalId: locator(approval.id) }))).toEqual([raw(approval)]);
		const many = jsonOf(await runSaved('Workflow approvals'));
		expect(many.every((item) => Array.isArray(item.name))).toBe(true);
	});

	test('Approve and generic Reject: the same items as before, one request each', async () => {
		const approval = mine()[0];
		const approved = jsonOf(await runSaved('Approve', { approvalId: locator(approval.id) }));
		expect(approved).toEqual([{ id: approval.id, operation: 'approve', comment: 'Approved in n8n', accepted: true }]);
		const workflowApproval = generic().approvals[0];
		const rejected = jsonOf(await runSaved('Reject workflow approval', { approvalId: locator(workflowApproval.id) }));
		expect(rejected).toEqual([{ id: workflowApproval.id, operation: 'reject', comment: 'Not now', success: true }]);
		expect(paths()).toEqual([`POST /access-request-approvals/v1/${approval.id}/approve`, `POST /generic-approvals/v1/${workflowApproval.id}/reject`]);
	});

	test('Bulk Reject: no success field added', async () => {
		const ids = generic().approvals.slice(0, 2).map((approval) => approval.id);
		const [item] = jsonOf(await runSaved('Bulk reject', { approvalIds: ids }));
		expect(item).toEqual({ operation: 'bulk-reject', approvalIds: ids, batches: 1, accepted: true });
	});

	test('the Approvals Trigger saved with version 1: raw items, ID first, as before', async () => {
		const entry = node('New pending approval');
		const active = new PollingTrigger(new SailPointApprovalsTrigger(FAST), entry.parameters, { credentials: isc.credentials(), typeVersion: entry.typeVersion });
		const items = emitted(await active.activate());
		expect(items.map((item) => item.id)).toEqual(mine().map((approval) => approval.id));
		expect(items[0]).toEqual({ ...raw(mine()[0]), kind: 'accessRequestApproval', event: 'existing' });
	});
});

describe('Approvals Trigger version 2', () => {
	const trigger = (parameters: INodeParameters) =>
		new PollingTrigger(new SailPointApprovalsTrigger(FAST), parameters, { credentials: isc.credentials(), typeVersion: 2 });

	test('Simplify (default): the table starts with the name, not two IDs; kind and event, then the IDs last; generic approvals too', async () => {
		const active = trigger({ options: { emitExisting: true, includeGeneric: true } });
		const items = emitted(await active.activate());
		const access = items.filter((item) => item.kind === 'accessRequestApproval');
		const workflow = items.filter((item) => item.kind === 'genericApproval');
		expect(access.length).toBe(mine().length);
		expect(workflow.length).toBeGreaterThan(0);
		for (const item of items) {
			expect(Object.keys(item)[0]).toBe('name');
			expect(typeof item.name).toBe('string');
			expect(item.event).toBe('existing');
		}
		expect(Object.keys(access[0]).slice(-4)).toEqual(['kind', 'event', 'id', 'accessRequestId']);
		expect(access[0]).toMatchObject({ name: mine()[0].name, requestedFor: mine()[0].requestedFor, state: 'PENDING' });
		expect(Object.keys(workflow[0]).slice(-3)).toEqual(['kind', 'event', 'id']);
	});

	test('new approvals after activation are simplified too; Simplify off gives the raw items', async () => {
		const active = trigger({});
		expect(await active.activate()).toBeNull();
		const added = approvals().add();
		const [item] = emitted(await active.poll());
		expect(item).toMatchObject({ name: added.name, event: 'new', id: added.id });
		expect(item).not.toHaveProperty('forwardHistory');

		const off = trigger({ simplify: false });
		await off.activate();
		const next = approvals().add();
		const [plain] = emitted(await off.poll());
		expect(plain).toEqual({ ...raw(next), kind: 'accessRequestApproval', event: 'new' });
	});
});

describe('new operations: Simplify on in every version', () => {
	test('Non-Employee Approval Get Many and Get: account, status, approver, the request; ID last; off is raw', async () => {
		const [first] = jsonOf(await run('nonEmployeeApproval', 'getMany', { returnAll: true }, 1));
		expect(Object.keys(first)[0]).toBe('accountName');
		expect(Object.keys(first).at(-1)).toBe('id');
		const [got] = jsonOf(await run('nonEmployeeApproval', 'get', { approvalId: locator(String(first.id)) }, 1));
		expect(got).toMatchObject({ accountName: first.accountName, approvalStatus: 'PENDING', nonEmployeeRequest: { firstName: expect.any(String), email: expect.any(String) } });
		const [full] = jsonOf(await run('nonEmployeeApproval', 'get', { approvalId: locator(String(first.id)), simplify: false }, 1));
		expect(full).toEqual(raw(isc.sandbox.nonEmployeeApprovals.find(String(first.id))));
	});

	test('Certifications Get Many, Get and Get Many Review Items: name, phase, due and progress first; who has what; IDs last', async () => {
		const runCert = async (operation: string, parameters: INodeParameters) =>
			jsonOf(
				await runNode(
					new SailPointCertifications(FAST),
					{ resource: 'certification', operation, options: { requestOptions: { values: { paceRequests: false } } }, ...parameters },
					{ credentials: isc.credentials() },
				),
			);
		const [certification] = await runCert('getMany', { returnAll: true });
		expect(Object.keys(certification).slice(0, 3)).toEqual(['name', 'phase', 'due']);
		expect(certification).toHaveProperty('decisionsTotal');
		expect(Object.keys(certification).at(-1)).toBe('id');
		const [one] = await runCert('get', { certificationId: locator(String(certification.id)) });
		expect(one).toEqual(certification);
		const [full] = await runCert('get', { certificationId: locator(String(certification.id)), simplify: false });
		expect(full).toHaveProperty('modified');
		const [item] = await runCert('getManyReviewItems', { certificationId: locator(String(certification.id)), returnAll: true });
		expect(Object.keys(item)).toEqual(expect.arrayContaining(['identitySummary', 'accessSummary', 'id']));
		expect(Object.keys(item)[0]).toBe('identitySummary');
	});
});

/*
 * `npm run test:e2e:pickers`: the resource-locator pickers inside a real n8n (2.8.4).
 * 1. A workflow exported before the pickers (test/fixtures/saved-before-pickers.json: every
 *    picker field a plain string) is imported and runs unchanged.
 * 2. The editor's own endpoint for pickers (POST /rest/dynamic-node-parameters/
 *    resource-locator-results) answers with the sandbox's entries for every list search.
 * 3. Headless Chromium opens Venafi Ticket and Work Items, opens the Ticket GUID and Owner ID
 *    pickers and saves screenshots to docs/pickers/ (the README shows them); a picker that
 *    shows no entries fails the run.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { launchBrowser } from './lib/browser';
import {
	ourNode,
	SAILPOINT_CREDENTIAL,
	VENAFI_CREDENTIAL,
	venafiTicket,
	webhook,
	workflow,
	workItems,
	type Workflow,
	type WorkflowNode,
} from '../test/n8n/builder';
import { SECRETS } from '../test/n8n/credentials';
import { docsDir, pinnedN8n } from '../test/n8n/paths';
import { typeOfNodeName } from '../test/harness/packages';
import { runE2e } from './lib/main';
import { nodeOutput, OWNER, type ExecutionDetails } from '../test/n8n/rest';
import type { TestRun } from './lib/runner';
import type { Session } from '../test/n8n/session';

const SHOTS = join(docsDir, 'pickers');
const seen: string[] = [];

const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'test', 'fixtures', 'saved-before-pickers.json'), 'utf8')) as {
	nodes: WorkflowNode[];
};
const OLD_ID = 'e2ePickersOld001';
const OLD_PATH = 'e2e-pickers-old';
const oldWorkflow: Workflow = workflow(OLD_ID, 'e2e: saved before the pickers', [
	webhook(OLD_PATH),
	...fixture.nodes,
]);

const EDITOR_ID = 'e2ePickersEdit01';
const editorWorkflow: Workflow = workflow(EDITOR_ID, 'e2e: pickers in the editor', [
	venafiTicket('Venafi Ticket', { resource: 'ticket', operation: 'get' }),
	venafiTicket('Create Ticket', { resource: 'ticket', operation: 'create' }, { typeVersion: 2, position: [0, 300] }),
	// Saved with the Additional Fields' Approvers added, so the panel shows the list at once.
	venafiTicket('Update Status', { resource: 'ticket', operation: 'updateStatus', additionalFields: { approvers: [] } }, { typeVersion: 3, position: [300, 300] }),
	ourNode('sailPointApprovals', 'Bulk Approve', { resource: 'genericApproval', operation: 'bulkApprove' }, { sailPointIscApi: SAILPOINT_CREDENTIAL }, { typeVersion: 2, position: [600, 300] }),
	workItems('Work Items', {
		resource: 'workItem',
		operation: 'getAll',
		filters: { ownerId: { __rl: true, mode: 'list', value: '' } },
	}),
]);
// Two separate nodes on the canvas, not connected.
editorWorkflow.connections = {};

interface Probe {
	node: string;
	method: string;
	parameters: Record<string, unknown>;
	credentials: Record<string, { id: string; name: string }>;
	filter?: string;
	/** Text one of the entries must show. */
	expect: RegExp;
}

const tpp = { venafiTppApi: VENAFI_CREDENTIAL };
const isc = { sailPointIscApi: SAILPOINT_CREDENTIAL };

/**
 * What the editor's options endpoint (a multi-select's list) answers for a field of a node of
 * ours, kept for the no-secret check at the end.
 */
async function editorOptions(rest: Session['rest'], field: {
	node: string;
	version: number;
	path: string;
	method: string;
	parameters: Record<string, unknown>;
	credentials: Record<string, { id: string; name: string }>;
}): Promise<Array<{ name: string; value: string; description?: string }>> {
	const options = await rest.call<Array<{ name: string; value: string; description?: string }>>('POST', '/dynamic-node-parameters/options', {
		nodeTypeAndVersion: { name: typeOfNodeName(field.node), version: field.version },
		path: field.path,
		methodName: field.method,
		currentNodeParameters: field.parameters,
		credentials: field.credentials,
	});
	seen.push(JSON.stringify(options));
	return options;
}
const PROBES: Probe[] = [
	{ node: 'venafiTicket', method: 'searchTickets', parameters: { resource: 'ticket', operation: 'get' }, credentials: tpp, expect: /^app1\.venafi\.example · Pending · 2026-11-01 09:01$/ },
	{ node: 'venafiTicket', method: 'searchObjects', parameters: { resource: 'ticket', operation: 'create' }, credentials: tpp, filter: 'app2', expect: /^app2\.venafi\.example \(X509 Certificate\) in \\Policy\\Certificates$/ },
	{ node: 'venafiTicket', method: 'searchWorkflows', parameters: { resource: 'ticket', operation: 'create' }, credentials: tpp, expect: /^Stage 100 \(Workflow\) in \\Policy\\Workflows$/ },
	{ node: 'venafiTicketTrigger', method: 'searchObjects', parameters: {}, credentials: tpp, filter: 'four', expect: /^four\.venafi\.example/ },
	// Who asks, by name (Identity/Validate), not as local:{8b5211ec-…} (issue 27, ask 7).
	{ node: 'venafiFlowTicket', method: 'searchPendingFlowTickets', parameters: { resource: 'flowTicket', operation: 'approve' }, credentials: tpp, expect: /^#11 · Signing key 11 · by Rita Requester$/ },
	{ node: 'workItems', method: 'searchWorkItems', parameters: { resource: 'workItem', operation: 'get' }, credentials: isc, expect: /^Account Create 0 · Generic · Pending · 2026-10-01 08:00$/ },
	{ node: 'workItems', method: 'searchIdentities', parameters: { resource: 'workItem', operation: 'forward' }, credentials: isc, filter: 'ada', expect: /^Ada Lovelace \(ada\.lovelace@acme-solar\.example\)$/ },
	{ node: 'workItemsTrigger', method: 'searchIdentities', parameters: {}, credentials: isc, expect: /^Grace Hopper/ },
	{ node: 'sailPointApprovals', method: 'searchPendingAccessRequestApprovals', parameters: { resource: 'accessRequestApproval', operation: 'approve' }, credentials: isc, expect: / for / },
	{ node: 'sailPointApprovals', method: 'searchGenericApprovals', parameters: { resource: 'genericApproval', operation: 'approve' }, credentials: isc, expect: /^Workflow approval \d+/ },
	{ node: 'sailPointApprovals', method: 'searchIdentities', parameters: { resource: 'genericApproval', operation: 'reassign' }, credentials: isc, filter: 'turing', expect: /^Alan Turing/ },
];

function succeeded(execution: ExecutionDetails): void {
	const error = execution.data.resultData.error;
	assert.equal(execution.status, 'success', `execution ${execution.id} ended "${execution.status}": ${error?.message ?? ''} ${error?.description ?? ''}`);
}

function items(execution: ExecutionDetails, node: string) {
	const found = nodeOutput(execution, node);
	assert.ok(found, `node "${node}" did not run`);
	return found.map((item) => item.json);
}

function register(run: TestRun, session: Session): void {
	const { sandbox, rest } = session;

	run.test('a workflow saved before the pickers (plain strings in every picker field) runs unchanged', async () => {
		sandbox.clearLog();
		const { answer, execution } = await rest.trigger(OLD_ID, OLD_PATH, {});
		seen.push(answer.text, execution.raw);
		succeeded(execution);
		assert.equal(items(execution, 'Ticket Details')[0].GUID, 'af415f09-d487-43de-ba2e-f61d089b4e68');
		assert.equal(items(execution, 'Ticket Status')[0].Status, 'Pending');
		assert.deepEqual(items(execution, 'Find Tickets').map((ticket) => ticket.GUID), ['6ede0e12-f7c0-4068-9977-000000000002']);
		assert.match(String(items(execution, 'Create Ticket')[0].GUID), /^[0-9a-f-]{36}$/);
		assert.equal(items(execution, 'Work Item')[0].id, '2c9180835d2e51680000000000000000');
		assert.ok(items(execution, "Owner's Work Items").length > 0);
		assert.ok(items(execution, 'Forward').length === 1);
		const paths = sandbox.requests.map((request) => `${request.method} ${request.path}`);
		for (const expected of [
			'POST /vedsdk/Workflow/Ticket/Details',
			'POST /vedsdk/Workflow/Ticket/Create',
			'GET /work-items/v1/2c9180835d2e51680000000000000000',
			'POST /work-items/v1/2c9180835d2e51680000000000000004/forward',
			'POST /access-request-approvals/v1/2c91808b7294bea30000000001000000/approve',
			'POST /generic-approvals/v1/38453251-6be2-5f8f-df93-000000000000/reassign',
		]) {
			assert.ok(paths.includes(expected), `${expected} was not sent; sent: ${paths.join(', ')}`);
		}
	});

	run.test('/rest/dynamic-node-parameters/resource-locator-results answers every list search with the sandbox\'s entries', async () => {
		for (const probe of PROBES) {
			const answer = await rest.call<{ results: Array<{ name: string; value: string }>; paginationToken?: string }>(
				'POST',
				'/dynamic-node-parameters/resource-locator-results',
				{
					nodeTypeAndVersion: { name: typeOfNodeName(probe.node), version: 1 },
					path: 'parameters.id',
					methodName: probe.method,
					currentNodeParameters: probe.parameters,
					credentials: probe.credentials,
					filter: probe.filter,
				},
			);
			seen.push(JSON.stringify(answer));
			assert.ok(answer.results.length > 0, `${probe.node}.${probe.method} listed nothing`);
			assert.ok(
				answer.results.some((entry) => probe.expect.test(entry.name)),
				`${probe.node}.${probe.method}: no entry like ${probe.expect}; got ${answer.results.map((entry) => entry.name).slice(0, 5).join(' | ')}`,
			);
		}
		process.stdout.write(`  ${PROBES.length} list searches answered through n8n's endpoint\n`);
	});

	run.test('/rest/dynamic-node-parameters/options lists TPP identities for Create\'s Approvers (Venafi TPP Ticket version 2)', async () => {
		const options = await editorOptions(rest, { node: 'venafiTicket', version: 2, path: 'parameters.approvers', method: 'getIdentities', parameters: { resource: 'ticket', operation: 'create' }, credentials: tpp });
		const mary = options.find((option) => option.name === 'Mary Jones (AD+VENAFI:mjones)');
		assert.ok(mary, `no Mary Jones among ${options.map((option) => option.name).join(' | ')}`);
		assert.equal(mary.value, 'AD+VENAFI:f824d97c78d9364499aaa93bfd6799a8');
		assert.ok(sandbox.requests.some((request) => request.path === '/vedsdk/Identity/Browse'), 'Identity/Browse was called');
	});

	run.test('the same list for Update Status\'s new Approvers (Additional Fields, Venafi TPP Ticket version 3)', async () => {
		const options = await editorOptions(rest, { node: 'venafiTicket', version: 3, path: 'parameters.additionalFields.approvers', method: 'getIdentities', parameters: { resource: 'ticket', operation: 'updateStatus', additionalFields: { approvers: [] } }, credentials: tpp });
		const john = options.find((option) => option.name === 'John Smith (AD+VENAFI:jsmith)');
		assert.ok(john, `no John Smith among ${options.map((option) => option.name).join(' | ')}`);
	});

	run.test('/rest/dynamic-node-parameters/options lists pending approvals for the bulk operations\' Approval IDs (SailPoint Approvals version 2)', async () => {
		const options = await editorOptions(rest, { node: 'sailPointApprovals', version: 2, path: 'parameters.approvalIds', method: 'getPendingGenericApprovals', parameters: { resource: 'genericApproval', operation: 'bulkApprove' }, credentials: isc });
		const pending = sandbox.genericApprovals.approvals.filter((approval) => approval.status === 'PENDING');
		assert.ok(pending.length > 0, 'the sandbox has pending approvals');
		assert.deepEqual(options.map((option) => option.value), pending.map((approval) => approval.id));
	});

	run.test('the endpoint passes ISC\'s 403 on as an error the editor shows (not an empty list)', async () => {
		sandbox.isc.failNext(403);
		await assert.rejects(
			rest.call('POST', '/dynamic-node-parameters/resource-locator-results', {
				nodeTypeAndVersion: { name: typeOfNodeName('workItems'), version: 1 },
				path: 'parameters.targetOwnerId',
				methodName: 'searchIdentities',
				currentNodeParameters: { resource: 'workItem', operation: 'forward' },
				credentials: isc,
			}),
			/SailPoint ISC refused the request to public-identities/,
		);
	});

	run.test('Chromium: the Ticket GUID, Owner ID, Approvers (Create, Update Status) and bulk Approval IDs pickers show entries; screenshots saved', async () => {
		const browser = await launchBrowser();
		try {
			const page = await browser.context.newPage();
			// Generous limits: on a busy 2-core runner the editor's first load can take a while.
			page.setDefaultNavigationTimeout(120_000);
			page.setDefaultTimeout(60_000);
			await page.goto(`${session.main.url}/signin`);
			await page.locator('input[type="email"]').fill(OWNER.email);
			await page.locator('input[type="password"]').fill(OWNER.password);
			await page.locator('input[type="password"]').press('Enter');
			await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
			mkdirSync(SHOTS, { recursive: true });

			// Each picker on a freshly opened workflow (the signed-in cookie stays in the context).
			const openPicker = async (nodeName: string, parameter: string, file: string, expected: RegExp) => {
				await page.goto(`${session.main.url}/workflow/${EDITOR_ID}`);
				await page.locator('[data-test-id="canvas-node"]').first().waitFor();
				await page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).dblclick();
				const locator = page.locator(`[data-test-id="resource-locator-${parameter}"]`);
				await locator.waitFor();
				await locator.locator('[data-test-id="rlc-input"]').click();
				const entries = page.locator('[data-test-id="rlc-item"]');
				try {
					await entries.first().waitFor();
				} catch (error) {
					const debug = join(session.home.userFolder, `${file}.failed.png`);
					await page.screenshot({ path: debug });
					const dropdown = await page.locator('[data-test-id="resource-locator-dropdown"]').allInnerTexts();
					throw new Error(`${String(error)}\n dropdown: ${JSON.stringify(dropdown).slice(0, 500)}\n screenshot: ${debug}`);
				}
				await page.waitForTimeout(300);
				const texts = (await entries.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
				assert.ok(texts.length > 0, `the ${parameter} picker shows no entries`);
				assert.ok(texts.some((text) => expected.test(text)), `the ${parameter} picker shows no entry like ${expected}: ${texts.join(' | ')}`);
				const path = join(SHOTS, file);
				await page.screenshot({ path });
				process.stdout.write(`  ${nodeName} → ${parameter}: ${texts.length} entries shown (${texts[0]}); saved ${path}\n`);
			};
			await openPicker('Venafi Ticket', 'guid', 'venafi-ticket-guid.png', /app1\.venafi\.example · Pending · 2026-11-01 09:01/);
			await openPicker('Work Items', 'ownerId', 'work-items-owner-id.png', /Ada Lovelace/);

			// Several values from one list n8n filters as you type: Create's Approvers (version 2),
			// Update Status's new Approvers (Additional Fields, version 3), the bulk Approval IDs.
			const openMultiSelect = async (nodeName: string, parameter: string, file: string, expected: RegExp) => {
				await page.goto(`${session.main.url}/workflow/${EDITOR_ID}`);
				await page.locator('[data-test-id="canvas-node"]').first().waitFor();
				await page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).dblclick();
				const field = page.locator(`[data-test-id="parameter-input-${parameter}"]`);
				await field.waitFor();
				await field.click();
				const options = page.locator('.el-select-dropdown__item:visible');
				await options.first().waitFor();
				await page.waitForTimeout(300);
				const shown = (await options.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
				assert.ok(shown.some((text) => expected.test(text)), `the ${nodeName} ${parameter} list shows: ${shown.join(' | ')}`);
				const path = join(SHOTS, file);
				await page.screenshot({ path });
				process.stdout.write(`  ${nodeName} → ${parameter}: ${shown.length} entries shown (${shown[0]}); saved ${path}\n`);
				await page.keyboard.press('Escape');
			};
			await openMultiSelect('Create Ticket', 'approvers', 'venafi-ticket-approvers.png', /Mary Jones \(AD\+VENAFI:mjones\)/);
			await openMultiSelect('Update Status', 'approvers', 'venafi-ticket-update-status-approvers.png', /John Smith \(AD\+VENAFI:jsmith\)/);
			await openMultiSelect('Bulk Approve', 'approvalIds', 'sailpoint-bulk-approval-ids.png', /^Workflow approval \d+/);
		} finally {
			await browser.close();
		}
	});

	run.test('No token appears in n8n\'s logs, webhook answers, stored executions or picker answers', async () => {
		const texts = [...seen, session.main.process.log];
		for (const text of texts) for (const secret of SECRETS) assert.ok(!text.includes(secret), `a token leaked into: ${text.slice(0, 200)}`);
	});
}

void runE2e(
	'End-to-end: pickers inside a real n8n',
	{ install: pinnedN8n, workflows: [oldWorkflow, editorWorkflow], activate: [OLD_ID] },
	register,
);

/*
 * `npx ts-node --transpile-only --cwd-mode e2e/editorScreenshots.ts`: each node's panel as a
 * new user first sees it (a fresh node of the newest version, the version its class declares),
 * Update Status's required decision, Request Options added under a Venafi TPP Ticket's Options,
 * the SailPoint credential's API Version field, and a run's output as JSON with Simplify on and
 * off, in a real n8n (the pinned 2.8.4) with headless Chromium. Saves docs/editor/*.png.
 * Fails if a panel does not open, if a fresh node's panel shows a pre-selected decision or a
 * Request Options collection beside Options, or if an output is not shown whole as JSON.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';

import { launchBrowser } from './lib/browser';
import { newestNode, SAILPOINT_CREDENTIAL, VENAFI_CREDENTIAL, VENAFI_OAUTH, workflow, type WorkflowNode } from '../test/n8n/builder';
import {
	SailPointApprovals,
	SailPointApprovalsTrigger,
	SailPointCertifications,
	SailPointCertificationsTrigger,
	SailPointEventTrigger,
	VenafiFlowTicket,
	VenafiFlowTicketTrigger,
	VenafiTicket,
	VenafiTicketTrigger,
	VenafiWork,
	WorkItems,
	WorkItemsTrigger,
} from './lib/nodeTypes';
import { docsDir, pinnedN8n } from '../test/n8n/paths';
import { stopEverythingOnSignal } from '../test/n8n/processes';
import { OWNER } from '../test/n8n/rest';
import { TestRun } from './lib/runner';
import { startSession, type Session } from '../test/n8n/session';

const OUT = join(docsDir, 'editor');
const TPP = { venafiTppApi: VENAFI_CREDENTIAL };
const ISC = { sailPointIscApi: SAILPOINT_CREDENTIAL };
const TICKET_GUID = 'af415f09-d487-43de-ba2e-f61d089b4e68';
/** Ticket GUID is a resource locator: the GUID entered By ID, as the editor saves it. */
const TICKET_BY_ID = { __rl: true, mode: 'id', value: TICKET_GUID };

/** Fresh nodes: no parameters saved, the newest version (the class's own), as the nodes panel adds them. */
const FRESH: Array<{ file: string; node: WorkflowNode }> = [
	{ file: 'venafi-agent-work', node: newestNode(new VenafiWork(), 'Venafi TPP Agent Work', {}, TPP) },
	{ file: 'venafi-ticket', node: newestNode(new VenafiTicket(), 'Venafi TPP Ticket', {}, TPP) },
	{ file: 'venafi-ticket-update-status', node: newestNode(new VenafiTicket(), 'Update Status', { operation: 'updateStatus' }, TPP) },
	{ file: 'venafi-ticket-trigger', node: newestNode(new VenafiTicketTrigger(), 'Venafi TPP Ticket Trigger', {}, TPP) },
	{ file: 'venafi-flow-ticket', node: newestNode(new VenafiFlowTicket(), 'Venafi TPP Flow Ticket', {}, TPP) },
	{ file: 'venafi-flow-ticket-trigger', node: newestNode(new VenafiFlowTicketTrigger(), 'Venafi TPP Flow Ticket Trigger', {}, TPP) },
	{ file: 'sailpoint-work-items', node: newestNode(new WorkItems(), 'SailPoint Work Items', {}, ISC) },
	{ file: 'sailpoint-work-items-trigger', node: newestNode(new WorkItemsTrigger(), 'SailPoint Work Items Trigger', {}, ISC) },
	{ file: 'sailpoint-approvals', node: newestNode(new SailPointApprovals(), 'SailPoint Approvals', {}, ISC) },
	{ file: 'sailpoint-approvals-trigger', node: newestNode(new SailPointApprovalsTrigger(), 'SailPoint Approvals Trigger', {}, ISC) },
	{ file: 'sailpoint-certifications', node: newestNode(new SailPointCertifications(), 'SailPoint Certifications', {}, ISC) },
	{ file: 'sailpoint-certifications-trigger', node: newestNode(new SailPointCertificationsTrigger(), 'SailPoint Certifications Trigger', {}, ISC) },
];

/** A fresh Venafi TPP Ticket Get Details node whose Request Options the test adds under Options. */
const REQUEST_OPTIONS = newestNode(new VenafiTicket(), 'Get Details (Request Options)', { operation: 'get' }, TPP);

const PANELS = workflow(
	'editorPanels00001',
	'Editor: fresh nodes',
	[...FRESH.map(({ node }) => node), REQUEST_OPTIONS],
	[],
);
// Rows of five, so every node is on the canvas.
PANELS.nodes.forEach((node, index) => (node.position = [(index % 5) * 260, Math.floor(index / 5) * 220]));

/** A run with Simplify on and off: the same ticket and the same work item, each way; SailPoint Approvals' pending list simplified. */
const OUTPUTS: Array<{ file: string; name: string }> = [
	{ file: 'output-ticket-simplify-on', name: 'Ticket (Simplify on)' },
	{ file: 'output-ticket-simplify-off', name: 'Ticket (Simplify off)' },
	{ file: 'output-work-item-simplify-on', name: 'Work Item (Simplify on)' },
	{ file: 'output-work-item-simplify-off', name: 'Work Item (Simplify off)' },
	{ file: 'output-access-request-approvals-simplify-on', name: 'Pending Approvals (Simplify on)' },
];
const SIMPLIFY = workflow('editorSimplify001', 'Editor: Simplify on and off', [
	{
		id: randomUUID(),
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	},
	newestNode(new VenafiTicket(), 'Ticket (Simplify on)', { guid: TICKET_BY_ID }, TPP),
	newestNode(new VenafiTicket(), 'Ticket (Simplify off)', { guid: TICKET_BY_ID, simplify: false }, TPP),
	newestNode(new WorkItems(), 'Work Item (Simplify on)', { limit: 1 }, ISC),
	newestNode(new WorkItems(), 'Work Item (Simplify off)', { limit: 1, simplify: false }, ISC),
	newestNode(new SailPointApprovals(), 'Pending Approvals (Simplify on)', { resource: 'accessRequestApproval', operation: 'getManyPending', limit: 1 }, ISC),
]);

/**
 * Issue 27 (the editor, round three): pickers with the Venafi credential's default Scope, the
 * ticket searches' Object DN list, the Work Items pickers of a decision, required-when fields,
 * the Event Trigger's listening text, and the short action names in the nodes panel and on the
 * canvas.
 */
const DEFAULT_SCOPE = { venafiTppApi: VENAFI_OAUTH };
const ROUND_THREE = workflow('editorRound3a001', 'Editor: round three', [
	newestNode(new VenafiTicketTrigger(), 'Ticket Trigger (default Scope)', {}, DEFAULT_SCOPE),
	newestNode(new VenafiTicketTrigger(), 'Ticket Trigger', {}, TPP),
	newestNode(new WorkItems(), 'Approve Item', { operation: 'approveItem' }, ISC),
	newestNode(new SailPointApprovals(), 'Reject', { resource: 'accessRequestApproval', operation: 'reject' }, ISC),
	newestNode(new VenafiTicket(), 'Approved Between', { operation: 'updateStatus', status: 'Approved Between' }, TPP),
	newestNode(new SailPointEventTrigger(), 'SailPoint Event Trigger', { event: 'idn:access-request-post-approval' }, ISC),
	newestNode(new SailPointCertifications(), 'Decide review items', { resource: 'certification', operation: 'decide' }, ISC),
]);
ROUND_THREE.nodes.forEach((node, index) => (node.position = [(index % 3) * 300, Math.floor(index / 3) * 240]));

/** Opens a resource locator's list in the open panel; returns the dropdown's text once it shows entries or an error. */
async function openList(page: Page, parameter: string): Promise<string> {
	const locator = page.locator(`[data-test-id="resource-locator-${parameter}"]`);
	await locator.waitFor({ timeout: 60_000 });
	await locator.locator('[data-test-id="rlc-input"]').click();
	// Entries, or the error the list shows instead (loading first).
	await page.waitForFunction(
		() =>
			document.querySelector('[data-test-id="rlc-item"]') !== null ||
			/Could not load|No results/.test(document.body.innerText),
		undefined,
		{ timeout: 60_000 },
	);
	await page.waitForTimeout(500);
	const text = (await page.locator('[data-test-id="rlc-item"]:visible').allInnerTexts()).join(' | ');
	// The error view may sit outside the dropdown's list: the page text near "Could not load".
	const body = await page.locator('body').innerText();
	const error = /Could not load[^\n]*\n?[^\n]*\n?[^\n]*/.exec(body)?.[0] ?? '';
	return `${text} ${error}`.replace(/\s+/g, ' ').trim();
}

async function shot(page: Page, file: string): Promise<void> {
	const path = join(OUT, file);
	await page.screenshot({ path });
	process.stdout.write(`  saved ${path}\n`);
}

async function signIn(page: Page, url: string): Promise<void> {
	await page.goto(`${url}/signin`, { timeout: 120_000 });
	// A busy machine takes a while to serve the editor's first page.
	await page.locator('input[type="email"]').waitFor({ timeout: 180_000 });
	await page.locator('input[type="email"]').fill(OWNER.email);
	await page.locator('input[type="password"]').fill(OWNER.password);
	await page.locator('input[type="password"]').press('Enter');
	await page.waitForURL((next) => !next.pathname.startsWith('/signin'), { timeout: 30_000 });
}

async function openWorkflow(page: Page, url: string, id: string): Promise<void> {
	await page.goto(`${url}/workflow/${id}`, { timeout: 120_000 });
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 120_000 });
	await page.waitForLoadState('networkidle');
}

/** Opens a node's panel (double click on the canvas), returns its text; closes with Escape after `then`. */
async function withPanel(page: Page, name: string, then: () => Promise<void>): Promise<string> {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor({ timeout: 60_000 });
	await page.waitForTimeout(700);
	const text = await panel.innerText();
	await then();
	await page.keyboard.press('Escape');
	await page.waitForTimeout(300);
	return text;
}

/**
 * The labels of the open panel's top-level parameters (Parameters and Settings), so a check can
 * tell a parameter of its own from an entry inside a collection such as Options.
 */
async function topLevelParameters(page: Page): Promise<string[]> {
	return await page.locator('[data-test-id="ndv"]').evaluate((root) =>
		Array.from(root.querySelectorAll('[data-test-id="parameter-item"]'))
			.filter((item) => !item.parentElement?.closest('[data-test-id="parameter-item"]'))
			.map((item) => (item as HTMLElement).innerText.split('\n')[0].trim()),
	);
}

/** No pointer over a field: a hovered parameter shows its Fixed / Expression switch (fading out). */
async function moveMouseAway(page: Page): Promise<void> {
	await page.mouse.move(1, 1);
	await page.waitForTimeout(800);
}

/** Closes the toasts (e.g. "Workflow executed successfully") that would cover the panel. */
async function closeToasts(page: Page): Promise<void> {
	const close = page.locator('.el-notification .el-notification__closeBtn');
	for (let count = await close.count(); count > 0; count = await close.count()) {
		await close.first().click();
		await page.waitForTimeout(300);
	}
}

/** The window of the panel screenshots. */
const PANEL_VIEWPORT = { width: 1280, height: 800 };

/** The tallest window an output screenshot may take; the JSON of each item here fits in it. */
const OUTPUT_VIEWPORT = { width: 1280, height: 1600 };

/**
 * Shows the open panel's output as JSON (the output panel's display mode, as a user switches it:
 * a table as wide as these items cuts the fields off at the panel's edge) and sizes the window
 * so that the whole of it shows, from the opening "[" to the closing "]", with no line under the
 * buttons to the neighbouring nodes that float at the middle of the panel's sides. Fails if the
 * switch does not happen or the JSON does not fit.
 */
async function showWholeOutputAsJson(page: Page): Promise<void> {
	await page.setViewportSize(OUTPUT_VIEWPORT);
	const output = page.locator('[data-test-id="output-panel"]');
	const mode = output.locator('[data-test-id="ndv-run-data-display-mode"]');
	await mode.locator('[data-test-id="radio-button-json"]').click();
	const selected = mode.locator('[role="radio"][aria-checked="true"]');
	await selected.filter({ hasText: 'JSON' }).waitFor({ timeout: 10_000 });
	assert.equal((await selected.innerText()).trim(), 'JSON', 'the output is shown as JSON');
	const lines = output.locator('.vjs-tree-node');
	await lines.first().waitFor({ timeout: 10_000 });
	await page.waitForTimeout(300);
	// As tall as the JSON needs (the modal keeps a margin below the panel), at least 800; taller
	// while a floating button (at half the window's height) covers a line.
	const end = await lines.last().boundingBox();
	assert.ok(end, 'the JSON view has lines');
	let height = Math.max(800, Math.ceil(end.y + end.height + 60));
	for (;;) {
		await page.setViewportSize({ width: OUTPUT_VIEWPORT.width, height });
		await page.waitForTimeout(400);
		if (!(await jsonLineUnderFloatingNode(page)) || height >= OUTPUT_VIEWPORT.height) break;
		height = Math.min(OUTPUT_VIEWPORT.height, height + 40);
	}
	// The JSON view renders only the lines in view: the first and the last are the array's brackets.
	assert.equal((await lines.first().innerText()).trim(), '[', 'the JSON starts in view');
	assert.equal((await lines.last().innerText()).trim(), ']', 'the JSON ends in view (nothing cut)');
	const last = await lines.last().boundingBox();
	const container = await output.locator('[data-test-id="ndv-data-container"]').boundingBox();
	assert.ok(last && container, 'the output panel has a size');
	assert.ok(last.y + last.height <= Math.min(container.y + container.height, height), 'the closing "]" shows inside the output panel');
	assert.ok(!(await jsonLineUnderFloatingNode(page)), 'a button to a neighbouring node covers a line of the JSON');
}

/** Whether the text of a JSON line in the output panel lies under a floating neighbour-node button. */
async function jsonLineUnderFloatingNode(page: Page): Promise<boolean> {
	return await page.locator('[data-test-id="output-panel"]').evaluate((panel) => {
		const buttons = Array.from(document.querySelectorAll('[data-test-id="floating-node"]')).map((button) => button.getBoundingClientRect());
		const text = Array.from(panel.querySelectorAll('.vjs-tree-node')).flatMap((line) => {
			const range = document.createRange();
			range.selectNodeContents(line);
			return Array.from(range.getClientRects());
		});
		return text.some((box) => buttons.some((button) => box.left < button.right && box.right > button.left && box.top < button.bottom && box.bottom > button.top));
	});
}

async function main(): Promise<void> {
	const started = Date.now();
	const run = new TestRun('Editor panels and Simplify output in n8n (headless Chromium)');
	stopEverythingOnSignal();
	let session: Session | undefined;
	try {
		session = await startSession({
			install: pinnedN8n,
			workflows: [PANELS, SIMPLIFY, ROUND_THREE],
			// The OAuth credential with the default Scope (agent;certificate:approve) for the pickers.
			testVariants: true,
			activate: [],
			// `--skip-build`: pack the dist/ an earlier run built from the same sources.
			skipBuild: process.argv.includes('--skip-build'),
		});
		const active = session;
		mkdirSync(OUT, { recursive: true });
		const browser = await launchBrowser();
		try {
			const page = await browser.context.newPage();
			await page.setViewportSize(PANEL_VIEWPORT);
			// Leaving a workflow with unsaved changes (the Request Options case adds an option) may ask first: leave.
			page.on('dialog', (dialog) => void dialog.accept());
			await signIn(page, active.main.url);

			run.test('each fresh node\'s panel opens; no Request Options of its own; Update Status pre-selects no decision', async () => {
				if (process.argv.includes('--outputs-only')) return;
				await openWorkflow(page, active.main.url, PANELS.id);
				for (const { file, node } of FRESH) {
					const path = join(OUT, `node-${file}.png`);
					let topLevel: string[] = [];
					const text = await withPanel(page, node.name, async () => {
						topLevel = await topLevelParameters(page);
						await moveMouseAway(page);
						await page.screenshot({ path });
					});
					// The newest versions keep Request Options under Options (older ones had a collection).
					assert.ok(!topLevel.includes('Request Options'), `${node.name} (version ${node.typeVersion}) shows a Request Options collection of its own: ${topLevel.join(', ')}`);
					if (file === 'venafi-ticket-update-status') {
						assert.match(text, /Status/);
						assert.doesNotMatch(text, /Status\s*\*?\s*Approved\b/, 'Update Status shows a pre-selected decision');
					}
					process.stdout.write(`  saved ${path}\n`);
				}
			});

			run.test('Venafi TPP Ticket Get Details: Request Options added under Options show Items in Flight (1,000 on version 5)', async () => {
				if (process.argv.includes('--outputs-only')) return;
				await openWorkflow(page, active.main.url, PANELS.id);
				const path = join(OUT, 'node-venafi-ticket-request-options.png');
				let text = '';
				let topLevel: string[] = [];
				let itemsInFlight = '';
				await withPanel(page, REQUEST_OPTIONS.name, async () => {
					const panel = page.locator('[data-test-id="ndv"]');
					// Options -> Add option -> Request Options, as a user adds it.
					const options = panel.locator('[data-test-id="parameter-item"]', { has: page.getByText('Options', { exact: true }) }).first();
					await options.locator('[data-test-id="collection-parameter-add"]').click();
					await page.locator('[data-test-id="collection-parameter-option"]', { hasText: /^Request Options$/ }).click();
					const group = panel.locator('[data-test-id="fixed-collection-requestOptions"]');
					await group.getByText('Items in Flight').waitFor({ timeout: 10_000 });
					text = await panel.innerText();
					// The first field of the group: Items in Flight, at the newest version's default.
					itemsInFlight = await group.locator('input').first().inputValue();
					topLevel = await topLevelParameters(page);
					// The group is an entry of the Options collection, not a parameter beside it.
					assert.equal(await options.locator('[data-test-id="fixed-collection-requestOptions"]').count(), 1, 'Request Options sit inside Options');
					await moveMouseAway(page);
					await page.screenshot({ path });
				});
				assert.match(text, /Items in Flight/);
				assert.match(text, /Batch Interval/);
				assert.match(itemsInFlight, /^1,?000$/, `Items in Flight shows ${itemsInFlight}`);
				assert.ok(topLevel.includes('Options'), `top-level parameters: ${topLevel.join(', ')}`);
				assert.ok(!topLevel.includes('Request Options'), `a Request Options collection beside Options: ${topLevel.join(', ')}`);
				process.stdout.write(`  saved ${path}\n`);
			});

			run.test('a run with Simplify on and off: the same ticket and work item each way', async () => {
				await openWorkflow(page, active.main.url, SIMPLIFY.id);
				await page.locator('[data-test-id="execute-workflow-button"]').click();
				await page.getByText(/Workflow executed successfully|executed successfully/i).first().waitFor({ timeout: 60_000 });
				await closeToasts(page);
				for (const { file, name } of OUTPUTS) {
					const path = join(OUT, `${file}.png`);
					let shown = '';
					const text = await withPanel(page, name, async () => {
						await showWholeOutputAsJson(page);
						await moveMouseAway(page);
						await page.screenshot({ path });
						shown = await page.locator('[data-test-id="ndv"]').innerText();
					});
					await page.setViewportSize(PANEL_VIEWPORT);
					if (file === 'output-ticket-simplify-on') assert.match(text, /Explanation/);
					if (file === 'output-ticket-simplify-off') assert.match(text, /IssuedDueTo/);
					// The approval's name first, the IDs last, the raw lists left out.
					if (file === 'output-access-request-approvals-simplify-on') {
						assert.match(shown, /"name"[\s\S]*"requestedFor"[\s\S]*"state"[\s\S]*"accessRequestId"/);
						assert.doesNotMatch(shown, /forwardHistory/);
					}
					process.stdout.write(`  saved ${path}\n`);
				}
			});

			run.test('round three: a Venafi picker with the default Scope says in one line which scope to add', async () => {
				await openWorkflow(page, active.main.url, ROUND_THREE.id);
				let text = '';
				await withPanel(page, 'Ticket Trigger (default Scope)', async () => {
					text = await openList(page, 'objectDn');
					await shot(page, 'picker-venafi-default-scope.png');
				});
				assert.match(text, /This list needs the token scope "configuration"/);
				assert.doesNotMatch(text, /403|insufficient_scope/);
			});

			run.test('round three: the ticket trigger\'s Object DN lists certificates with tickets; the panel shows the Object DN / User Data rule', async () => {
				await openWorkflow(page, active.main.url, ROUND_THREE.id);
				let text = '';
				const panel = await withPanel(page, 'Ticket Trigger', async () => {
					text = await openList(page, 'objectDn');
					await shot(page, 'picker-venafi-ticket-trigger-object-dn.png');
				});
				assert.match(text, /app1\.venafi\.example · 1 ticket · \\Policy\\Certificates/);
				assert.doesNotMatch(text, /\(Policy\)/);
				assert.match(panel, /Set this, User Data, or both/);
				assert.match(panel, /Enter me for the tickets you approve/);
			});

			run.test('round three: Approve Item\'s Work Item list holds the pending approval only; its Approval Item list the pending items', async () => {
				await openWorkflow(page, active.main.url, ROUND_THREE.id);
				let text = '';
				let items = '';
				await withPanel(page, 'Approve Item', async () => {
					text = await openList(page, 'workItemId');
					await shot(page, 'picker-work-items-approve-item.png');
					await page.locator('[data-test-id="rlc-item"]').first().click();
					await page.waitForTimeout(1000);
					items = await openList(page, 'approvalItemId');
					await shot(page, 'picker-work-items-approval-item.png');
				});
				assert.match(text, /Access Request: Payroll Read for Ada Lovelace · Approval · Pending/);
				assert.doesNotMatch(text, /Expired|Rejected|Form/);
				assert.match(items, /Add assignedGroups = Payroll Read/);
			});

			run.test('the reviewer\'s day: Decide\'s Certification list shows the ACTIVE certifications with due date and progress', async () => {
				await openWorkflow(page, active.main.url, ROUND_THREE.id);
				let text = '';
				await withPanel(page, 'Decide review items', async () => {
					text = await openList(page, 'certificationId');
					await shot(page, 'picker-sailpoint-certification.png');
				});
				assert.match(text, /Q4 Manager Access Review for Jason Smith · due \d{4}-\d{2}-\d{2} · 0\/12 decided/);
				assert.doesNotMatch(text, /Could not load/);
			});

			run.test('round three: required-when fields are marked before a run (Reject\'s Comment, Approved Between\'s schedule)', async () => {
				await openWorkflow(page, active.main.url, ROUND_THREE.id);
				for (const [name, file, fields] of [
					['Reject', 'node-sailpoint-approvals-reject.png', ['comment']],
					['Approved Between', 'node-venafi-ticket-approved-between.png', ['scheduledStart', 'scheduledStop']],
				] as const) {
					await withPanel(page, name, async () => {
						await moveMouseAway(page);
						for (const field of fields) {
							const issues = page.locator(`[data-test-id="parameter-input-${field}"]`).locator('xpath=ancestor::*[@data-test-id="parameter-item"][1]').locator('[data-test-id="parameter-issues"]');
							assert.ok((await issues.count()) > 0, `${name}: ${field} is not marked as needing a value`);
						}
						await shot(page, file);
					});
				}
			});

			run.test('round three: the SailPoint Event Trigger panel', async () => {
				await openWorkflow(page, active.main.url, ROUND_THREE.id);
				let text = '';
				await withPanel(page, 'SailPoint Event Trigger', async () => {
					// n8n 2.8.4 shows the node's trigger panel texts before listening (while it
					// listens, its own fixed line): the header, and the help under "When will this
					// node trigger my flow?", opened as a user opens it.
					await page.getByText('When will this node trigger my flow?').first().click();
					await page.getByText(/Test Subscription/).first().waitFor({ timeout: 30_000 });
					text = await page.locator('[data-test-id="ndv"]').innerText();
					await moveMouseAway(page);
					await shot(page, 'node-sailpoint-event-trigger.png');
				});
				assert.match(text, /Send a test event from SailPoint ISC/);
				assert.match(text, /Admin → Event Triggers → Subscriptions/);
			});

			run.test('round three: the nodes panel lists short action names; a node added from it is named after one', async () => {
				await openWorkflow(page, active.main.url, PANELS.id);
				await page.keyboard.press('Tab');
				const search = page.locator('[data-test-id="node-creator-search-bar"]');
				await search.waitFor({ timeout: 30_000 });
				await search.fill('SailPoint Approvals');
				await page.waitForTimeout(800);
				await page.locator('[data-test-id="item-iterator-item"]', { hasText: /^SailPoint Approvals$/ }).first().click().catch(async () => {
					await page.locator('[data-test-id="item-iterator-item"]').filter({ hasText: 'SailPoint Approvals' }).first().click();
				});
				const action = page.locator('[data-test-id="item-iterator-item"]', { hasText: 'Approve an access request' }).first();
				await action.waitFor({ timeout: 30_000 });
				await page.waitForTimeout(500);
				const listed = (await page.locator('[data-test-id="item-iterator-item"]').allInnerTexts()).map((entry) => entry.replace(/\s+/g, ' ').trim());
				await shot(page, 'actions-panel-sailpoint-approvals.png');
				for (const entry of listed.filter((line) => /^(Get|Approve|Reject|Forward|Count|Comment|Cancel|Reassign|Answer)\b/.test(line))) {
					assert.ok(entry.length <= 60, `a long action in the panel: ${entry}`);
				}
				await action.click();
				const panel = page.locator('[data-test-id="ndv"]');
				await panel.waitFor({ timeout: 60_000 });
				await page.waitForTimeout(800);
				await page.keyboard.press('Escape');
				await page.waitForTimeout(800);
				const added = page.locator('[data-test-id="canvas-node"][data-node-name="Approve an access request"]');
				await added.waitFor({ timeout: 30_000 });
				await added.scrollIntoViewIfNeeded();
				await moveMouseAway(page);
				await shot(page, 'canvas-short-action-name.png');
			});

			run.test('the SailPoint credential shows its API Version field', async () => {
				const created = await active.rest.call<{ id: string }>('POST', '/credentials', {
					name: 'SailPoint ISC (API Version)',
					type: 'sailPointIscApi',
					data: { authentication: 'accessToken', baseUrl: active.sandbox.url, accessToken: 'not-shown-0123456789' },
				});
				await page.goto(`${active.main.url}/home/credentials/${created.id}`, { timeout: 120_000 });
				await page.locator('[data-test-id="editCredential-modal"]').waitFor({ timeout: 120_000 });
				await page.waitForLoadState('networkidle');
				await page.waitForTimeout(1_500);
				const field = page.getByText('API Version', { exact: true }).first();
				await field.scrollIntoViewIfNeeded();
				await page.waitForTimeout(300);
				const path = join(OUT, 'credentials-isc-api-version.png');
				await page.screenshot({ path });
				process.stdout.write(`  saved ${path}\n`);
			});

			await run.run();
		} finally {
			await browser.close();
		}
	} catch (error) {
		run.fail('set-up', error);
	} finally {
		await session?.stop({ keepHome: run.failures.length > 0 });
	}
	process.stdout.write(`\nTotal time ${((Date.now() - started) / 1000).toFixed(1)}s\n${run.summary()}\n`);
	process.exitCode = run.failures.length > 0 ? 1 : 0;
}

void main();

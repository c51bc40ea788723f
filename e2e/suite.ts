/*
 * `npm run test:e2e` (and `npm run test:e2e:latest` with --latest): the nodes inside a real n8n.
 * The packed package is installed as a community package, the sandbox stands in for TPP and
 * ISC, one `n8n start` serves the webhook-triggered test workflows and the examples, and every
 * case reads the finished execution (each node's output) back through n8n's REST API.
 */
import assert from 'node:assert/strict';

import { ISC_IDENTITY_ID, ISC_OWNERS, ISC_TOKEN, workItemId } from '../test/sandbox/isc';
import type { Sandbox } from '../test/sandbox/server';
import { CERTIFICATE_OWNERS, RESULT_CODE_GUIDS, SANDBOX_CALLER, seedTickets, seedWork, ticketGuid, TPP_TOKEN } from '../test/sandbox/tpp';
import { SECRETS, WRONG_ISC_TOKEN, WRONG_TPP_TOKEN } from './lib/credentials';
import { nextYear } from './lib/dates';
import { APPROVE_PENDING_RUN_NOW, EXAMPLES, loadExamples } from './lib/examples';
import { latestN8n, pinnedN8n } from './lib/paths';
import { runE2e } from './lib/main';
import { PolledWorkflow } from './lib/polling';
import { nodeOutput, type ExecutionDetails, type WebhookAnswer } from './lib/rest';
import type { TestRun } from './lib/runner';
import type { Session } from './lib/session';
import {
	TEST_WORKFLOWS,
	ticketChain,
	ticketContinueOnFail,
	ticketGet,
	ticketGetMany,
	ticketGetOAuth,
	ticketLifecycle,
	ticketRequestOptionsVersions,
	ticketTriggerWorkflow,
	ticketUpdate,
	ticketVersions,
	venafiWorkGetAll,
	venafiWorkOAuth,
	venafiWorkWrongToken,
	accessRequestApprovalOperations,
	genericApprovalOperations,
	workItemActions,
	workItemsClientCredentials,
	workItemsV3,
	workItemsGetAll,
	workItemsReads,
	workItemsWrongToken,
	type TestWorkflow,
} from './workflows';

const latest = process.argv.includes('--latest');
const install = latest ? latestN8n : pinnedN8n;

/** Every text n8n gave back during the run, checked for secrets at the end. */
const seen: string[] = [];

function resetSandbox(sandbox: Sandbox): void {
	sandbox.tpp.tickets.clear();
	for (const ticket of seedTickets()) sandbox.tpp.tickets.set(ticket.GUID.toLowerCase(), ticket);
	sandbox.tpp.work = seedWork();
	sandbox.isc.reseed(40);
	sandbox.isc.reset();
	sandbox.accessRequestApprovals.reseed(12);
	sandbox.genericApprovals.reseed(10);
	sandbox.clearLog();
}

const CERTIFICATES = '\\VED\\Policy\\Certificates';

async function trigger(session: Session, test: TestWorkflow, body: unknown): Promise<{ answer: WebhookAnswer; execution: ExecutionDetails }> {
	const result = await session.rest.trigger(test.id, test.path, body);
	seen.push(result.answer.text, result.execution.raw);
	return result;
}

function items(execution: ExecutionDetails, node: string, output = 0) {
	const found = nodeOutput(execution, node, output);
	assert.ok(found, `node "${node}" did not run; nodes that ran: ${Object.keys(execution.data.resultData.runData).join(', ')}`);
	return found;
}

function succeeded(execution: ExecutionDetails): void {
	const error = execution.data.resultData.error;
	assert.equal(execution.status, 'success', `execution ${execution.id} ended "${execution.status}": ${error?.message ?? ''} ${error?.description ?? ''}`);
}

function failureText(execution: ExecutionDetails): string {
	const error = execution.data.resultData.error;
	assert.equal(execution.status, 'error', `expected execution ${execution.id} to fail, it ended "${execution.status}"`);
	assert.ok(error, 'the failed execution carries no error');
	return `${error.message ?? ''} ${error.description ?? ''}`;
}

function requestsTo(sandbox: Sandbox, path: string) {
	return sandbox.requests.filter((request) => request.path.toLowerCase() === path.toLowerCase());
}

function register(run: TestRun, session: Session): void {
	const { sandbox } = session;
	const test = (name: string, fn: () => Promise<void>) =>
		run.test(name, async () => {
			resetSandbox(sandbox);
			await fn();
		});

	// --- Venafi Work -----------------------------------------------------------------------
	test('Venafi Work: Get Many returns every agent work entry', async () => {
		const { answer, execution } = await trigger(session, venafiWorkGetAll, { workType: '' });
		succeeded(execution);
		const work = items(execution, 'Venafi Work');
		assert.equal(work.length, seedWork().length);
		assert.deepEqual(new Set(work.map((item) => item.json.WorkDn)), new Set(seedWork().map((entry) => entry.WorkDn)));
		assert.ok(Array.isArray(answer.body) && answer.body.length === work.length, 'the webhook answered with the work entries');
		const [request] = requestsTo(sandbox, '/vedsdk/Client/Work/');
		assert.equal(request.authorization, `Bearer ${TPP_TOKEN}`);
		assert.equal(request.query, '', 'no WorkType filter sent for "All"');
	});

	test('Venafi Work: Get Many filtered by Work Type', async () => {
		const { execution } = await trigger(session, venafiWorkGetAll, { workType: 'Client Agent Configuration Work' });
		succeeded(execution);
		const work = items(execution, 'Venafi Work');
		assert.equal(work.length, 2);
		for (const item of work) assert.equal(item.json.WorkType, 'Client Agent Configuration Work');
		assert.match(requestsTo(sandbox, '/vedsdk/Client/Work/')[0].query, /WorkType=Client(\+|%20)Agent(\+|%20)Configuration(\+|%20)Work/);
	});

	test('Venafi Work: no work of that type (TPP answers 204) is an empty, successful result', async () => {
		const { execution } = await trigger(session, venafiWorkGetAll, { workType: 'Client User Certificate Work' });
		succeeded(execution);
		assert.equal(items(execution, 'Venafi Work').length, 0);
	});

	// --- Venafi Ticket ---------------------------------------------------------------------
	test('Venafi Ticket: Get Details returns status, approvers and ISO dates', async () => {
		const [ticket] = seedTickets();
		const { execution } = await trigger(session, ticketGet, { guid: ticket.GUID });
		succeeded(execution);
		const [details] = items(execution, 'Get Details');
		assert.equal(details.json.GUID, ticket.GUID);
		assert.equal(details.json.Status, 'Pending');
		assert.equal(details.json.Created, new Date(ticket.Created).toISOString());
		assert.deepEqual(details.json.Approvers, ticket.Approvers);
		assert.equal(requestsTo(sandbox, '/vedsdk/Workflow/Ticket/Details').length, 1);
	});

	test('Venafi Ticket: Update Status Rejected with explanation and user data changes the ticket', async () => {
		const guid = ticketGuid(1);
		const { execution } = await trigger(session, ticketUpdate, {
			guid,
			status: 'Rejected',
			explanation: 'Not on the approved host list',
			userData: 'change CHG-1234',
		});
		succeeded(execution);
		const [output] = items(execution, 'Update Status');
		assert.deepEqual(output.json, { GUID: guid, Status: 'Rejected', Result: 1 });
		const ticket = sandbox.tpp.tickets.get(guid)!;
		assert.equal(ticket.Status, 'Rejected');
		assert.equal(ticket.ApprovalExplanation, 'Not on the approved host list');
		assert.equal(ticket.UserData, 'change CHG-1234');
	});

	test('Venafi Ticket: Update Status Approved Between sends the schedule in UTC', async () => {
		const guid = ticketGuid(2);
		const { execution } = await trigger(session, ticketUpdate, {
			guid,
			status: 'Approved Between',
			scheduledStart: nextYear('12-01T10:00:00+02:00'),
			scheduledStop: nextYear('12-01T12:00:00Z'),
		});
		succeeded(execution);
		const [output] = items(execution, 'Update Status');
		assert.equal(output.json.Status, 'Approved Between');
		const ticket = sandbox.tpp.tickets.get(guid)!;
		assert.equal(ticket.Status, 'Approved Between');
		assert.equal(ticket.ScheduledStart, nextYear('12-01T08:00:00.000Z'));
		assert.equal(ticket.ScheduledStop, nextYear('12-01T12:00:00.000Z'));
	});

	test('Venafi Ticket: an invalid Status from an expression fails clearly, before any request', async () => {
		const { answer, execution } = await trigger(session, ticketUpdate, { guid: ticketGuid(3), status: 'Maybe later' });
		const message = failureText(execution);
		assert.match(message, /"Status"/);
		assert.match(message, /Maybe later/);
		assert.equal(requestsTo(sandbox, '/vedsdk/Workflow/Ticket/UpdateStatus').length, 0);
		assert.ok(answer.status >= 500, `webhook answered ${answer.status}`);
		assert.equal(sandbox.tpp.tickets.get(ticketGuid(3))!.Status, 'Pending');
	});

	// --- The chain -------------------------------------------------------------------------
	test('Chain: Get Details -> IF Pending -> Update Status Approved -> Get Details shows Approved', async () => {
		const pending = ticketGuid(1);
		const rejected = ticketGuid(2);
		sandbox.tpp.tickets.get(rejected)!.Status = 'Rejected';
		const { execution } = await trigger(session, ticketChain, { items: [{ guid: pending }, { guid: rejected }] });
		succeeded(execution);
		assert.equal(items(execution, 'Get Details').length, 2);
		assert.deepEqual(items(execution, 'Status is Pending', 0).map((item) => item.json.GUID), [pending]);
		assert.deepEqual(items(execution, 'Status is Pending', 1).map((item) => item.json.GUID), [rejected]);
		assert.deepEqual(items(execution, 'Approve').map((item) => item.json), [{ GUID: pending, Status: 'Approved', Result: 1 }]);
		const after = items(execution, 'Get Details Again');
		assert.equal(after.length, 1);
		assert.equal(after[0].json.GUID, pending);
		assert.equal(after[0].json.Status, 'Approved');
		assert.equal(after[0].json.ApprovalExplanation, 'Approved by the e2e chain');
		const updates = requestsTo(sandbox, '/vedsdk/Workflow/Ticket/UpdateStatus');
		assert.equal(updates.length, 1, 'only the pending ticket was updated');
		assert.equal((updates[0].body as { GUID: string }).GUID, pending);
		assert.equal(sandbox.tpp.tickets.get(rejected)!.Status, 'Rejected');
	});

	// --- Continue On Fail ------------------------------------------------------------------
	test('Continue On Fail: bad items in the middle become paired error items, the rest succeed', async () => {
		const guids = [ticketGuid(1), 'not-a-guid', RESULT_CODE_GUIDS[3], ticketGuid(4)];
		const { execution } = await trigger(session, ticketContinueOnFail, { items: guids.map((guid) => ({ guid })) });
		succeeded(execution);
		const output = items(execution, 'Get Details');
		assert.equal(output.length, guids.length, 'every input item yields one output item');
		assert.deepEqual(
			output.map((item) => (item.pairedItem as { item: number }).item),
			[0, 1, 2, 3],
			'each output is paired to its input',
		);
		assert.equal(output[0].json.GUID, guids[0]);
		assert.equal(output[0].json.Status, 'Pending');
		assert.match(String(output[1].json.error), /Ticket GUID/);
		assert.match(String(output[1].json.error), /not-a-guid/);
		assert.match(String(output[2].json.error), /does not exist/, 'Result 3 is explained');
		assert.equal(output[3].json.GUID, guids[3]);
		assert.equal(output[3].json.Status, 'Pending');
		assert.equal(requestsTo(sandbox, '/vedsdk/Workflow/Ticket/Details').length, 3, 'the malformed GUID made no request');
	});

	// --- Wrong tokens ----------------------------------------------------------------------
	test('Wrong token (Venafi): the run fails with a clear 401 message and no token in it', async () => {
		const { answer, execution } = await trigger(session, venafiWorkWrongToken, {});
		const message = failureText(execution);
		assert.match(message, /401/);
		assert.match(message, /token/i);
		for (const secret of SECRETS) assert.ok(!message.includes(secret), 'the error shows no token');
		assert.ok(answer.status >= 500, `webhook answered ${answer.status}`);
		const [request] = requestsTo(sandbox, '/vedsdk/Client/Work/');
		assert.equal(request.authorization, `Bearer ${WRONG_TPP_TOKEN}`, 'the wrong credential was the one sent');
	});

	test('Wrong token (SailPoint): the run fails with a clear 401 message and no token in it', async () => {
		const { execution } = await trigger(session, workItemsWrongToken, {});
		const message = failureText(execution);
		assert.match(message, /401/);
		assert.match(message, /token/i);
		for (const secret of SECRETS) assert.ok(!message.includes(secret), 'the error shows no token');
		assert.equal(requestsTo(sandbox, '/work-items/v1')[0].authorization, `Bearer ${WRONG_ISC_TOKEN}`);
	});

	test('Venafi Ticket: Get Many lists the tickets associated with an identity (User Data) with details, after Refresh Permissions', async () => {
		const { execution } = await trigger(session, ticketGetMany, { userData: CERTIFICATE_OWNERS, includeDetails: true, status: [] });
		succeeded(execution);
		const output = items(execution, 'Get Many');
		assert.deepEqual(output.map((item) => item.json.GUID).sort(), [1, 2, 3, 4].map(ticketGuid));
		for (const item of output) assert.equal(item.json.Status, 'Pending');
		assert.equal(sandbox.tpp.permissionRefreshes, 1, 'one GET Permissions/Refresh for the run');
	});

	test('Venafi Ticket versions: a version 1 node saved without Status still approves; version 2 simplifies and limits', async () => {
		const guid = ticketGuid(3);
		const { execution } = await trigger(session, ticketVersions, { guid, userData: CERTIFICATE_OWNERS });
		succeeded(execution);
		assert.deepEqual(items(execution, 'Saved Version 1 Update Status').map((item) => item.json), [{ GUID: guid, Status: 'Approved', Result: 1 }]);
		assert.equal(sandbox.tpp.tickets.get(guid)!.Status, 'Approved');
		const v1 = items(execution, 'Version 1 Get Many');
		assert.deepEqual(v1.map((item) => item.json.GUID).sort(), [1, 2, 3, 4].map(ticketGuid));
		assert.equal(v1[0].json.Result, 1, 'version 1 outputs TPP\'s answer');
		const v2 = items(execution, 'Version 2 Get Many');
		assert.equal(v2.length, 2);
		assert.deepEqual(Object.keys(v2[0].json), ['GUID', 'Status', 'Object', 'Approvers', 'Created', 'Updated', 'Reason', 'Explanation']);
	});

	test('Venafi Ticket Request Options saved in a version 2 collection and in version 3 Options: Items in Flight 1 sends one request at a time', async () => {
		const guids = Array.from({ length: 6 }, () => sandbox.tpp.addTicket());
		const body = { items: guids.map((guid) => ({ guid })) };
		// Slow answers, so requests sent together are seen in flight together.
		sandbox.latencyMs = 30;
		try {
			const { execution } = await trigger(session, ticketRequestOptionsVersions, body);
			succeeded(execution);
			assert.deepEqual(items(execution, 'Version 2 Get Details').map((item) => item.json.GUID), guids);
			assert.deepEqual(items(execution, 'Version 3 Get Details').map((item) => item.json.GUID), guids);
			assert.equal(requestsTo(sandbox, '/vedsdk/Workflow/Ticket/Details').length, 2 * guids.length);
			// The nodes run one after the other, so the run's most at once is each node's.
			assert.equal(sandbox.maxInFlight, 1, `${sandbox.maxInFlight} requests were in flight at once`);

			// The same tickets through a node without Request Options (100 in flight) overlap.
			sandbox.clearLog();
			const unlimited = await trigger(session, ticketContinueOnFail, body);
			succeeded(unlimited.execution);
			assert.equal(items(unlimited.execution, 'Get Details').length, guids.length);
			assert.ok(sandbox.maxInFlight > 1, `without Request Options ${sandbox.maxInFlight} request was in flight at once`);
		} finally {
			sandbox.latencyMs = 0;
		}
	});

	test('Venafi Ticket: Get Many with a status filter, and without details', async () => {
		sandbox.tpp.setStatus(ticketGuid(2), 'Approved');
		const approved = await trigger(session, ticketGetMany, { userData: CERTIFICATE_OWNERS, includeDetails: true, status: ['Approved'] });
		succeeded(approved.execution);
		assert.deepEqual(items(approved.execution, 'Get Many').map((item) => [item.json.GUID, item.json.Status]), [[ticketGuid(2), 'Approved']]);
		const bare = await trigger(session, ticketGetMany, { userData: CERTIFICATE_OWNERS, includeDetails: false, status: [] });
		succeeded(bare.execution);
		const guids = items(bare.execution, 'Get Many').map((item) => item.json);
		assert.equal(guids.length, 4);
		for (const entry of guids) assert.deepEqual(Object.keys(entry), ['GUID']);
	});

	test('Venafi Ticket: Create -> Get Status -> Exists -> Delete -> Exists is false', async () => {
		const objectDn = `${CERTIFICATES}\\e2e.venafi.example`;
		const { execution } = await trigger(session, ticketLifecycle, {
			objectDn,
			workflowDn: '\\VED\\Policy\\Workflows\\Stage 100',
			approvers: [SANDBOX_CALLER],
			userData: 'created by the e2e suite',
		});
		succeeded(execution);
		const [created] = items(execution, 'Create');
		const guid = String(created.json.GUID);
		assert.match(guid, /^[0-9a-f-]{36}$/);
		assert.equal(created.json.ObjectDN, objectDn);
		// The caller is the approver: TPP hides the ticket from its token until Permissions/Refresh.
		assert.deepEqual(items(execution, 'Get Status')[0].json, { GUID: guid, Status: 'Pending' });
		assert.deepEqual(items(execution, 'Exists')[0].json, { GUID: guid, exists: true });
		assert.deepEqual(items(execution, 'Delete')[0].json, { GUID: guid, deleted: true });
		assert.deepEqual(items(execution, 'Exists After Delete')[0].json, { GUID: guid, exists: false });
		assert.equal(sandbox.tpp.tickets.has(guid), false, 'the ticket is gone from TPP');
		const createBody = requestsTo(sandbox, '/vedsdk/Workflow/Ticket/Create')[0].body as Record<string, unknown>;
		assert.equal(createBody.Reason, 7);
		assert.equal(createBody.UserData, 'created by the e2e suite');
	});

	test('Venafi Ticket Trigger: each poll emits only what is new (a ticket, then a status change), memory kept by n8n', async () => {
		const { rest } = session;
		// Publishing polls once (then every minute); publishing again polls again (polling.ts).
		const trigger = new PolledWorkflow(rest, ticketTriggerWorkflow.id, () => requestsTo(sandbox, '/vedsdk/Workflow/Ticket/Enumerate').length);
		let last = await rest.latestExecutionId();
		try {
			await trigger.publishAndExpectSilence(last, 'the first poll records the existing tickets and emits nothing');

			const added = sandbox.tpp.addTicket({ Blocking: `${CERTIFICATES}\\new-from-e2e.venafi.example`, ApprovalReason: 'New certificate' });
			await trigger.pollNow('the poll after a new ticket');
			const first = await rest.waitForExecution(ticketTriggerWorkflow.id, last, 20_000);
			seen.push(first.raw);
			succeeded(first);
			const emitted = items(first, 'Venafi Ticket Trigger').map((item) => item.json);
			assert.deepEqual(emitted.map((ticket) => ticket.GUID), [added], 'only the new ticket');
			assert.equal(emitted[0].Status, 'Pending');
			last = Number(first.id);

			sandbox.tpp.setStatus(ticketGuid(3), 'Rejected');
			await trigger.pollNow('the poll after a status change');
			const second = await rest.waitForExecution(ticketTriggerWorkflow.id, last, 20_000);
			seen.push(second.raw);
			const changed = items(second, 'Venafi Ticket Trigger').map((item) => item.json);
			assert.deepEqual(changed.map((ticket) => [ticket.GUID, ticket.Status]), [[ticketGuid(3), 'Rejected']]);
			last = Number(second.id);

			await trigger.expectNothingNew(last);
		} finally {
			await rest.deactivate(ticketTriggerWorkflow.id);
		}
	});

	// --- Sign-in methods -------------------------------------------------------------------
	test('Venafi TPP OAuth credential: n8n signs in once and reuses the stored token on the next run', async () => {
		const logins = sandbox.tppAuth.logins;
		for (let run = 1; run <= 2; run++) {
			const { execution } = await trigger(session, venafiWorkOAuth, {});
			succeeded(execution);
			assert.equal(items(execution, 'Venafi Work').length, seedWork().length);
		}
		assert.equal(sandbox.tppAuth.logins - logins, 1, 'one sign-in for two runs (the session token is kept with the credential)');
		const bearer = requestsTo(sandbox, '/vedsdk/Client/Work/').map((request) => request.authorization);
		assert.equal(new Set(bearer).size, 1);
		assert.ok(sandbox.tppAuth.issued.some((token) => bearer[0] === `Bearer ${token}`), 'the token TPP issued was used');
	});

	test('Venafi TPP OAuth credential: tokens that run out during a long run are renewed once each, and n8n stores the rotated refresh token', async () => {
		const guids = Array.from({ length: 1200 }, () => sandbox.tpp.addTicket());
		const logins = sandbox.tppAuth.logins;
		const refreshes = sandbox.tppAuth.refreshes;
		// The stored token (from an earlier run, or none yet) is spent; each new one serves 400
		// requests, four times the 100 items in flight, so it outlives the burst of requests that
		// renewed it (a real token expires by time, hours after its renewal). With 150 uses, newer
		// n8n (2.41: preAuthentication reads and writes the stored credential for each request
		// that renews) hands some requests a token others have spent meanwhile.
		sandbox.tppAuth.expireTokens();
		sandbox.tppAuth.accessTokenUses = 400;
		try {
			const { execution } = await trigger(session, ticketGetOAuth, { items: guids.map((guid) => ({ guid })) });
			succeeded(execution);
			assert.deepEqual(items(execution, 'Get Details').map((item) => item.json.GUID), guids);
			const renewals = sandbox.tppAuth.logins - logins + sandbox.tppAuth.refreshes - refreshes;
			// 1,200 requests at 400 a token: 3 tokens, 4 if the last is spent by the final request. A
			// renewal per item in flight would make hundreds; a reused rotated refresh token, logins.
			assert.ok(renewals >= 3 && renewals <= 4, `${renewals} renewals for 3 tokens' worth of requests`);
			assert.ok(sandbox.tppAuth.logins - logins <= 1, 'no sign-in with the password after the first');
			const bearers = new Set(requestsTo(sandbox, '/vedsdk/Workflow/Ticket/Details').map((request) => request.authorization));
			assert.ok(bearers.size <= 5, `the run's requests used ${bearers.size} tokens`);

			// n8n stored the newest token with the newest refresh token: the next run renews with it.
			sandbox.tppAuth.expireTokens();
			const before = { logins: sandbox.tppAuth.logins, refreshes: sandbox.tppAuth.refreshes };
			const next = await trigger(session, ticketGetOAuth, { items: guids.slice(0, 3).map((guid) => ({ guid })) });
			succeeded(next.execution);
			assert.equal(sandbox.tppAuth.refreshes - before.refreshes, 1, 'one refresh with the stored refresh token');
			assert.equal(sandbox.tppAuth.logins - before.logins, 0, 'no password sign-in: the stored refresh token was the live one');
		} finally {
			sandbox.tppAuth.accessTokenUses = undefined;
		}
	});

	test('SailPoint client-credentials credential: n8n gets a token once and reuses it', async () => {
		const issued = sandbox.iscAuth.issued.length;
		for (let run = 1; run <= 2; run++) {
			const { execution } = await trigger(session, workItemsClientCredentials, {});
			succeeded(execution);
			assert.equal(items(execution, 'Work Items').length, 3);
		}
		assert.equal(sandbox.iscAuth.issued.length - issued, 1, 'one token for two runs');
		assert.equal(requestsTo(sandbox, '/work-items/v1')[0].authorization, `Bearer ${sandbox.iscAuth.issued.at(-1)}`);
	});

	// --- SailPoint Work Items --------------------------------------------------------------
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

	// --- Examples --------------------------------------------------------------------------
	const decision = { id: EXAMPLES.ticketDecision.id, path: EXAMPLES.ticketDecision.webhookPath } as TestWorkflow;

	test('Example "approve or reject a ticket": approve a pending ticket, report before/after', async () => {
		const guid = ticketGuid(1);
		const { answer, execution } = await trigger(session, decision, { guid, decision: 'approve', explanation: 'Change CHG-42 approved' });
		succeeded(execution);
		assert.equal(answer.status, 200, answer.text);
		const report = answer.body as Record<string, unknown>;
		assert.equal(report.applied, true);
		assert.equal(report.ticket, guid);
		assert.equal(report.statusBefore, 'Pending');
		assert.equal(report.statusNow, 'Approved');
		assert.equal(report.explanation, 'Change CHG-42 approved');
		assert.match(String(report.message), /is now Approved/);
		assert.equal(sandbox.tpp.tickets.get(guid)!.Status, 'Approved');
	});

	test('Example "approve or reject a ticket": reject, then a second decision is refused (409)', async () => {
		const guid = ticketGuid(2);
		const first = await trigger(session, decision, { guid, decision: 'Reject' });
		assert.equal(first.answer.status, 200, first.answer.text);
		assert.equal((first.answer.body as Record<string, unknown>).statusNow, 'Rejected');
		const second = await trigger(session, decision, { guid, decision: 'approve' });
		assert.equal(second.answer.status, 409, second.answer.text);
		assert.equal((second.answer.body as Record<string, unknown>).applied, false);
		assert.equal(sandbox.tpp.tickets.get(guid)!.Status, 'Rejected');
		assert.equal(requestsTo(sandbox, '/vedsdk/Workflow/Ticket/UpdateStatus').length, 1);
	});

	test('Example "approve or reject a ticket": a bad GUID or decision gets 400 with the reason', async () => {
		const badGuid = await trigger(session, decision, { guid: 'ticket-42', decision: 'approve' });
		assert.equal(badGuid.answer.status, 400, badGuid.answer.text);
		assert.match(String((badGuid.answer.body as Record<string, unknown>).message), /Ticket GUID/);
		const badDecision = await trigger(session, decision, { guid: ticketGuid(3), decision: 'maybe' });
		assert.equal(badDecision.answer.status, 400, badDecision.answer.text);
		assert.match(String((badDecision.answer.body as Record<string, unknown>).message), /"approve" or "reject"/);
		assert.equal(sandbox.tpp.tickets.get(ticketGuid(3))!.Status, 'Pending');
		assert.equal(requestsTo(sandbox, '/vedsdk/Workflow/Ticket/UpdateStatus').length, 0);
	});

	test('Example "agent work by type" (n8n execute --id --rawOutput)', async () => {
		const result = await session.home.execute(EXAMPLES.agentWorkByType.id);
		seen.push(result.output);
		const lines = reportItems(result.run, 'Report line');
		const byType = Object.fromEntries(lines.map((line) => [line.workType, line]));
		const expected = new Map<string, number>();
		for (const entry of seedWork()) expected.set(entry.WorkType, (expected.get(entry.WorkType) ?? 0) + 1);
		assert.equal(lines.length, expected.size, 'one line per work type');
		for (const [type, count] of expected) assert.equal(byType[type]?.entries, count, `${type}: ${count}`);
		assert.match(String(byType['Client Agent Configuration Work'].line), /^Client Agent Configuration Work: 2 \(Agent Connectivity, Agent Connectivity\)$/);
	});

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

	test('Example "approve routine pending tickets": publishes as is; run now, routine renewals approved, the rest reported', async () => {
		// As imported, it publishes (its Schedule Trigger registers); `n8n execute` runs a copy
		// that starts at a Manual Trigger instead.
		await session.rest.activate(EXAMPLES.approvePending.id);
		await session.rest.deactivate(EXAMPLES.approvePending.id);
		const unusual = sandbox.tpp.addTicket({
			Blocking: `${CERTIFICATES}\\payments.corp.internal`,
			ApprovalReason: 'New wildcard certificate',
		});
		const result = await session.home.execute(APPROVE_PENDING_RUN_NOW);
		seen.push(result.output);
		const approved = reportItems(result.run, 'Approve');
		assert.deepEqual(approved.map((item) => item.GUID).sort(), [1, 2, 3, 4].map(ticketGuid));
		for (const guid of [1, 2, 3, 4].map(ticketGuid)) assert.equal(sandbox.tpp.tickets.get(guid)!.Status, 'Approved');
		const reported = reportItems(result.run, 'Report for a human');
		// The seed's own example ticket is the identity's too, and no renewal.
		assert.deepEqual(reported.map((item) => item.ticket), [seedTickets()[0].GUID, unusual]);
		assert.match(String(reported[1].line), /^Needs a human: .*payments\.corp\.internal/);
		assert.equal(sandbox.tpp.tickets.get(unusual)!.Status, 'Pending');
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

	// --- API Version, SailPoint Approvals ----------------------------------------------------
	test('API Version: credentials without the field (saved before it existed) use /work-items/v1; a v3 credential /v3/work-items', async () => {
		const current = await trigger(session, workItemsGetAll, { limit: 2 });
		succeeded(current.execution);
		const v3 = await trigger(session, workItemsV3, {});
		succeeded(v3.execution);
		assert.equal(items(v3.execution, 'Work Items').length, sandbox.isc.workItems.filter((item) => item.ownerId === ISC_IDENTITY_ID).length);
		assert.deepEqual(
			sandbox.requests.filter((request) => request.path.includes('work-items')).map((request) => request.path),
			['/work-items/v1', '/v3/work-items'],
		);
	});

	test('SailPoint Approvals: access request approvals listed, approved, rejected, forwarded; completed, summary and approvers read', async () => {
		const arr = sandbox.accessRequestApprovals;
		const ops = accessRequestApprovalOperations;
		const mine = arr.pending.filter((approval) => approval.owner.id === ISC_IDENTITY_ID);
		const pending = await trigger(session, ops.getManyPending, { owner: 'me' });
		succeeded(pending.execution);
		assert.deepEqual(items(pending.execution, 'Approvals').map((item) => item.json.id), mine.map((approval) => approval.id));
		const everyone = await trigger(session, ops.getManyPending, { owner: 'all' });
		assert.equal(items(everyone.execution, 'Approvals').length, 12);

		const [one, two, three] = mine;
		const approved = await trigger(session, ops.approve, { approvalId: one.id, comment: 'Low risk' });
		succeeded(approved.execution);
		assert.deepEqual(items(approved.execution, 'Approvals')[0].json, { id: one.id, operation: 'approve', comment: 'Low risk', accepted: true });
		const rejected = await trigger(session, ops.reject, { approvalId: two.id, comment: 'Not needed' });
		succeeded(rejected.execution);
		const forwarded = await trigger(session, ops.forward, { approvalId: three.id, newOwnerId: ISC_OWNERS[2].id, comment: 'Please review' });
		succeeded(forwarded.execution);
		assert.equal(three.owner.id, ISC_OWNERS[2].id);
		assert.deepEqual(arr.completed.map((approval) => [approval.id, approval.state]), [[one.id, 'APPROVED'], [two.id, 'REJECTED']]);

		const completed = await trigger(session, ops.getManyCompleted, {});
		assert.deepEqual(items(completed.execution, 'Approvals').map((item) => item.json.state), ['APPROVED', 'REJECTED']);
		const summary = await trigger(session, ops.getSummary, {});
		assert.deepEqual(items(summary.execution, 'Approvals')[0].json, { pending: mine.length - 3, approved: 1, rejected: 1 });
		const approvers = await trigger(session, ops.getApprovers, { accessRequestId: one.accessRequestId });
		assert.deepEqual(items(approvers.execution, 'Approvals').map((item) => item.json.approvalId), [one.id]);
		assert.ok(requestsTo(sandbox, `/access-request-approvals/v1/${one.id}/approve`).length === 1, 'the per-service path, once');
	});

	test('SailPoint Approvals: deciding a decided approval names its state; Reject without a comment fails naming the field', async () => {
		const ops = accessRequestApprovalOperations;
		const [one] = sandbox.accessRequestApprovals.pending.filter((approval) => approval.owner.id === ISC_IDENTITY_ID);
		await trigger(session, ops.reject, { approvalId: one.id, comment: 'No' });
		const again = await trigger(session, ops.approve, { approvalId: one.id });
		assert.equal(items(again.execution, 'Approvals')[0].json.error, `Cannot approve access request approval "${one.id}": it is no longer pending, it is REJECTED`);
		sandbox.clearLog();
		const noComment = await trigger(session, ops.reject, { approvalId: one.id, comment: '' });
		assert.equal(items(noComment.execution, 'Approvals')[0].json.error, 'The "Comment" parameter is required but is empty');
		assert.equal(sandbox.requests.filter((request) => request.path.startsWith('/access-request-approvals')).length, 0, 'nothing sent');
	});

	test('SailPoint Approvals: every generic approval operation', async () => {
		const generic = sandbox.genericApprovals;
		const ops = genericApprovalOperations;
		const mine = generic.approvals.filter((approval) => approval.assignedTo.some((who) => who.identityID === ISC_IDENTITY_ID));
		const listed = await trigger(session, ops.getMany, {});
		succeeded(listed.execution);
		assert.deepEqual(items(listed.execution, 'Approvals').map((item) => item.json.id), mine.map((approval) => approval.id));
		const [a, b, c] = mine;
		const got = await trigger(session, ops.get, { approvalId: a.id });
		assert.equal(items(got.execution, 'Approvals')[0].json.id, a.id);
		const approved = await trigger(session, ops.approve, { approvalId: a.id, comment: 'ok' });
		assert.equal(items(approved.execution, 'Approvals')[0].json.status, 'APPROVED');
		const commented = await trigger(session, ops.addComment, { approvalId: b.id, comment: 'Looking' });
		assert.equal((items(commented.execution, 'Approvals')[0].json.comments as unknown[]).length, 1);
		const reassigned = await trigger(session, ops.reassign, { approvalId: b.id, reassignTo: ISC_OWNERS[1].id });
		assert.equal(items(reassigned.execution, 'Approvals')[0].json.success, true);
		await trigger(session, ops.reject, { approvalId: c.id, comment: 'no' });
		assert.deepEqual([a.status, b.status, c.status], ['APPROVED', 'PENDING', 'REJECTED']);
		await trigger(session, ops.cancel, { approvalId: b.id });
		assert.equal(b.status, 'CANCELLED');

		const rest = generic.approvals.filter((approval) => approval.status === 'PENDING').map((approval) => approval.id);
		assert.ok(rest.length >= 6);
		const bulk = await trigger(session, ops.bulkApprove, { approvalIds: rest.slice(0, 3).join(',') });
		assert.equal(items(bulk.execution, 'Approvals')[0].json.batches, 2);
		await trigger(session, ops.bulkReject, { approvalIds: [rest[3]] });
		await trigger(session, ops.bulkReassign, { approvalIds: [rest[4]], reassignTo: ISC_OWNERS[2].id, reassignFrom: generic.find(rest[4])!.assignedTo[0].identityID });
		await trigger(session, ops.bulkCancel, { approvalIds: [rest[5]] });
		assert.deepEqual(rest.slice(0, 6).map((id) => generic.find(id)!.status), ['APPROVED', 'APPROVED', 'APPROVED', 'REJECTED', 'PENDING', 'CANCELLED']);
		assert.equal(generic.find(rest[4])!.assignedTo[0].identityID, ISC_OWNERS[2].id);
		assert.deepEqual(generic.bulkRequests.map((request) => request.action), ['approve', 'approve', 'reject', 'reassign', 'cancel']);
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

	test('n8n tried to reach no outside host (no name lookups failed in its log)', async () => {
		// Nothing but 127.0.0.1 answers here: a call home would show up as a failed lookup.
		assert.doesNotMatch(session.main.process.log, /ENOTFOUND|EAI_AGAIN|getaddrinfo/);
	});

	test('No token appears in n8n\'s logs, webhook answers or stored executions', async () => {
		const texts = [...seen, session.main.process.log];
		const secrets = [...SECRETS, ...sandbox.tppAuth.issued, ...sandbox.iscAuth.issued];
		assert.ok(texts.length > 10);
		assert.ok(secrets.length > SECRETS.length, 'the tokens the sign-ins got are checked too');
		for (const text of texts) for (const secret of secrets) assert.ok(!text.includes(secret), `a token leaked into: ${text.slice(0, 200)}`);
	});
}

/** The items of a node in an `n8n execute --rawOutput` run. */
function reportItems(run: unknown, node: string): Array<Record<string, unknown>> {
	const data = (run as { data?: { resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>>; error?: { message?: string } } } })?.data;
	assert.ok(data, 'n8n execute printed no run');
	assert.ok(!data.resultData?.error, `the example failed: ${data.resultData?.error?.message}`);
	const runs = data.resultData?.runData?.[node];
	assert.ok(runs, `node "${node}" did not run`);
	return (runs[0].data?.main?.[0] ?? []).map((item) => item.json);
}

void runE2e('End-to-end: the nodes inside a real n8n', {
	install,
	workflows: [...TEST_WORKFLOWS.map((test) => test.workflow), ticketTriggerWorkflow.workflow, ...loadExamples()],
	activate: [...TEST_WORKFLOWS.map((test) => test.id), EXAMPLES.ticketDecision.id],
	testVariants: true,
}, register);

import assert from 'node:assert/strict';

import { CERTIFICATE_OWNERS, RESULT_CODE_GUIDS, SANDBOX_CALLER, seedTickets, ticketGuid } from '../../../test/sandbox/tpp';
import { nextYear } from '../../lib/dates';
import { ticketChain, ticketContinueOnFail, ticketGet, ticketGetMany, ticketLifecycle, ticketRequestOptionsVersions, ticketUpdate, ticketVersions } from '../../workflows';
import { CERTIFICATES, failureText, items, requestsTo, succeeded, trigger, type CaseFamily } from '../context';

/** Venafi TPP Ticket: every operation, a chain, Continue On Fail, versions and Request Options. */
export const ticketCases: CaseFamily = (test, session) => {
	const { sandbox } = session;

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
};

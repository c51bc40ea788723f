import assert from 'node:assert/strict';

import { seedTickets, seedWork, ticketGuid } from '../../../test/sandbox/tpp';
import { APPROVE_PENDING_RUN_NOW, EXAMPLES } from '../../lib/examples';
import type { TestWorkflow } from '../../workflows';
import { CERTIFICATES, reportItems, requestsTo, seen, succeeded, trigger, type CaseFamily } from '../context';

/** The Venafi examples (examples/venafi-*.json), imported and run as they are. */
export const exampleCases: CaseFamily = (test, session) => {
	const { sandbox } = session;

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
};

import assert from 'node:assert/strict';

import { ticketGuid } from '../../../test/sandbox/tpp';
import { PolledWorkflow } from '../../lib/polling';
import { ticketTriggerWorkflow } from '../../workflows';
import { CERTIFICATES, items, requestsTo, seen, succeeded, type CaseFamily } from '../context';

/** Venafi TPP Ticket Trigger: polls in a published workflow emit only what is new. */
export const ticketTriggerCases: CaseFamily = (test, session) => {
	const { sandbox } = session;

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
			// A version 1 trigger, as saved before names: no names, no Identity/Validate.
			assert.ok(!('ApproverNames' in emitted[0]) && !('success' in emitted[0]), 'version 1 emits what it did');
			assert.equal(requestsTo(sandbox, '/vedsdk/Identity/Validate').length, 0);
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
};

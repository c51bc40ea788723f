import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import { CERTIFICATE_OWNERS, SANDBOX_CALLER } from '../../../test/sandbox/tpp';
import { flowRequester } from '../../../test/sandbox/tppFlow';
import { ourNode, workflow } from '../../../test/n8n/builder';
import { PolledWorkflow } from '../../lib/polling';
import { CERTIFICATES, items, requestsTo, seen, succeeded, type CaseFamily } from '../context';

/**
 * Issue 27 (ask 7): Venafi TPP Ticket Trigger version 2 and Flow Ticket Trigger version 2 emit
 * names beside the IDs TPP gives (Identity/Validate), inside a real n8n: published workflows,
 * polls run by n8n's scheduler, each distinct identity asked once per poll. Version 1 of the
 * Ticket Trigger is the e2eTicketTrigger workflow (ticketTrigger.ts), which asks no names.
 */

const JOHN = 'AD+VENAFI:e3fc935977cf4940bd1d0c67433a76e5';
const MARY = 'AD+VENAFI:f824d97c78d9364499aaa93bfd6799a8';
const STRANGER = 'AD+VENAFI:0123456789abcdef0123456789abcdef';
const credentials = { venafiTppApi: { id: 'venafi-tpp-sandbox', name: 'Venafi TPP (sandbox)' } };
const received = () => ({ id: randomUUID(), name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} });

export const ticketTriggerV2 = {
	id: 'e2eTicketTrigV2',
	workflow: workflow('e2eTicketTrigV2', 'e2e: Venafi Ticket Trigger version 2 (approver names)', [
		ourNode('venafiTicketTrigger', 'Ticket Trigger v2', { pollTimes: { item: [{ mode: 'everyMinute' }] }, objectDn: '', userData: CERTIFICATE_OWNERS }, credentials, { typeVersion: 2 }),
		received(),
	]),
};

export const flowTicketTriggerV2 = {
	id: 'e2eFlowTrigV2',
	workflow: workflow('e2eFlowTrigV2', 'e2e: Venafi Flow Ticket Trigger version 2 (names)', [
		ourNode('venafiFlowTicketTrigger', 'Flow Ticket Trigger v2', { pollTimes: { item: [{ mode: 'everyMinute' }] } }, credentials, { typeVersion: 2 }),
		received(),
	]),
};

export const TRIGGER_NAME_WORKFLOWS = [ticketTriggerV2, flowTicketTriggerV2];

export const triggerNameCases: CaseFamily = (test, session) => {
	const { sandbox } = session;
	const validated = () => requestsTo(sandbox, '/vedsdk/Identity/Validate').map((request) => ((request.body as { ID: { PrefixedUniversal?: string } }).ID.PrefixedUniversal));

	test('Venafi Ticket Trigger v2: a new ticket is emitted with ApproverNames beside Approvers and success beside Result; each approver asked once', async () => {
		const { rest } = session;
		const trigger = new PolledWorkflow(rest, ticketTriggerV2.id, () => requestsTo(sandbox, '/vedsdk/Workflow/Ticket/Enumerate').length);
		const last = await rest.latestExecutionId();
		try {
			await trigger.publishAndExpectSilence(last, 'the first poll records the existing tickets and emits nothing');
			assert.deepEqual(validated(), [], 'recording asks no names');
			const added = [
				sandbox.tpp.addTicket({ Blocking: `${CERTIFICATES}\\names-1.venafi.example`, Approvers: [MARY, STRANGER, JOHN] }),
				sandbox.tpp.addTicket({ Blocking: `${CERTIFICATES}\\names-2.venafi.example`, Approvers: [JOHN, MARY] }),
			];
			await trigger.pollNow('the poll after two new tickets');
			const execution = await rest.waitForExecution(ticketTriggerV2.id, last, 20_000);
			seen.push(execution.raw);
			succeeded(execution);
			const emitted = items(execution, 'Ticket Trigger v2').map((item) => item.json);
			assert.deepEqual(emitted.map((ticket) => ticket.GUID).sort(), [...added].sort());
			const byGuid = new Map(emitted.map((ticket) => [ticket.GUID, ticket]));
			assert.deepEqual(byGuid.get(added[0])?.ApproverNames, ['Mary Jones', STRANGER, 'John Smith']);
			assert.deepEqual(byGuid.get(added[1])?.ApproverNames, ['John Smith', 'Mary Jones']);
			for (const ticket of emitted) {
				assert.equal(ticket.success, true);
				const keys = Object.keys(ticket);
				assert.equal(keys[keys.indexOf('Approvers') + 1], 'ApproverNames');
				assert.equal(keys[keys.indexOf('Result') + 1], 'success');
			}
			assert.deepEqual(validated().sort(), [JOHN, MARY, STRANGER].sort(), 'three distinct approvers, three calls');
			await trigger.expectNothingNew(Number(execution.id));
		} finally {
			await rest.deactivate(ticketTriggerV2.id);
		}
	});

	test('Venafi Flow Ticket Trigger v2: a new request is emitted with requestedByName and ApproverNames beside the IDs', async () => {
		const { rest } = session;
		const flow = sandbox.tpp.flow;
		flow.reset();
		sandbox.clearLog();
		const trigger = new PolledWorkflow(rest, flowTicketTriggerV2.id, () => requestsTo(sandbox, '/vedsdk/Flow/Tickets/Enumerate').length);
		const last = await rest.latestExecutionId();
		try {
			await trigger.publishAndExpectSilence(last, 'the first poll records the pending tickets and emits nothing');
			const id = flow.add();
			const ticket = flow.tickets.get(id)!;
			ticket.Environment = ticket.Environment.map((entry) => (entry.Key === 'Requested By' ? { ...entry, Value: flowRequester(11) } : entry));
			await trigger.pollNow('the poll after a new signing request');
			const execution = await rest.waitForExecution(flowTicketTriggerV2.id, last, 20_000);
			seen.push(execution.raw);
			succeeded(execution);
			const emitted = items(execution, 'Flow Ticket Trigger v2').map((item) => item.json);
			assert.deepEqual(emitted.map((entry) => entry.Id), [id]);
			assert.equal(emitted[0].requestedBy, flowRequester(11));
			assert.equal(emitted[0].requestedByName, 'Rita Requester');
			assert.deepEqual(emitted[0].Approvers, [SANDBOX_CALLER]);
			assert.deepEqual(emitted[0].ApproverNames, ['admin']);
			assert.deepEqual(validated().sort(), [flowRequester(11), SANDBOX_CALLER].sort());
			await trigger.expectNothingNew(Number(execution.id));
		} finally {
			await rest.deactivate(flowTicketTriggerV2.id);
			flow.reset();
		}
	});
};

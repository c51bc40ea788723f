import assert from 'node:assert/strict';

import { seedTickets, ticketGuid } from '../../../test/sandbox/tpp';
import { venafiTicket, webhook, workflow } from '../../../test/n8n/builder';
import type { TestWorkflow } from '../../workflows';
import { items, requestsTo, succeeded, trigger, type CaseFamily } from '../context';

/**
 * Issue 27 (asks 7 and 8, Venafi TPP Ticket): version 4 outputs `success` beside `Result` and
 * `ApproverNames` beside `Approvers`; a version 3 node, as saved before, outputs what it did.
 * Both nodes of a workflow read the same ticket, inside a real n8n.
 */

const guid = { __rl: true, mode: 'id', value: '={{ $json.body.guid }}' };

function hook(id: string, path: string, name: string, nodes: TestWorkflow['workflow']['nodes']): TestWorkflow {
	return { id, path, workflow: workflow(id, `e2e: ${name}`, [webhook(path), ...nodes], nodes.map((node) => ['Webhook', 0, node.name] as [string, number, string])) };
}

export const ticketOutputsByVersion = hook('e2eTicketOutV4v3', 'e2e-ticket-outputs-versions', 'Venafi Ticket outputs, version 4 and version 3', [
	venafiTicket('Version 4 Get Details', { operation: 'get', guid, simplify: false }, { typeVersion: 4 }),
	venafiTicket('Version 4 Simplified', { operation: 'get', guid }, { typeVersion: 4 }),
	venafiTicket('Version 3 Get Details', { operation: 'get', guid, simplify: false }, { typeVersion: 3 }),
]);

export const ticketUpdateByVersion = hook('e2eTicketUpdV4v3', 'e2e-ticket-update-versions', 'Venafi Ticket Update Status, version 4 and version 3', [
	venafiTicket('Version 4 Update Status', { operation: 'updateStatus', guid: { __rl: true, mode: 'id', value: '={{ $json.body.guid4 }}' }, status: 'Approved' }, { typeVersion: 4 }),
	venafiTicket('Version 3 Update Status', { operation: 'updateStatus', guid: { __rl: true, mode: 'id', value: '={{ $json.body.guid3 }}' }, status: 'Approved' }, { typeVersion: 3 }),
]);

export const OUTPUT_WORKFLOWS = [ticketOutputsByVersion, ticketUpdateByVersion];

export const outputCases: CaseFamily = (test, session) => {
	const { sandbox } = session;

	test('Venafi Ticket v4: ApproverNames beside Approvers and success beside Result; a v3 node outputs what it did', async () => {
		const [ticket] = seedTickets();
		const { execution } = await trigger(session, ticketOutputsByVersion, { guid: ticket.GUID });
		succeeded(execution);
		const [v4] = items(execution, 'Version 4 Get Details');
		assert.deepEqual(v4.json.Approvers, ticket.Approvers);
		assert.deepEqual(v4.json.ApproverNames, ['John Smith', 'Mary Jones']);
		assert.equal(v4.json.Result, 1);
		assert.equal(v4.json.success, true);
		const [simplified] = items(execution, 'Version 4 Simplified');
		assert.deepEqual(Object.keys(simplified.json).slice(0, 5), ['GUID', 'Status', 'Object', 'Approvers', 'ApproverNames']);
		const [v3] = items(execution, 'Version 3 Get Details');
		assert.equal(v3.json.Result, 1);
		assert.ok(!('success' in v3.json), 'a version 3 node outputs no success');
		assert.ok(!('ApproverNames' in v3.json), 'a version 3 node outputs no ApproverNames');
		// Two version 4 nodes, two approvers: each node asks once per approver.
		assert.equal(requestsTo(sandbox, '/vedsdk/Identity/Validate').length, 4);
	});

	test('Venafi Ticket v4: Update Status outputs success: true after Result: 1; v3 as before', async () => {
		const { execution } = await trigger(session, ticketUpdateByVersion, { guid4: ticketGuid(1), guid3: ticketGuid(2) });
		succeeded(execution);
		assert.deepEqual(items(execution, 'Version 4 Update Status')[0].json, { GUID: ticketGuid(1), Status: 'Approved', Result: 1, success: true });
		assert.deepEqual(items(execution, 'Version 3 Update Status')[0].json, { GUID: ticketGuid(2), Status: 'Approved', Result: 1 });
	});
};

import type { IDataObject } from 'n8n-workflow';

import { VenafiTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { expectNoSecrets } from '../../harness/assertions';
import { expectImportable, ourNodes, readExample } from '../../harness/examples';
import { runNode } from '../../harness/run';
import { TPP_TOKEN, seedTickets, ticketGuid } from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

/**
 * The example workflow in examples/: its shape as n8n imports it, and its two Venafi Ticket
 * nodes run with their exact parameters against the sandbox (the n8n-nodes-base nodes between
 * them run in the real-n8n end-to-end suite; here the IF rule is applied by hand).
 */

const { example, byName } = readExample('venafi-approve-pending-tickets.json');

const tpp = useTppSandbox();

test('the example is importable as is: known node types, wired nodes, the sandbox credential by name and id', () => {
	expectImportable(example);
	const venafi = ourNodes(example);
	expect(venafi.map((node) => node.type)).toEqual([
		'n8n-nodes-venafi-tpp.venafiTicket',
		'n8n-nodes-venafi-tpp.venafiTicket',
	]);
	for (const node of venafi) {
		expect(node.credentials).toEqual({ venafiTppApi: { id: 'venafi-tpp-sandbox', name: 'Venafi TPP (sandbox)' } });
	}
	expect(byName('Every 15 minutes')).toMatchObject({
		type: 'n8n-nodes-base.scheduleTrigger',
		parameters: { rule: { interval: [{ field: 'minutes', minutesInterval: 15 }] } },
	});
	expect(example.connections['Routine renewal?'].main.map((branch) => branch[0].node)).toEqual([
		'Approve',
		'Report for a human',
	]);
	expect(JSON.stringify(example)).not.toContain(TPP_TOKEN);
});

test('its Venafi steps find the pending tickets the identity approves (User Data) and approve those the rule accepts', async () => {
	tpp.sandbox.tpp.tickets.clear();
	for (const ticket of seedTickets()) tpp.sandbox.tpp.tickets.set(ticket.GUID, ticket);
	tpp.sandbox.tpp.setStatus(ticketGuid(4), 'Rejected');
	const unusual = tpp.sandbox.tpp.addTicket({
		Blocking: '\\VED\\Policy\\Certificates\\partner.other.example',
		ApprovalReason: 'Key size change',
	});

	const found = await runNode(new VenafiTicket(), byName('My pending tickets').parameters, {
		credentials: tpp.credentials(),
		typeVersion: byName('My pending tickets').typeVersion,
	});
	expectNoSecrets(found, TPP_TOKEN);
	const tickets = found.items.map((item) => item.json);
	// The seed's own example ticket is one of the identity's too; it is no renewal.
	expect(tickets.map((ticket) => ticket.GUID)).toEqual([seedTickets()[0].GUID, ticketGuid(1), ticketGuid(2), ticketGuid(3), unusual]);

	// The IF node's rule: a renewal, of a certificate in the internal domain (Simplify's names:
	// Reason is TPP's ApprovalReason, Object its Blocking).
	const routine = (ticket: IDataObject) =>
		String(ticket.Reason).toLowerCase().includes('renewal') &&
		String(ticket.Object).toLowerCase().endsWith('.venafi.example');
	const toApprove = tickets.filter(routine);
	expect(toApprove).toHaveLength(3);

	const approved = await runNode(new VenafiTicket(), byName('Approve').parameters, {
		credentials: tpp.credentials(),
		items: toApprove,
		typeVersion: byName('Approve').typeVersion,
	});
	expectNoSecrets(approved, TPP_TOKEN);
	expect(approved.error).toBeUndefined();
	expect(approved.items.map((item) => item.json.Status)).toEqual(['Approved', 'Approved', 'Approved']);
	for (const index of [1, 2, 3]) {
		const ticket = tpp.sandbox.tpp.tickets.get(ticketGuid(index));
		expect(ticket?.Status).toBe('Approved');
		expect(ticket?.ApprovalExplanation).toBe(`Approved by n8n: routine renewal of ${ticket?.Blocking}`);
	}
	expect(tpp.sandbox.tpp.tickets.get(unusual)?.Status).toBe('Pending');
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INode, INodeParameters, INodeType } from 'n8n-workflow';

import { VenafiFlowTicketTrigger } from '../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicketTrigger/VenafiFlowTicketTrigger.node';
import { VenafiTicketTrigger } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicketTrigger/VenafiTicketTrigger.node';
import { expectNoSecrets } from '../harness/assertions';
import { PollingTrigger, emitted } from '../harness/poll';
import { runNode } from '../harness/run';
import { TPP_TOKEN, seedTickets, ticketGuid } from '../sandbox/tpp';
import { seedFlowTickets } from '../sandbox/tppFlow';
import { useTppSandbox } from './context';

/**
 * Issue 27, ask 7: the triggers' newer versions add names beside the identities TPP writes as
 * IDs. A workflow exported with version 1 of both triggers (test/fixtures/
 * venafi-triggers-saved-v1.json) must go on emitting exactly what it emitted before: the
 * expected items (venafi-triggers-saved-v1.output.json) were recorded with the triggers as they
 * were before the new versions (main at 329415b), on the same sandbox scenario.
 */

const tpp = useTppSandbox();
const FIXTURES = join(__dirname, '..', 'fixtures');
const workflow = JSON.parse(readFileSync(join(FIXTURES, 'venafi-triggers-saved-v1.json'), 'utf8')) as { nodes: INode[] };
const OUTPUT_FILE = join(FIXTURES, 'venafi-triggers-saved-v1.output.json');
const saved = (type: string) => workflow.nodes.find((node) => node.type === `n8n-nodes-venafi-tpp.${type}`)!;
const validations = () => tpp.sandbox.requests.filter((request) => request.path === '/vedsdk/Identity/Validate');

const FIXED = Date.UTC(2026, 10, 2, 8, 0, 0);
const ADDED_GUID = '0b7e3c55-9a61-4d2e-8f10-00000000a001';
const JOHN = 'AD+VENAFI:e3fc935977cf4940bd1d0c67433a76e5';
const MARY = 'AD+VENAFI:f824d97c78d9364499aaa93bfd6799a8';
const OTHER_APPROVER = 'local:{a69f5174-4961-4781-b338-58f983b0b922}';

function seed(): void {
	tpp.sandbox.tpp.tickets.clear();
	for (const ticket of seedTickets()) tpp.sandbox.tpp.tickets.set(ticket.GUID.toLowerCase(), ticket);
	// Fixed Identifiers (the sandbox numbers them in creation order) and an approval already given.
	tpp.sandbox.tpp.flow.reset(
		seedFlowTickets().map((ticket) => ({
			...ticket,
			Identifier: ticket.Id.toString(16).toUpperCase().padStart(64, 'A'),
			Approvals: ticket.Id === 14 ? [{ ApprovalTime: FIXED, Universal: OTHER_APPROVER }] : ticket.Approvals,
		})),
	);
}

/** Activation (Emit Existing), then a poll after a new ticket and a status change. */
async function ticketTriggerScenario(node: INodeType, parameters: INodeParameters, typeVersion: number, pollBudgetMs?: number) {
	seed();
	const active = new PollingTrigger(node, parameters, { credentials: tpp.credentials(), typeVersion, pollBudgetMs });
	const existing = emitted(await active.activate());
	tpp.sandbox.tpp.addTicket({ GUID: ADDED_GUID, Approvers: [JOHN, MARY], Created: FIXED, Updated: FIXED });
	tpp.sandbox.tpp.setStatus(ticketGuid(2), 'Approved');
	tpp.sandbox.tpp.tickets.get(ticketGuid(2))!.Updated = FIXED;
	const changes = emitted(await active.poll());
	return { existing, changes };
}

async function flowTriggerScenario(node: INodeType, parameters: INodeParameters, typeVersion: number, pollBudgetMs?: number) {
	seed();
	const active = new PollingTrigger(node, parameters, { credentials: tpp.credentials(), typeVersion, pollBudgetMs });
	const existing = emitted(await active.activate());
	tpp.sandbox.tpp.flow.add({ Id: 501, CreationTime: FIXED, Identifier: 'B'.repeat(64) });
	const added = emitted(await active.poll());
	return { existing, added };
}

async function testStep(node: INodeType, parameters: INodeParameters, typeVersion: number) {
	seed();
	const result = await runNode(node, parameters, { credentials: tpp.credentials(), typeVersion });
	expectNoSecrets(result, TPP_TOKEN);
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json);
}

async function outputsOfSavedWorkflow(pollBudgetMs?: number): Promise<IDataObject> {
	const ticket = saved('venafiTicketTrigger');
	const flow = saved('venafiFlowTicketTrigger');
	return {
		ticketTrigger: {
			polls: await ticketTriggerScenario(new VenafiTicketTrigger(), ticket.parameters, ticket.typeVersion, pollBudgetMs),
			testStep: await testStep(new VenafiTicketTrigger(), ticket.parameters, ticket.typeVersion),
		},
		flowTicketTrigger: {
			polls: await flowTriggerScenario(new VenafiFlowTicketTrigger(), flow.parameters, flow.typeVersion, pollBudgetMs),
			testStep: await testStep(new VenafiFlowTicketTrigger(), flow.parameters, flow.typeVersion),
		},
	};
}

test('the fixture is a version 1 export of both triggers', () => {
	expect(workflow.nodes.map((node) => [node.type, node.typeVersion])).toEqual([
		['n8n-nodes-venafi-tpp.venafiTicketTrigger', 1],
		['n8n-nodes-venafi-tpp.venafiFlowTicketTrigger', 1],
	]);
});

const recorded = JSON.parse(readFileSync(OUTPUT_FILE, 'utf8')) as Record<string, IDataObject>;

test.each([
	['without a poll budget (n8n before 2.38)', undefined],
	['with a poll budget (n8n 2.38+)', 60_000],
])('version 1 of both triggers emits what it emitted before, %s: same items, same fields in the same order, no Identity/Validate', async (label, budget) => {
	const outputs = await outputsOfSavedWorkflow(budget);
	expect(recorded[label]).toBeDefined();
	expect(outputs).toEqual(recorded[label]);
	// toEqual ignores key order; the JSON text does not.
	expect(JSON.stringify(outputs)).toBe(JSON.stringify(recorded[label]));
	expect(validations()).toHaveLength(0);
});

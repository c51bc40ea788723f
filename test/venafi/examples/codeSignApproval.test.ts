import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { VenafiFlowTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicket/VenafiFlowTicket.node';
import { VenafiFlowTicketTrigger } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicketTrigger/VenafiFlowTicketTrigger.node';
import { expectNoSecrets } from '../../harness/assertions';
import { expectImportable, readExample } from '../../harness/examples';
import { PollingTrigger, emitted } from '../../harness/poll';
import { runWorkflow } from '../../harness/run';
import { TPP_TOKEN } from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

/**
 * examples/venafi-codesign-approval.json: its shape as n8n imports it, and its Venafi steps run
 * with their exact parameters: the trigger polls the sandbox, then Approve or Reject runs in a
 * workflow where stand-ins take the places of the trigger and of the form (the n8n-nodes-base
 * Wait form itself runs in the real-n8n end-to-end suite), so the expressions that reach back
 * to the trigger ($('New CodeSign request').item) resolve as in n8n.
 */

const { example, byName } = readExample('venafi-codesign-approval.json');
const TRIGGER = 'New CodeSign request';
const FORM = 'Approver decides';

const tpp = useTppSandbox();
const flow = () => tpp.sandbox.tpp.flow;

/** A node that outputs what it is given (the trigger's items), paired one to one. */
function standIn(name: string, output?: IDataObject): INodeType {
	return {
		description: {
			displayName: name,
			name: `standIn${name.replace(/\W/g, '')}`,
			group: ['transform'],
			version: 1,
			description: 'Test stand-in',
			defaults: { name },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [this.getInputData().map((item, index) => ({ json: output ?? item.json, pairedItem: { item: index } }))];
		},
	};
}

async function decide(ticket: IDataObject, answer: IDataObject, step: 'Approve for one hour' | 'Reject with the reason') {
	const run = await runWorkflow({
		nodes: [
			{ name: TRIGGER, node: standIn(TRIGGER), parameters: {} },
			{ name: FORM, node: standIn(FORM, answer), parameters: {} },
			{ name: step, node: new VenafiFlowTicket(), parameters: byName(step).parameters, typeVersion: byName(step).typeVersion },
		],
		items: [ticket],
		credentials: tpp.credentials(),
	});
	expectNoSecrets(run, TPP_TOKEN);
	return run;
}

beforeEach(() => flow().reset());

test('the example is importable as is: known node types, wired nodes, the sandbox credential, no token', () => {
	expectImportable(example);
	expect(example.nodes.map((node) => node.type)).toEqual([
		'n8n-nodes-venafi-tpp.venafiFlowTicketTrigger',
		'n8n-nodes-base.set',
		'n8n-nodes-base.wait',
		'n8n-nodes-base.if',
		'n8n-nodes-venafi-tpp.venafiFlowTicket',
		'n8n-nodes-base.if',
		'n8n-nodes-venafi-tpp.venafiFlowTicket',
		'n8n-nodes-base.stickyNote',
	]);
	for (const node of example.nodes.filter((entry) => entry.type.startsWith('n8n-nodes-venafi-tpp.'))) {
		expect(node.credentials).toEqual({ venafiTppApi: { id: 'venafi-tpp-sandbox', name: 'Venafi TPP (sandbox)' } });
	}
	expect(byName(FORM).parameters).toMatchObject({ resume: 'form' });
	expect(JSON.stringify(byName('Ask the approver').parameters)).toContain('$execution.resumeFormUrl');
	expect(example.connections['Approved?'].main.map((branch) => branch[0].node)).toEqual(['Approve for one hour', 'Rejected?']);
	// A form that times out (no Decision) rejects nothing: the ticket stays pending in TPP.
	expect(example.connections['Rejected?'].main.map((branch) => branch[0]?.node)).toEqual(['Reject with the reason', undefined]);
	expect(byName('Rejected?').parameters).toMatchObject({
		conditions: { conditions: [{ leftValue: '={{ $json.Decision }}', rightValue: 'Reject' }] },
	});
	expect(JSON.stringify(example)).not.toContain(TPP_TOKEN);
});

test('a new request is emitted once by the trigger, then approved for one hour', async () => {
	const trigger = new PollingTrigger(new VenafiFlowTicketTrigger(), byName(TRIGGER).parameters, { credentials: tpp.credentials(), typeVersion: byName(TRIGGER).typeVersion });
	expect(await trigger.activate()).toBeNull();
	const id = flow().add();
	const [ticket] = emitted(await trigger.poll());
	expect(ticket).toMatchObject({ event: 'new', Id: id });
	expect(await trigger.poll()).toBeNull();

	const before = Date.now();
	const run = await decide(ticket, { Decision: 'Approve', Reason: 'Release 4.2' }, 'Approve for one hour');
	expect(run.error).toBeUndefined();
	const stored = flow().tickets.get(id)!;
	expect(stored).toMatchObject({ status: 1, comment: 'Approved in n8n: Release 4.2' });
	const expires = Date.parse(`${stored.Expires}Z`);
	expect(expires - before).toBeGreaterThan(59 * 60_000);
	expect(expires - Date.now()).toBeLessThanOrEqual(60 * 60_000 + 1000);
	expect(run.output('Approve for one hour').map((item) => item.json.TicketId)).toEqual([id]);
});

test('or rejected with the reason the approver gave (the requester may ask again)', async () => {
	const trigger = new PollingTrigger(new VenafiFlowTicketTrigger(), byName(TRIGGER).parameters, { credentials: tpp.credentials(), typeVersion: byName(TRIGGER).typeVersion });
	await trigger.activate();
	const id = flow().add();
	const [ticket] = emitted(await trigger.poll());
	const run = await decide(ticket, { Decision: 'Reject', Reason: 'Not a release branch' }, 'Reject with the reason');
	expect(run.error).toBeUndefined();
	expect(flow().tickets.get(id)).toMatchObject({ status: 2, comment: 'Not a release branch', rejectionLevel: 1 });
});

test('a request decided elsewhere meanwhile gives a clear error instead of a silent success', async () => {
	const id = flow().add();
	flow().tickets.get(id)!.status = 2;
	const run = await decide({ Id: id }, { Decision: 'Approve', Reason: '' }, 'Approve for one hour');
	expect(run.error?.message).toMatch(new RegExp(`^Venafi TPP Approve failed for ticket ${id} \\(Result 4 FailedToApproveTickets`));
});

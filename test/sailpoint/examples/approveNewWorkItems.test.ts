import type { IDataObject } from 'n8n-workflow';

import { WorkItems } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { WorkItemsTrigger } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItemsTrigger/WorkItemsTrigger.node';
import { expectNoSecrets } from '../../harness/assertions';
import { PollingTrigger, emitted } from '../../harness/poll';
import { declaredParameters, evaluateNode, expectImportable, ourNodes, readExample } from '../../harness/examples';
import { runNode } from '../../harness/run';
import { ISC_TOKEN } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/**
 * The example workflow in examples/: its shape as n8n imports it; its trigger and Work Items
 * nodes run with their exact parameters against the sandbox; the Summary node's expressions
 * (the summary line and the rule) evaluated by n8n's own expression engine on what the
 * trigger emitted. The IF node only tests the rule's boolean.
 */

const { example, byName } = readExample('sailpoint-approve-new-work-items.json');

/** Stands in for the Set nodes: resolves their expressions with n8n's engine. */
const evaluate = evaluateNode(['summary', 'routine']);

const isc = useIscSandbox();

test('the example is importable as is: known node types, wired nodes, the sandbox credential by name and id', () => {
	expectImportable(example);
	const ours = ourNodes(example);
	expect(ours.map((node) => node.type)).toEqual([
		'n8n-nodes-sailpoint-isc.workItemsTrigger',
		'n8n-nodes-sailpoint-isc.workItems',
	]);
	for (const node of ours) {
		expect(node.credentials).toEqual({ sailPointIscApi: { id: 'sailpoint-isc-sandbox', name: 'SailPoint ISC (sandbox)' } });
	}
	expect(byName('Summary').type).toBe('n8n-nodes-base.set');
	expect(byName('Routine request?').type).toBe('n8n-nodes-base.if');
	expect(example.connections['Routine request?'].main.map((branch) => branch[0].node)).toEqual(['Approve all items', 'Needs a human']);
	expect(byName('Approve all items').parameters).toMatchObject({ resource: 'workItem', operation: 'approveAll' });
	// Parameter names of our nodes are ones the nodes declare.
	const declared = declaredParameters;
	for (const name of Object.keys(byName('Approve all items').parameters)) expect(declared(new WorkItems()).has(name)).toBe(true);
	for (const name of Object.keys(byName('New work item').parameters).filter((key) => key !== 'pollTimes')) {
		expect(declared(new WorkItemsTrigger()).has(name)).toBe(true);
	}
	expect(JSON.stringify(example)).not.toContain(ISC_TOKEN);
});

test.each(['current', 'seed'] as const)('its steps (ISC answering in the %s form): the trigger emits the new work items, the rule picks the routine ones, they are approved', async (spelling) => {
	isc.sandbox.isc.spelling = spelling;
	const active = new PollingTrigger(new WorkItemsTrigger(), byName('New work item').parameters, {
		credentials: isc.credentials(),
		typeVersion: byName('New work item').typeVersion,
	});
	expect(await active.activate()).toBeNull();

	const routine = isc.sandbox.isc.addWorkItem({ approvals: 2 });
	const otherSource = isc.sandbox.isc.addWorkItem();
	(otherSource.approvalItems as Record<string, string>).application = 'Workday';
	const form = isc.sandbox.isc.addWorkItem({ type: 'FORM', approvals: 0 });
	const news = emitted(await active.poll());
	expect(news.map((item) => item.id)).toEqual([routine.id, otherSource.id, form.id]);

	const assignments = (byName('Summary').parameters.assignments as { assignments: Array<{ name: string; value: string }> }).assignments;
	const expression = (name: string) => assignments.find((entry) => entry.name === name)?.value ?? '';
	const summarized = await runNode(evaluate, { summary: expression('summary'), routine: expression('routine') }, { items: news });
	expect(summarized.error).toBeUndefined();
	const rows = summarized.items.map((item) => item.json);
	expect(rows.map((row) => row.routine)).toEqual([true, false, false]);
	expect(rows[0].summary).toBe(
		`New SailPoint work item "${routine.name}" (${spelling === 'seed' ? 'APPROVAL' : 'Approval'}) requested by ${routine.requesterDisplayName} for Jason Smith: ${routine.description}`,
	);

	const approved = await runNode(new WorkItems(), byName('Approve all items').parameters, {
		credentials: isc.credentials(),
		typeVersion: byName('Approve all items').typeVersion,
		items: rows.filter((row) => row.routine === true) as IDataObject[],
	});
	expectNoSecrets(approved, ISC_TOKEN);
	expect(approved.items.map((item) => [item.json.id, item.json.state])).toEqual([[routine.id, spelling === 'seed' ? 'FINISHED' : 'Finished']]);
	expect(isc.sandbox.isc.completedWorkItems).toContain(routine);
	expect(isc.sandbox.isc.find(otherSource.id)?.state).toBe('PENDING');
	expect(isc.sandbox.isc.find(form.id)?.state).toBe('PENDING');
	expect(await active.poll()).toBeNull();
});

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { SailPointEventTrigger } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointEventTrigger/SailPointEventTrigger.node';
import { readExample } from '../../harness/examples';
import { WebhookTrigger } from '../../harness/webhook';
import { TRIGGERS } from '../../sandbox/iscTriggers';
import { useIscSandbox } from '../context';

/**
 * examples/sailpoint-access-request-pre-approval.json: the trigger runs with the example's
 * parameters against the sandbox's trigger service; the IF condition and the Approve and Deny
 * Set nodes' expressions are evaluated by n8n's engine on the event (a stand-in node, as the
 * base nodes are not part of the unit tests), and the answer must be one ISC accepts.
 */

const { example, byName } = readExample('sailpoint-access-request-pre-approval.json');
const TRIGGER = 'Access request submitted';
const PRE_APPROVAL = 'idn:access-request-pre-approval';

const assignments = (node: string) =>
	Object.fromEntries(
		(byName(node).parameters.assignments as { assignments: Array<{ name: string; value: string }> }).assignments.map((entry) => [entry.name, entry.value]),
	);
const condition = () =>
	(byName('Low risk?').parameters.conditions as { conditions: Array<{ leftValue: string }> }).conditions[0].leftValue;

/** The IF and its two Set nodes in one: the condition picks which Set's expressions apply. */
class Decide implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Decide',
		name: 'decide',
		group: ['transform'],
		version: 1,
		description: 'Test only',
		defaults: { name: 'Decide' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: ['lowRisk', 'approveApproved', 'approveComment', 'approveApprover', 'denyApproved', 'denyComment', 'denyApprover'].map((name) => ({
			displayName: name,
			name,
			type: 'string' as const,
			default: '',
		})),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_item, index) => {
				const branch = this.getNodeParameter('lowRisk', index) === true ? 'approve' : 'deny';
				return {
					json: {
						approved: this.getNodeParameter(`${branch}Approved`, index),
						comment: this.getNodeParameter(`${branch}Comment`, index),
						approver: this.getNodeParameter(`${branch}Approver`, index),
					},
					pairedItem: { item: index },
				};
			}),
		];
	}
}

const isc = useIscSandbox({ apiVersion: 'current' });
let trigger: WebhookTrigger;

beforeEach(async () => {
	isc.sandbox.triggers.reset();
	const approve = assignments('Approve');
	const deny = assignments('Deny');
	trigger = await new WebhookTrigger({
		trigger: new SailPointEventTrigger(),
		parameters: byName(TRIGGER).parameters,
		credentials: isc.credentials(),
		downstream: [
			{
				name: 'Decide',
				node: new Decide(),
				parameters: {
					lowRisk: condition(),
					approveApproved: approve.approved,
					approveComment: approve.comment,
					approveApprover: approve.approver,
					denyApproved: deny.approved,
					denyComment: deny.comment,
					denyApprover: deny.approver,
				},
			},
		],
		triggerName: TRIGGER,
	}).start();
});
afterEach(async () => await trigger.stop());

test('shape: the trigger answers with the last node, which is Approve or Deny after the IF', () => {
	expect(byName(TRIGGER)).toMatchObject({
		type: 'n8n-nodes-sailpoint-isc.sailPointEventTrigger',
		parameters: { event: PRE_APPROVAL, respond: 'lastNode' },
		credentials: { sailPointIscApi: { id: 'sailpoint-isc-sandbox' } },
	});
	expect(example.connections[TRIGGER].main[0].map((link) => link.node)).toEqual(['Low risk?']);
	expect(example.connections['Low risk?'].main.map((branch) => branch.map((link) => link.node))).toEqual([['Approve'], ['Deny']]);
	expect(byName('Approve').parameters.includeOtherFields).toBe(false);
});

test('activating subscribes; an access profile request is passed on, one with a role is denied with the reason; deactivating unsubscribes', async () => {
	await trigger.activate();
	expect(isc.sandbox.triggers.subscriptions).toMatchObject([{ triggerId: PRE_APPROVAL, httpConfig: { httpDispatchMode: 'SYNC', httpAuthenticationType: 'BEARER_TOKEN' } }]);
	const example = TRIGGERS.find((entry) => entry.id === PRE_APPROVAL)!.exampleInput;
	const [low] = isc.sandbox.triggers.fire(PRE_APPROVAL, example);
	const [risky] = isc.sandbox.triggers.fire(PRE_APPROVAL, {
		...example,
		requestedItems: [
			{ id: 'a1', name: 'Engineering Access', type: 'ACCESS_PROFILE', operation: 'Add' },
			{ id: 'r1', name: 'Domain Admins', type: 'ROLE', operation: 'Add' },
		],
	});
	await isc.sandbox.triggers.settled();
	await trigger.idle();
	expect(low).toMatchObject({
		status: 'COMPLETED',
		output: { approved: true, comment: 'Low risk: Engineering Access (access profiles only). Passed on to the approvers.', approver: 'n8n' },
	});
	expect(risky).toMatchObject({
		status: 'COMPLETED',
		output: { approved: false, comment: 'Denied by n8n: Domain Admins (ROLE, Add) needs a request reviewed by a person.', approver: 'n8n' },
	});
	await trigger.deactivate();
	expect(isc.sandbox.triggers.subscriptions).toEqual([]);
});

import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { Operation } from '../../shared/operations';
import { routeOperation } from '../../shared/operations';
import { requestOptionsProperty } from '../../shared/requestOptions';
import { flowTicketOperations } from './actions/flowTicket';
import { searchApprovedFlowTickets, searchPendingFlowTickets } from './methods/listSearch';

const operations: Record<string, Operation> = Object.fromEntries(
	flowTicketOperations.map((operation) => [operation.option.value, operation]),
);

/**
 * Flow tickets are TPP's second approval system (CodeSign Protect signing requests, Teams
 * membership and other Flow products), with integer Ids and their own Result codes, beside
 * the workflow tickets of the Venafi Ticket node.
 */
export class VenafiFlowTicket implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Venafi Flow Ticket',
		name: 'venafiFlowTicket',
		icon: { light: 'file:../../../icons/venafi.svg', dark: 'file:../../../icons/venafi.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"approve": "Approve", "reject": "Reject", "update": "Update approval", "get": "Get tickets", "getManyPending": "Get pending tickets", "getManyApproved": "Get approved tickets", "countPending": "Count pending", "countApproved": "Count approved"}[$parameter["operation"]] }}',
		description:
			'Approve, reject and read Venafi Trust Protection Platform Flow tickets, such as CodeSign Protect signing requests',
		defaults: { name: 'Venafi Flow Ticket' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'venafiTppApi', required: true }],
		properties: [
			{
				// One resource; the list keeps the operations grouped as n8n's editor expects.
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Flow Ticket', value: 'flowTicket' }],
				default: 'flowTicket',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['flowTicket'] } },
				options: flowTicketOperations.map((operation) => operation.option),
				default: 'getManyPending',
			},
			...flowTicketOperations.flatMap((operation) => operation.description),
			requestOptionsProperty(),
		],
	};

	methods = {
		listSearch: { searchPendingFlowTickets, searchApprovedFlowTickets },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, operations);
	}
}

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { Operation } from '../../shared/operations';
import { routeOperation } from '../../shared/operations';
import * as get from './actions/get.operation';
import * as updateStatus from './actions/updateStatus.operation';

const operations: Record<string, Operation> = { get, updateStatus };

export class VenafiTicket implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Venafi Ticket',
		name: 'venafiTicket',
		icon: { light: 'file:../../../icons/venafi.svg', dark: 'file:../../../icons/venafi.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{$parameter["operation"] === "updateStatus" ? "Set status: " + $parameter["status"] : "Get details"}}',
		description: 'Read and approve or reject Venafi Trust Protection Platform workflow tickets',
		defaults: { name: 'Venafi Ticket' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'venafiTppApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Get Details',
						value: 'get',
						action: 'Get ticket details',
						description: 'Get the status, approvers and dates of a ticket (POST Workflow/Ticket/Details)',
					},
					{
						name: 'Update Status',
						value: 'updateStatus',
						action: 'Update ticket status',
						description: 'Approve, reject or schedule a ticket (POST Workflow/Ticket/UpdateStatus)',
					},
				],
				default: 'get',
			},
			...get.description,
			...updateStatus.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, operations);
	}
}

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { Operation } from '../../shared/operations';
import { routeOperation } from '../../shared/operations';
import { requestOptionsProperty } from '../../shared/requestOptions';
import * as create from './actions/ticket/create.operation';
import * as deleteTicket from './actions/ticket/delete.operation';
import * as exists from './actions/ticket/exists.operation';
import * as get from './actions/ticket/get.operation';
import * as getMany from './actions/ticket/getMany.operation';
import * as getStatus from './actions/ticket/getStatus.operation';
import * as updateStatus from './actions/ticket/updateStatus.operation';

const operations: Record<string, Operation> = {
	create,
	delete: deleteTicket,
	exists,
	get,
	getMany,
	getStatus,
	updateStatus,
};

export class VenafiTicket implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Venafi Ticket',
		name: 'venafiTicket',
		icon: { light: 'file:../../../icons/venafi.svg', dark: 'file:../../../icons/venafi.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{$parameter["operation"] === "updateStatus" ? "Set status: " + $parameter["status"] : {"create": "Create ticket", "delete": "Delete ticket", "exists": "Check ticket exists", "get": "Get details", "getMany": "Get many tickets", "getStatus": "Get status"}[$parameter["operation"]]}}',
		description: 'Find, read, create, delete and approve or reject Venafi Trust Protection Platform workflow tickets',
		defaults: { name: 'Venafi Ticket' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'venafiTppApi', required: true }],
		properties: [
			{
				// One resource today; the list keeps the operations grouped as n8n's editor expects.
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Ticket', value: 'ticket' }],
				default: 'ticket',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['ticket'] } },
				options: [
					{
						name: 'Create',
						value: 'create',
						action: 'Create a ticket',
						description: 'Start a workflow ticket for an object (POST Workflow/Ticket/Create)',
					},
					{
						name: 'Delete',
						value: 'delete',
						action: 'Delete a ticket',
						description: 'Permanently remove a ticket (POST Workflow/Ticket/Delete)',
					},
					{
						name: 'Exists',
						value: 'exists',
						action: 'Check whether a ticket exists',
						description: 'Answer true or false for a ticket GUID (POST Workflow/Ticket/Exists)',
					},
					{
						name: 'Get Details',
						value: 'get',
						action: 'Get ticket details',
						description: 'Get the status, approvers and dates of a ticket (POST Workflow/Ticket/Details)',
					},
					{
						name: 'Get Many',
						value: 'getMany',
						action: 'Get many tickets',
						description: 'Find the tickets of an object or identities, with their details (POST Workflow/Ticket/Enumerate)',
					},
					{
						name: 'Get Status',
						value: 'getStatus',
						action: 'Get ticket status',
						description: 'Get only the status of a ticket (POST Workflow/Ticket/Status)',
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
			...create.description,
			...deleteTicket.description,
			...exists.description,
			...get.description,
			...getMany.description,
			...getStatus.description,
			...updateStatus.description,
			requestOptionsProperty(),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, operations);
	}
}

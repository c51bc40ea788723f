import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { Operation } from '../../shared/operations';
import { routeOperation } from '../../shared/operations';
import { requestOptionsProperty } from '../../shared/requestOptions';
import { ISC_RATE_LIMIT, iscPacingOptions } from '../shared/rateLimit';
import * as approveAll from './actions/approveAll.operation';
import * as approveItem from './actions/approveItem.operation';
import * as complete from './actions/complete.operation';
import * as forward from './actions/forward.operation';
import * as get from './actions/get.operation';
import * as getAll from './actions/getAll.operation';
import * as getCompletedCount from './actions/getCompletedCount.operation';
import * as getCount from './actions/getCount.operation';
import * as getManyCompleted from './actions/getManyCompleted.operation';
import * as getSummary from './actions/getSummary.operation';
import * as rejectAll from './actions/rejectAll.operation';
import * as rejectItem from './actions/rejectItem.operation';
import * as submitAccountSelection from './actions/submitAccountSelection.operation';

const operations: Record<string, Operation> = {
	approveAll,
	approveItem,
	complete,
	forward,
	get,
	getAll,
	getCompletedCount,
	getCount,
	getManyCompleted,
	getSummary,
	rejectAll,
	rejectItem,
	submitAccountSelection,
};

export class WorkItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Work Items',
		name: 'workItems',
		icon: { light: 'file:../../../icons/sailpoint.svg', dark: 'file:../../../icons/sailpoint.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle:
			'={{$parameter["operation"] === "getAll" ? ($parameter["returnAll"] ? "Get all" : "Get up to " + $parameter["limit"]) : {"approveAll": "Approve all items", "approveItem": "Approve an item", "complete": "Complete", "forward": "Forward", "get": "Get", "getCompletedCount": "Count completed", "getCount": "Count open", "getManyCompleted": "Get completed", "getSummary": "Get summary", "rejectAll": "Reject all items", "rejectItem": "Reject an item", "submitAccountSelection": "Submit account selection"}[$parameter["operation"]]}}',
		description:
			'List, read, count, approve, reject, forward and complete the work items of SailPoint Identity Security Cloud (approvals, remediations, forms)',
		defaults: { name: 'Work Items' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sailPointIscApi', required: true }],
		properties: [
			{
				// One resource today; the list keeps the operations grouped as n8n's editor expects.
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Work Item', value: 'workItem' }],
				default: 'workItem',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['workItem'] } },
				options: [
					{
						name: 'Approve All',
						value: 'approveAll',
						action: 'Approve all approval items of a work item',
						description: 'Approve every approval item of a work item at once (POST /work-items/v1/bulk-approve/{ID})',
					},
					{
						name: 'Approve Item',
						value: 'approveItem',
						action: 'Approve an approval item',
						description: 'Approve one approval item of a work item (POST /work-items/v1/{ID}/approve/{approvalItemId})',
					},
					{
						name: 'Complete',
						value: 'complete',
						action: 'Complete a work item',
						description: 'Mark a work item complete (POST /work-items/v1/{ID})',
					},
					{
						name: 'Forward',
						value: 'forward',
						action: 'Forward a work item',
						description: 'Hand a work item to another identity, with a comment (POST /work-items/v1/{ID}/forward)',
					},
					{
						name: 'Get',
						value: 'get',
						action: 'Get a work item',
						description: 'Get one work item by ID (GET /work-items/v1/{ID})',
					},
					{
						name: 'Get Completed Count',
						value: 'getCompletedCount',
						action: 'Count completed work items',
						description: 'Count the completed work items of the token\'s identity or an owner (GET /work-items/v1/completed/count)',
					},
					{
						name: 'Get Count',
						value: 'getCount',
						action: 'Count work items',
						description: 'Count the open work items of the token\'s identity or an owner (GET /work-items/v1/count)',
					},
					{
						name: 'Get Many',
						value: 'getAll',
						action: 'Get many work items',
						description: 'List work items of the token\'s identity or of a given owner (GET /work-items/v1)',
					},
					{
						name: 'Get Many Completed',
						value: 'getManyCompleted',
						action: 'Get many completed work items',
						description: 'List completed work items of the token\'s identity or of a given owner (GET /work-items/v1/completed)',
					},
					{
						name: 'Get Summary',
						value: 'getSummary',
						action: 'Get a work items summary',
						description: 'Count open, completed and all work items at once (GET /work-items/v1/summary)',
					},
					{
						name: 'Reject All',
						value: 'rejectAll',
						action: 'Reject all approval items of a work item',
						description: 'Reject every approval item of a work item at once (POST /work-items/v1/bulk-reject/{ID})',
					},
					{
						name: 'Reject Item',
						value: 'rejectItem',
						action: 'Reject an approval item',
						description: 'Reject one approval item of a work item (POST /work-items/v1/{ID}/reject/{approvalItemId})',
					},
					{
						name: 'Submit Account Selection',
						value: 'submitAccountSelection',
						action: 'Submit an account selection',
						description: 'Answer an account selection form work item (POST /work-items/v1/{ID}/submit-account-selection)',
					},
				],
				default: 'getAll',
			},
			...approveAll.description,
			...approveItem.description,
			...complete.description,
			...forward.description,
			...get.description,
			...getAll.description,
			...getCompletedCount.description,
			...getCount.description,
			...getManyCompleted.description,
			...getSummary.description,
			...rejectAll.description,
			...rejectItem.description,
			...submitAccountSelection.description,
			requestOptionsProperty(iscPacingOptions),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, operations, ISC_RATE_LIMIT);
	}
}

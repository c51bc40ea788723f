import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { Operation } from '../../shared/operations';
import { routeOperation } from '../../shared/operations';
import { requestOptionsProperty } from '../../shared/requestOptions';
import { ISC_RATE_LIMIT, iscPacingOptions } from '../shared/rateLimit';
import * as getAll from './actions/getAll.operation';

const operations: Record<string, Operation> = { getAll };

export class WorkItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Work Items',
		name: 'workItems',
		icon: { light: 'file:../../../icons/sailpoint.svg', dark: 'file:../../../icons/sailpoint.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["returnAll"] ? "Get all" : "Get up to " + $parameter["limit"]}}',
		description: 'List the work items of SailPoint Identity Security Cloud (approvals, remediations, forms)',
		defaults: { name: 'Work Items' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sailPointIscApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Get Many',
						value: 'getAll',
						action: 'Get many work items',
						description: 'List work items of the token\'s identity or of a given owner (GET /v3/work-items)',
					},
				],
				default: 'getAll',
			},
			...getAll.description,
			requestOptionsProperty(iscPacingOptions),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, operations, ISC_RATE_LIMIT);
	}
}

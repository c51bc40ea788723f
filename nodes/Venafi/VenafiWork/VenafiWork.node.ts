import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { Operation } from '../../shared/operations';
import { routeOperation } from '../../shared/operations';
import { requestOptionsProperty } from '../../shared/requestOptions';
import * as getAll from './actions/work/getAll.operation';

const operations: Record<string, Operation> = { getAll };

export class VenafiWork implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Venafi Work',
		name: 'venafiWork',
		icon: { light: 'file:../../../icons/venafi.svg', dark: 'file:../../../icons/venafi.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["workType"] ? $parameter["workType"] : "All work"}}',
		description: 'List the agent work (upgrade, configuration, discovery, provisioning) of Venafi Trust Protection Platform',
		defaults: { name: 'Venafi Work' },
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
						name: 'Get Many',
						value: 'getAll',
						action: 'Get many agent work entries',
						description: 'List the work that applies to groups of agents (GET Client/Work)',
					},
				],
				default: 'getAll',
			},
			...getAll.description,
			requestOptionsProperty(),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, operations);
	}
}

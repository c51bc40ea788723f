import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readRequestOptions } from '../../shared/requestOptions';
import type { ItemResult } from '../../shared/runItems';
import { runPerItem } from '../../shared/runItems';
import { ISC_RATE_LIMIT } from '../shared/rateLimit';

/**
 * Each `actions/<resource>/<operation>.operation.ts` exports its `option` (as the Operation
 * list shows it), its parameters (`description`, without display options), whether it may be
 * repeated (`idempotent`) and `execute` for one input item; `actions/<resource>/index.ts` lists
 * them. The node's parameters and router are derived from those lists.
 */

export interface OperationOption {
	name: string;
	/** The saved value: public API, never renamed. */
	value: string;
	action: string;
	description: string;
}

export interface ApprovalOperation {
	option: OperationOption;
	/**
	 * Whether sending it twice leaves the same result as once. Decisions are not: they are sent
	 * with retrySafe false (no repeat after a 5xx or a dropped connection).
	 */
	idempotent: boolean;
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult>;
}

export interface ApprovalResource {
	name: string;
	value: string;
	operations: readonly ApprovalOperation[];
	defaultOperation: string;
}

export function resourceProperties(resources: readonly ApprovalResource[]): INodeProperties[] {
	const firstResource = resources[0].value;
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map(({ name, value }) => ({ name, value })),
			default: firstResource,
		},
		...resources.flatMap((resource) => {
			const operations = [...resource.operations].sort((a, b) => a.option.name.localeCompare(b.option.name));
			const defaultOperation = resource.defaultOperation;
			return [
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					noDataExpression: true,
					displayOptions: { show: { resource: [resource.value] } },
					options: operations.map(({ option }) => ({ ...option })),
					default: defaultOperation,
				} as INodeProperties,
				...operations.flatMap((operation) =>
					updateDisplayOptions({ show: { resource: [resource.value], operation: [operation.option.value] } }, operation.description),
				),
			];
		}),
	];
}

/** The node's subtitle: the chosen operation's name, per resource. */
export function operationSubtitle(resources: readonly ApprovalResource[]): string {
	const names = Object.fromEntries(
		resources.map((resource) => [resource.value, Object.fromEntries(resource.operations.map(({ option }) => [option.value, `${resource.name}: ${option.name}`]))]),
	);
	return `={{ (${JSON.stringify(names)}[$parameter["resource"]] || {})[$parameter["operation"]] }}`;
}

export async function routeApprovalOperation(
	context: IExecuteFunctions,
	resources: readonly ApprovalResource[],
): Promise<INodeExecutionData[][]> {
	const resourceName = context.getNodeParameter('resource', 0, resources[0].value) as string;
	const name = context.getNodeParameter('operation', 0) as string;
	const resource = resources.find((entry) => entry.value === resourceName);
	const operation = resource?.operations.find((entry) => entry.option.value === name);
	if (!operation) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${name}" is not known for the resource "${resourceName}"; choose one of: ${(resource?.operations ?? [])
				.map(({ option }) => option.value)
				.join(', ')}`,
		);
	}
	return await runPerItem(
		context,
		async (itemIndex) => await operation.execute.call(context, itemIndex),
		readRequestOptions(context, ISC_RATE_LIMIT),
	);
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemResult } from './runItems';
import { readRequestOptions, type RateLimitDefaults } from './requestOptions';
import { runPerItem } from './runItems';

/**
 * What each `actions/<operation>.operation.ts` file exports: its parameters and what it does
 * for one input item. Nodes route to it through `routeOperation`.
 */
export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult>;
}

export async function routeOperation(
	context: IExecuteFunctions,
	operations: Record<string, Operation>,
	rateLimit?: RateLimitDefaults,
): Promise<INodeExecutionData[][]> {
	const name = context.getNodeParameter('operation', 0) as string;
	const operation = Object.prototype.hasOwnProperty.call(operations, name) ? operations[name] : undefined;
	if (!operation) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${name}" is not known to this node; choose one of: ${Object.keys(operations).join(', ')}`,
		);
	}
	return await runPerItem(
		context,
		async (itemIndex) => await operation.execute.call(context, itemIndex),
		readRequestOptions(context, rateLimit),
	);
}

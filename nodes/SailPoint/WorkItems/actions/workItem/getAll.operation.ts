import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { listingFields } from '../../../descriptions/workItemFields';
import { listWorkItems } from '../../../helpers/workItems';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many work items',
	description: "List work items of the token's identity or of a given owner (GET /work-items/v1)",
};

export const subtitle = {
	expression: '$parameter["returnAll"] ? "Get all" : "Get up to " + $parameter["limit"]',
};

/** A read. */
export const idempotent = true;

export const description: INodeProperties[] = listingFields('work items');

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	return await listWorkItems(this, connection, itemIndex, 'work-items');
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { listingFields } from '../../../descriptions/workItemFields';
import { listWorkItems, simplifyWorkItem } from '../../../helpers/workItems';
import { simplifyField } from '../../../../shared/versions';

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

export const description: INodeProperties[] = [
	...listingFields('work items'),
	...simplifyField('work item'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const items = await listWorkItems(this, connection, itemIndex, 'work-items');
	return this.getNodeParameter('simplify', itemIndex, false) === true
		? items.map(simplifyWorkItem)
		: items;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { listingFields } from '../../../descriptions/workItemFields';
import { listWorkItems, simplifyWorkItem } from '../../../helpers/workItems';
import { simplifyField } from '../../../../shared/versions';

export const option: OperationOption = {
	name: 'Get Many Completed',
	value: 'getManyCompleted',
	action: 'Get many completed work items',
	description:
		"List completed work items of the token's identity or of a given owner (GET /work-items/v1/completed)",
};

export const subtitle = 'Get completed';

/** A read. */
export const idempotent = true;

export const description: INodeProperties[] = [
	...listingFields('completed work items'),
	...simplifyField('work item'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const items = await listWorkItems(this, connection, itemIndex, 'work-items/completed');
	return this.getNodeParameter('simplify', itemIndex, false) === true
		? items.map(simplifyWorkItem)
		: items;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { simplifyField } from '../../../../shared/versions';
import { workItemListingFields } from '../../../descriptions/workItemFields';
import { listWorkItems, simplifyWorkItem } from './common';

export const option: OperationOption = {
	name: 'Get Many Completed',
	value: 'getManyCompleted',
	action: 'Get many completed work items',
	description:
		'Lists SailPoint work items that are finished. Use it to review past decisions. Inputs: Return All or Limit; Owner ID filter optional. Returns one item per completed work item. Read only.',
};

export const subtitle = 'Get completed';

/** A read. */
export const idempotent = true;

export const description: INodeProperties[] = [
	...workItemListingFields('completed work items'),
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

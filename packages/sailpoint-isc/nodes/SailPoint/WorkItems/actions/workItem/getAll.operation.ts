import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { simplifyField } from '../../../../shared/versions';
import { workItemListingFields } from '../../../descriptions/workItemFields';
import { listWorkItems, simplifyWorkItem } from './common';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many work items',
	description:
		"Lists SailPoint work items (approvals, remediations, forms waiting for someone). Use it to find what waits for a decision. Inputs: Return All or Limit; Owner ID filter optional (another owner's needs an admin). Returns one item per work item: ID, name, type, state, requester, requested for, created, approval items. Read only.",
};

export const subtitle = {
	expression: '$parameter["returnAll"] ? "Get all" : "Get up to " + $parameter["limit"]',
};

/** A read. */
export const idempotent = true;

export const description: INodeProperties[] = [
	...workItemListingFields('work items'),
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

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { workItemIdField, approvalItemIdField } from '../../../descriptions/workItemFields';
import { decideItem } from './decide';

export const option: OperationOption = {
	name: 'Approve Item',
	value: 'approveItem',
	action: 'Approve one item of a work item',
	description:
		"Approves one approval item (one access asked for) of a SailPoint work item. Use it once the decision on that item is known. Inputs: Work Item ID, Approval Item ID (from the work item's approval items). Returns the work item. Changes the work item: the decision cannot be undone.",
};

export const subtitle = 'Approve an item';

/** Not idempotent: repeated after a 5xx or a dropped connection, the decision may be applied twice. */
export const idempotent = false;

export const description: INodeProperties[] = [workItemIdField, approvalItemIdField];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	return await decideItem(this, itemIndex, connection, 'approve');
}

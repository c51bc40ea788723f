import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { workItemIdField } from '../../../descriptions/workItemFields';
import { decideAll } from './decide';

export const option: OperationOption = {
	name: 'Reject All',
	value: 'rejectAll',
	action: 'Reject all items of a work item',
	description:
		'Rejects every approval item of a SailPoint work item at once. Use it when one decision covers the whole request. Input: Work Item ID. Returns the work item. Changes the work item: the decision cannot be undone.',
};

export const subtitle = 'Reject all items';

/** Not idempotent: repeated after a 5xx or a dropped connection, the decision may be applied twice. */
export const idempotent = false;

export const description: INodeProperties[] = [workItemIdField];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	return await decideAll(this, itemIndex, connection, 'reject');
}

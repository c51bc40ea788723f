import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import {
	approvalItemIdOf,
	callWorkItem,
	workItemIdOf,
	workItemPath,
	writeResult,
} from '../../../helpers/workItems';
import { approvalItemIdField, workItemIdField } from '../../../descriptions/workItemFields';

export const option: OperationOption = {
	name: 'Reject Item',
	value: 'rejectItem',
	action: 'Reject an approval item',
	description:
		'Reject one approval item of a work item (POST /work-items/v1/{ID}/reject/{approvalItemId})',
};

export const subtitle = 'Reject an item';

/** Not idempotent: repeated after a 5xx or a dropped connection, the action may be applied twice. */
export const idempotent = false;

export const description: INodeProperties[] = [workItemIdField, approvalItemIdField];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const workItemId = workItemIdOf(this, itemIndex);
	const approvalItemId = approvalItemIdOf(this, itemIndex);
	const answer = await callWorkItem(connection, {
		method: 'POST',
		endpoint: workItemPath(workItemId, 'reject', approvalItemId),
		itemIndex,
		workItemId,
		approvalItemId,
	});
	return writeResult(answer, { id: workItemId, approvalItemId, operation: 'rejectItem' });
}

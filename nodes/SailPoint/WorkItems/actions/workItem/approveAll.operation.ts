import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { callWorkItem, workItemIdOf, writeResult } from '../../../helpers/workItems';
import { workItemIdField } from '../../../descriptions/workItemFields';

export const option: OperationOption = {
	name: 'Approve All',
	value: 'approveAll',
	action: 'Approve all approval items of a work item',
	description:
		'Approve every approval item of a work item at once (POST /work-items/v1/bulk-approve/{ID})',
};

export const subtitle = 'Approve all items';

/** Not idempotent: repeated after a 5xx or a dropped connection, the action may be applied twice. */
export const idempotent = false;

export const description: INodeProperties[] = [workItemIdField];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const workItemId = workItemIdOf(this, itemIndex);
	const answer = await callWorkItem(connection, {
		method: 'POST',
		endpoint: `work-items/bulk-approve/${encodeURIComponent(workItemId)}`,
		itemIndex,
		workItemId,
	});
	return writeResult(answer, { id: workItemId, operation: 'approveAll' });
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { callWorkItem, workItemIdOf, writeResult } from './common';
import { workItemPath } from '../../../transport/apiPaths';
import { workItemIdField } from '../../../descriptions/workItemFields';

export const option: OperationOption = {
	name: 'Complete',
	value: 'complete',
	action: 'Complete a work item',
	description:
		'Marks a SailPoint work item as complete. Use it when the task behind it is done. Input: Work Item ID. Returns the work item. Changes the work item: completing it cannot be undone.',
};

export const subtitle = 'Complete';

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
		endpoint: workItemPath(workItemId),
		itemIndex,
		workItemId,
	});
	return writeResult(answer, { id: workItemId, operation: 'complete' });
}

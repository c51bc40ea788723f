import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { approvalItemIdOf, callWorkItem, workItemIdOf, workItemPath, writeResult } from '../../../helpers/workItemRequests';
import { approvalItemIdField, workItemIdField } from '../../../descriptions/workItemFields';

export const description: INodeProperties[] = [workItemIdField(['approveItem']), approvalItemIdField(['approveItem'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const workItemId = workItemIdOf(this, itemIndex);
	const approvalItemId = approvalItemIdOf(this, itemIndex);
	const answer = await callWorkItem(this, {
		method: 'POST',
		endpoint: workItemPath(workItemId, 'approve', approvalItemId),
		itemIndex,
		workItemId,
		approvalItemId,
	});
	return writeResult(answer, { id: workItemId, approvalItemId, operation: 'approveItem' });
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callWorkItem, workItemIdOf, writeResult } from '../../../helpers/workItemRequests';
import { workItemIdField } from '../../../descriptions/workItemFields';

export const description: INodeProperties[] = [workItemIdField(['approveAll'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const workItemId = workItemIdOf(this, itemIndex);
	const answer = await callWorkItem(this, {
		method: 'POST',
		endpoint: `work-items/bulk-approve/${encodeURIComponent(workItemId)}`,
		itemIndex,
		workItemId,
	});
	return writeResult(answer, { id: workItemId, operation: 'approveAll' });
}

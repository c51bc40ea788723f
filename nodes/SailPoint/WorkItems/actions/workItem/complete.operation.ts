import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callWorkItem, workItemIdOf, workItemPath, writeResult } from '../../../helpers/workItemRequests';
import { workItemIdField } from '../../../descriptions/workItemFields';

export const description: INodeProperties[] = [workItemIdField(['complete'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const workItemId = workItemIdOf(this, itemIndex);
	const answer = await callWorkItem(this, { method: 'POST', endpoint: workItemPath(workItemId), itemIndex, workItemId });
	return writeResult(answer, { id: workItemId, operation: 'complete' });
}

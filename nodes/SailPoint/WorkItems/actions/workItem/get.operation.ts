import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiError } from '../../../../shared/errors';
import { callWorkItem, workItemIdOf, workItemPath } from '../../../helpers/workItemRequests';
import { workItemIdField } from '../../../descriptions/workItemFields';

export const description: INodeProperties[] = [workItemIdField(['get'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const workItemId = workItemIdOf(this, itemIndex);
	const workItem = await callWorkItem(this, { method: 'GET', endpoint: workItemPath(workItemId), itemIndex, workItemId });
	if (workItem === undefined) {
		throw apiError(this.getNode(), { message: `SailPoint ISC answered work item "${workItemId}" with an empty body`, itemIndex });
	}
	return workItem;
}

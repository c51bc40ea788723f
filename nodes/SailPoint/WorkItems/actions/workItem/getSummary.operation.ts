import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readCounts } from '../../../helpers/counts';
import { ownerFilterField } from '../../../descriptions/workItemFields';

export const description: INodeProperties[] = [ownerFilterField(['getSummary'], 'work items')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	// ISC's WorkItemsSummary: open, completed and total counts.
	const { open, completed, total } = await readCounts(this, itemIndex, 'work-items/summary', ['open', 'completed', 'total']);
	return { open, completed, total };
}

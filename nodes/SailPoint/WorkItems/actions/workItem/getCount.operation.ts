import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readCounts } from '../../../helpers/counts';
import { ownerFilterField } from '../../../descriptions/workItemFields';

export const description: INodeProperties[] = [ownerFilterField(['getCount'], 'open work items')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { count } = await readCounts(this, itemIndex, 'work-items/count', ['count']);
	return { count };
}

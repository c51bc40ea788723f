import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listingDescription, listWorkItems } from '../../../helpers/listing';

export const description: INodeProperties[] = listingDescription('getManyCompleted', { what: 'completed work items' });

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listWorkItems(this, itemIndex, 'work-items/completed');
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { readCounts } from './common';
import { ownerFilters } from '../../../descriptions/workItemFields';

export const option: OperationOption = {
	name: 'Get Count',
	value: 'getCount',
	action: 'Count open work items',
	description:
		'Counts SailPoint work items not yet finished. Input: Owner ID filter optional. Returns count. Read only.',
};

export const subtitle = 'Count open';

/** A read. */
export const idempotent = true;

export const description: INodeProperties[] = [ownerFilters('count', 'open work items')];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const { count } = await readCounts(this, connection, itemIndex, 'work-items/count', ['count']);
	return { count };
}

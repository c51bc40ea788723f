import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { readCounts } from './common';
import { ownerFilters } from '../../../descriptions/workItemFields';

export const option: OperationOption = {
	name: 'Get Completed Count',
	value: 'getCompletedCount',
	action: 'Count completed work items',
	description:
		'Counts finished SailPoint work items. Input: Owner ID filter optional. Returns count. Read only.',
};

export const subtitle = 'Count completed';

/** A read. */
export const idempotent = true;

export const description: INodeProperties[] = [ownerFilters('count', 'completed work items')];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const { count } = await readCounts(this, connection, itemIndex, 'work-items/completed/count', [
		'count',
	]);
	return { count };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { readCounts } from './common';
import { ownerFilters } from '../../../descriptions/workItemFields';

export const option: OperationOption = {
	name: 'Get Summary',
	value: 'getSummary',
	action: 'Get a work item summary',
	description:
		'Counts open, completed and all SailPoint work items at once. Input: Owner ID filter optional. Returns open, completed and total. Read only.',
};

export const subtitle = 'Get summary';

/** A read. */
export const idempotent = true;

export const description: INodeProperties[] = [ownerFilters('count', 'work items')];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	// ISC's WorkItemsSummary: open, completed and total counts.
	const { open, completed, total } = await readCounts(
		this,
		connection,
		itemIndex,
		'work-items/summary',
		['open', 'completed', 'total'],
	);
	return { open, completed, total };
}

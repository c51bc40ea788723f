import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { countTickets } from './common';

export const option: OperationOption = {
	name: 'Count Approved',
	value: 'countApproved',
	action: 'Count approved Flow tickets',
	description:
		'Counts the approved Venafi Flow tickets. No input. Returns Count and status approved. Read only.',
};

export const subtitle = 'Count approved';

/** A read (Flow calls are POSTs that change nothing here). */
export const idempotent = true;

/** No parameters: TPP's CountApproved takes none. */
export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	return await countTickets(itemIndex, connection, 'approved', option.name);
}

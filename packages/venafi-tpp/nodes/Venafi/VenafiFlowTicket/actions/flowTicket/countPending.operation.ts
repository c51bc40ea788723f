import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { countTickets } from './common';

export const option: OperationOption = {
	name: 'Count Pending',
	value: 'countPending',
	action: 'Count pending Flow tickets',
	description:
		'Counts the Venafi Flow tickets waiting for your approval. Use it for a quick number; Get Many Pending lists them. No input. Returns Count and status pending. Read only.',
};

export const subtitle = 'Count pending';

/** A read (Flow calls are POSTs that change nothing here). */
export const idempotent = true;

/** No parameters: TPP's Count takes none. */
export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	return await countTickets(itemIndex, connection, 'pending', option.name);
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { countFlowTickets } from '../../../helpers/flowTickets';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';

export const option: OperationOption = {
	name: 'Count Pending',
	value: 'countPending',
	action: 'Count the Flow tickets waiting for approval; returns the count. Read only',
	description:
		'Counts the Venafi Flow tickets waiting for your approval. Use it for a quick number; Get Many Pending lists them. No input. Returns Count and status pending. Read only.',
};

export const subtitle = 'Count pending';

/** A read (Flow calls are POSTs that change nothing here). */
export const idempotent = true;

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	return {
		Count: await countFlowTickets(connection, 'pending', option.name, itemIndex),
		status: 'Pending',
	};
}

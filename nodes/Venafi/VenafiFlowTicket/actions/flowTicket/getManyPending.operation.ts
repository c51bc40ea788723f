import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listFlowTickets } from '../../../helpers/flowTickets';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { listingFields, readListing } from '../../helpers';

export const option: OperationOption = {
	name: 'Get Many Pending',
	value: 'getManyPending',
	action: 'Get many pending Flow tickets',
	description:
		'List the Flow tickets (e.g. CodeSign Protect signing requests) waiting for your approval (POST Flow/Tickets/Enumerate)',
};

export const subtitle = 'Get pending tickets';

/** A read (Flow calls are POSTs that change nothing here). */
export const idempotent = true;

export const description: INodeProperties[] = listingFields(option.value);

/** One output item per pending ticket. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	return await listFlowTickets(
		connection,
		'pending',
		readListing(this, itemIndex),
		option.name,
		itemIndex,
	);
}

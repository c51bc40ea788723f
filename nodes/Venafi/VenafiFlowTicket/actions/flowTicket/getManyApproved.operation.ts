import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listFlowTickets } from '../../../helpers/flowTickets';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { listingFields, readListing } from '../../helpers';

export const option: OperationOption = {
	name: 'Get Many Approved',
	value: 'getManyApproved',
	action: 'Get many approved Flow tickets',
	description:
		'List approved Flow tickets, with their remaining uses (POST Flow/Tickets/EnumerateApproved)',
};

export const subtitle = 'Get approved tickets';

/** A read (Flow calls are POSTs that change nothing here). */
export const idempotent = true;

export const description: INodeProperties[] = listingFields(option.value);

/** One output item per approved ticket. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	return await listFlowTickets(
		connection,
		'approved',
		readListing(this, itemIndex),
		option.name,
		itemIndex,
	);
}

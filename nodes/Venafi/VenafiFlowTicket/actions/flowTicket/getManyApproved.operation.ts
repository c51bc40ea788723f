import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listFlowTickets } from '../../../helpers/flowTickets';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { listingFields, readListing } from '../../helpers';

export const option: OperationOption = {
	name: 'Get Many Approved',
	value: 'getManyApproved',
	action:
		'Get many approved Flow tickets; returns one item per ticket with its remaining uses and time window. Read only',
	description:
		'Lists the approved Venafi Flow tickets. Use it to review what is allowed and for how long. Inputs: Return All or Limit; Product Code filter optional. Returns one item per ticket with its ID, remaining uses, Not Before and Expires. Read only.',
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

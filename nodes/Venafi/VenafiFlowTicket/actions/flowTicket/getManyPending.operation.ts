import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listFlowTickets } from '../../../helpers/flowTickets';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { listingFields, readListing } from '../../helpers';

export const option: OperationOption = {
	name: 'Get Many Pending',
	value: 'getManyPending',
	action:
		'Get many pending Flow tickets (e.g. CodeSign Protect signing requests) waiting for approval; returns one item per ticket. Read only',
	description:
		'Lists the Venafi Flow tickets waiting for your approval, such as CodeSign Protect requests to use a signing key. Use it to find what needs a decision. Inputs: Return All or Limit; Product Code filter optional. Returns one item per ticket: ID, product, requester, object, reason, approvers and approvals. Read only.',
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

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { flowTicketListingFields } from '../../../descriptions/flowTicketFields';
import { listTickets } from './common';

export const option: OperationOption = {
	name: 'Get Many Pending',
	value: 'getManyPending',
	action: 'Get many pending Flow tickets',
	description:
		'Lists the Venafi Flow tickets waiting for your approval, such as CodeSign Protect requests to use a signing key. Use it to find what needs a decision. Inputs: Return All or Limit; Product Code filter optional. Returns one item per ticket: ID, product, requester, object, reason, approvers and approvals. Read only.',
	descriptionFrom: {
		version: 3,
		description:
			'Lists the Venafi Flow tickets waiting for your approval, such as CodeSign Protect requests to use a signing key. Use it to find what needs a decision. Inputs: Return All or Limit; Product Code filter optional. Returns one item per ticket: ID, product, requester (ID and name), object, reason, approvers (IDs and names) and approvals (who approved, with names). Read only.',
	},
};

export const subtitle = 'Get pending tickets';

/** A read (Flow calls are POSTs that change nothing here). */
export const idempotent = true;

/** Return All, Limit, and Filters with Product Code. */
export const description: INodeProperties[] = flowTicketListingFields(option.value);

/** One output item per pending ticket (Enumerate). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	return await listTickets(this, itemIndex, connection, 'pending', option.name);
}

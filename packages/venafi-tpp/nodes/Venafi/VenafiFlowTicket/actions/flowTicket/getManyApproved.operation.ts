import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { flowTicketListingFields } from '../../../descriptions/flowTicketFields';
import { listTickets } from './common';

export const option: OperationOption = {
	name: 'Get Many Approved',
	value: 'getManyApproved',
	action: 'Get many approved Flow tickets',
	description:
		'Lists the approved Venafi Flow tickets. Use it to review what is allowed and for how long. Inputs: Return All or Limit; Product Code filter optional. Returns one item per ticket with its ID, remaining uses, Not Before and Expires. Read only.',
	descriptionFrom: {
		version: 3,
		description:
			'Lists the approved Venafi Flow tickets. Use it to review what is allowed and for how long. Inputs: Return All or Limit; Product Code filter optional. Returns one item per ticket with its ID, remaining uses, Not Before and Expires, and who asked, the approvers and who approved, each by ID and name. Read only.',
	},
};

export const subtitle = 'Get approved tickets';

/** A read (Flow calls are POSTs that change nothing here). */
export const idempotent = true;

/** Return All, Limit, and Filters with Product Code. */
export const description: INodeProperties[] = flowTicketListingFields(option.value);

/** One output item per approved ticket (EnumerateApproved). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	return await listTickets(this, itemIndex, connection, 'approved', option.name);
}

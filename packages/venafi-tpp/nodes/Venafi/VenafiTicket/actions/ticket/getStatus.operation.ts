import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { refreshOnlyOptions, ticketGuidField } from '../../../descriptions/ticketFields';
import { requireTicketSuccess } from '../../../helpers/resultCodes';
import { postForTicket } from '../../../helpers/tickets';

export const option: OperationOption = {
	name: 'Get Status',
	value: 'getStatus',
	action: 'Get ticket status',
	description:
		'Reads only the status of a Venafi workflow ticket (Pending, Approved, Approved After, Approved Between, Rejected). Use it for a quick check; Get Details gives the whole ticket. Input: Ticket GUID. Returns the GUID and the status. Read only.',
};

export const subtitle = 'Get status';

/** A read. */
export const idempotent = true;

export const description: INodeProperties[] = [ticketGuidField, refreshOnlyOptions];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const { guid, body } = await postForTicket(this, connection, itemIndex, 'Workflow/Ticket/Status');
	const result = requireTicketSuccess(this.getNode(), body, 'Get Status', guid, itemIndex);
	return { GUID: guid, Status: result.Status ?? null };
}

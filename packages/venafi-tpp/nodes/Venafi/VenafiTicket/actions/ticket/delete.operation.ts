import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { ticketGuidField } from '../../../descriptions/ticketFields';
import { postForTicket } from '../../../helpers/tickets';
import { requireTicketSuccess } from '../../../helpers/resultCodes';

export const option: OperationOption = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a ticket',
	description:
		'Removes a Venafi workflow ticket. Use it only when asked to delete that ticket. Input: Ticket GUID. Returns the GUID and deleted: true. Changes TPP: the ticket is deleted and this cannot be undone.',
};

export const subtitle = 'Delete ticket';

/** Deleting twice leaves the ticket as gone as deleting once. */
export const idempotent = true;

export const description: INodeProperties[] = [
	{
		...ticketGuidField,
		hint: "Deleting is permanent. TPP advises updating the ticket's status first (Update Status), so the certificate is not left waiting on a ticket that is gone.",
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const { guid, body } = await postForTicket(this, connection, itemIndex, 'Workflow/Ticket/Delete');
	requireTicketSuccess(this.getNode(), body, 'Delete', guid, itemIndex);
	return { GUID: guid, deleted: true };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { requireGuid } from '../../../../shared/validation';
import { ticketGuidField } from '../../../descriptions/ticketFields';
import { requireTicketSuccess } from '../../../helpers/resultCodes';
import { tppRequest } from '../../../transport';

export const option: OperationOption = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a ticket',
	description: 'Permanently remove a ticket (POST Workflow/Ticket/Delete)',
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
	const guid = requireGuid(this.getNode(), this.getNodeParameter('guid', itemIndex), 'Ticket GUID', itemIndex);
	const response = await tppRequest(connection, {
		method: 'POST',
		endpoint: 'Workflow/Ticket/Delete',
		body: { GUID: guid },
		itemIndex,
	});
	requireTicketSuccess(this.getNode(), response.body, 'Delete', guid, itemIndex);
	return { GUID: guid, deleted: true };
}

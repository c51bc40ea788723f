import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireGuid } from '../../../../shared/validation';
import { requireTicketSuccess } from '../../../helpers/resultCodes';
import { tppRequest } from '../../../transport/index';
import { ticketGuidField } from '../../../descriptions/ticketFields';

export const description: INodeProperties[] = [
	{
		...ticketGuidField(['delete']),
		hint: 'Deleting is permanent. TPP advises updating the ticket\'s status first (Update Status), so the certificate is not left waiting on a ticket that is gone.',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const guid = requireGuid(this.getNode(), this.getNodeParameter('guid', itemIndex), 'Ticket GUID', itemIndex);
	const response = await tppRequest(this, {
		method: 'POST',
		endpoint: 'Workflow/Ticket/Delete',
		body: { GUID: guid },
		itemIndex,
	});
	requireTicketSuccess(this.getNode(), response.body, 'Delete', guid, itemIndex);
	return { GUID: guid, deleted: true };
}

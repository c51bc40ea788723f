import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireGuid } from '../../../../shared/validation';
import { requireTicketSuccess } from '../../../helpers/resultCodes';
import { convertTppDates } from '../../../helpers/tppDates';
import { tppRequest } from '../../../transport/index';
import { ticketGuidField } from '../../../descriptions/ticketFields';

export const description: INodeProperties[] = [ticketGuidField(['get'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const guid = requireGuid(this.getNode(), this.getNodeParameter('guid', itemIndex), 'Ticket GUID', itemIndex);
	const response = await tppRequest(this, {
		method: 'POST',
		endpoint: 'Workflow/Ticket/Details',
		body: { GUID: guid },
		itemIndex,
	});
	const details = requireTicketSuccess(this.getNode(), response.body, 'Get Details', guid, itemIndex);
	// The response does not repeat the GUID; adding it lets the next node act on this ticket.
	return { GUID: guid, ...convertTppDates(details) };
}

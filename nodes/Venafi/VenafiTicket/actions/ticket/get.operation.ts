import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { refreshOnlyOptions, ticketGuidField } from '../../../descriptions/ticketFields';
import { requireTicketSuccess } from '../../../helpers/resultCodes';
import { postForTicket } from '../../../helpers/tickets';
import { convertTppDates } from '../../../helpers/tppDates';
import { simplifyTicket } from '../../../helpers/simplify';
import { simplifyField } from '../../../../shared/versions';

export const option: OperationOption = {
	name: 'Get Details',
	value: 'get',
	action: 'Get ticket details',
	description: 'Get the status, approvers and dates of a ticket (POST Workflow/Ticket/Details)',
};

export const subtitle = 'Get details';

/** A read. */
export const idempotent = true;

export const description: INodeProperties[] = [
	ticketGuidField,
	...simplifyField('ticket'),
	refreshOnlyOptions,
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const { guid, body } = await postForTicket(
		this,
		connection,
		itemIndex,
		'Workflow/Ticket/Details',
	);
	const details = requireTicketSuccess(this.getNode(), body, 'Get Details', guid, itemIndex);
	// The response does not repeat the GUID; adding it lets the next node act on this ticket.
	const ticket = { GUID: guid, ...convertTppDates(details) };
	return this.getNodeParameter('simplify', itemIndex, false) === true
		? simplifyTicket(ticket)
		: ticket;
}

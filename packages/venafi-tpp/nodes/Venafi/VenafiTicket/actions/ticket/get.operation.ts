import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { refreshOnlyOptions, ticketGuidField } from '../../../descriptions/ticketFields';
import { requireTicketSuccess } from '../../../helpers/resultCodes';
import { postForTicket } from '../../../helpers/tickets';
import { convertTppDates } from '../../../helpers/tppDates';
import { simplifyTicket } from '../../../helpers/simplify';
import { simplifyField } from '../../../../shared/versions';
import { withApproverNames } from '../../../helpers/ticketOutputs';

export const option: OperationOption = {
	name: 'Get Details',
	value: 'get',
	action: 'Get ticket details',
	description:
		'Reads one Venafi workflow ticket (an approval that holds a certificate or other object). Use it to check a ticket before deciding on it. Input: Ticket GUID, e.g. af415f09-d487-43de-ba2e-f61d089b4e68. Returns the ticket: GUID, status, the object it holds (DN), approvers, reason, explanation, created and updated times. Read only.',
	descriptionFrom: {
		version: 4,
		description:
			'Reads one Venafi workflow ticket (an approval that holds a certificate or other object). Use it to check a ticket before deciding on it. Input: Ticket GUID, e.g. af415f09-d487-43de-ba2e-f61d089b4e68. Returns the ticket: GUID, status, the object it holds (DN), approvers (IDs and names), reason, explanation, created and updated times. Read only.',
	},
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
	const ticket = await withApproverNames(
		this,
		connection,
		{ GUID: guid, ...convertTppDates(details) },
		itemIndex,
	);
	return this.getNodeParameter('simplify', itemIndex, false) === true
		? simplifyTicket(ticket)
		: ticket;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { refreshOnlyOptions, ticketGuidField } from '../../../descriptions/ticketFields';
import { requireTicketSuccess, TICKET_DOES_NOT_EXIST } from '../../../helpers/resultCodes';
import { postForTicket } from '../../../helpers/tickets';

export const option: OperationOption = {
	name: 'Exists',
	value: 'exists',
	action: 'Check whether a ticket exists',
	description:
		'Checks whether TPP knows a workflow ticket. Use it before acting on a GUID that may be stale. Input: Ticket GUID. Returns the GUID and exists: true or false (an unknown ticket is false, not an error). Read only.',
};

export const subtitle = 'Check ticket exists';

/** A read. */
export const idempotent = true;

export const description: INodeProperties[] = [ticketGuidField, refreshOnlyOptions];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const { guid, body } = await postForTicket(this, connection, itemIndex, 'Workflow/Ticket/Exists');
	if (body?.Result === TICKET_DOES_NOT_EXIST) return { GUID: guid, exists: false };
	requireTicketSuccess(this.getNode(), body, 'Exists', guid, itemIndex);
	return { GUID: guid, exists: true };
}

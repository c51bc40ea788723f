import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { requireGuid } from '../../../../shared/validation';
import { refreshOnlyOptions, ticketGuidField } from '../../../descriptions/ticketFields';
import { requireTicketSuccess, TICKET_DOES_NOT_EXIST } from '../../../helpers/resultCodes';
import { refreshPermissionsIfAsked } from '../../../helpers/tickets';
import { tppRequest } from '../../../transport';

export const option: OperationOption = {
	name: 'Exists',
	value: 'exists',
	action: 'Check whether a ticket exists',
	description: 'Answer true or false for a ticket GUID (POST Workflow/Ticket/Exists)',
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
	const guid = requireGuid(this.getNode(), this.getNodeParameter('guid', itemIndex), 'Ticket GUID', itemIndex);
	await refreshPermissionsIfAsked(connection, this.getNodeParameter('options', itemIndex, {}) as IDataObject, itemIndex);
	const response = await tppRequest(connection, {
		method: 'POST',
		endpoint: 'Workflow/Ticket/Exists',
		body: { GUID: guid },
		itemIndex,
	});
	const body = response.body as IDataObject | undefined;
	if (body?.Result === TICKET_DOES_NOT_EXIST) return { GUID: guid, exists: false };
	requireTicketSuccess(this.getNode(), body, 'Exists', guid, itemIndex);
	return { GUID: guid, exists: true };
}

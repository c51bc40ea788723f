import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { requireGuid } from '../../../../shared/validation';
import { refreshOnlyOptions, ticketGuidField } from '../../../descriptions/ticketFields';
import { requireTicketSuccess } from '../../../helpers/resultCodes';
import { refreshPermissionsIfAsked } from '../../../helpers/tickets';
import { tppRequest } from '../../../transport';

export const option: OperationOption = {
	name: 'Get Status',
	value: 'getStatus',
	action: 'Get ticket status',
	description: 'Get only the status of a ticket (POST Workflow/Ticket/Status)',
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
	const guid = requireGuid(this.getNode(), this.getNodeParameter('guid', itemIndex), 'Ticket GUID', itemIndex);
	await refreshPermissionsIfAsked(connection, this.getNodeParameter('options', itemIndex, {}) as IDataObject, itemIndex);
	const response = await tppRequest(connection, {
		method: 'POST',
		endpoint: 'Workflow/Ticket/Status',
		body: { GUID: guid },
		itemIndex,
	});
	const result = requireTicketSuccess(this.getNode(), response.body, 'Get Status', guid, itemIndex);
	return { GUID: guid, Status: result.Status ?? null };
}

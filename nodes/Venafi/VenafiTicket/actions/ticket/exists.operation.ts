import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireGuid } from '../../../../shared/validation';
import { requireTicketSuccess, TICKET_DOES_NOT_EXIST } from '../../../helpers/resultCodes';
import { tppRequest } from '../../../transport/index';
import { refreshOnlyOptions, ticketGuidField } from '../../../descriptions/ticketFields';
import { refreshPermissionsIfAsked } from '../../../helpers/refreshPermissions';

export const description: INodeProperties[] = [
	ticketGuidField(['exists']),
	refreshOnlyOptions('exists'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const guid = requireGuid(this.getNode(), this.getNodeParameter('guid', itemIndex), 'Ticket GUID', itemIndex);
	await refreshPermissionsIfAsked(this, this.getNodeParameter('options', itemIndex, {}) as IDataObject, itemIndex);
	const response = await tppRequest(this, {
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

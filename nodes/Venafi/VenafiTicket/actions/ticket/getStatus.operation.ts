import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireGuid } from '../../../../shared/validation';
import { requireTicketSuccess } from '../../../helpers/resultCodes';
import { tppRequest } from '../../../transport/index';
import { refreshOnlyOptions, ticketGuidField } from '../../../descriptions/ticketFields';
import { refreshPermissionsIfAsked } from '../../../helpers/refreshPermissions';

export const description: INodeProperties[] = [
	ticketGuidField(['getStatus']),
	refreshOnlyOptions('getStatus'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const guid = requireGuid(this.getNode(), this.getNodeParameter('guid', itemIndex), 'Ticket GUID', itemIndex);
	await refreshPermissionsIfAsked(this, this.getNodeParameter('options', itemIndex, {}) as IDataObject, itemIndex);
	const response = await tppRequest(this, {
		method: 'POST',
		endpoint: 'Workflow/Ticket/Status',
		body: { GUID: guid },
		itemIndex,
	});
	const result = requireTicketSuccess(this.getNode(), response.body, 'Get Status', guid, itemIndex);
	return { GUID: guid, Status: result.Status ?? null };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listFlowTickets } from '../../../shared/flowTickets';
import type { OperationOption } from '../../helpers';
import { listingFields, readListing } from '../../helpers';

export const option: OperationOption = {
	name: 'Get Many Approved',
	value: 'getManyApproved',
	action: 'Get many approved Flow tickets',
	description:
		'List approved Flow tickets, with their remaining uses (POST Flow/Tickets/EnumerateApproved)',
};

export const description: INodeProperties[] = listingFields(option.value);

/** One output item per approved ticket. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listFlowTickets(
		this,
		'approved',
		readListing(this, itemIndex),
		option.name,
		itemIndex,
	);
}

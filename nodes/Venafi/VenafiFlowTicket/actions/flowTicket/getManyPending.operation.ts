import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listFlowTickets } from '../../../shared/flowTickets';
import type { OperationOption } from '../../helpers';
import { listingFields, readListing } from '../../helpers';

export const option: OperationOption = {
	name: 'Get Many Pending',
	value: 'getManyPending',
	action: 'Get many pending Flow tickets',
	description:
		'List the Flow tickets (e.g. CodeSign Protect signing requests) waiting for your approval (POST Flow/Tickets/Enumerate)',
};

export const description: INodeProperties[] = listingFields(option.value);

/** One output item per pending ticket. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listFlowTickets(
		this,
		'pending',
		readListing(this, itemIndex),
		option.name,
		itemIndex,
	);
}

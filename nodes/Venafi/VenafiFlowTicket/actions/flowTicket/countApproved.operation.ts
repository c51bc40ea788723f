import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { countFlowTickets } from '../../../shared/flowTickets';
import type { OperationOption } from '../../helpers';

export const option: OperationOption = {
	name: 'Count Approved',
	value: 'countApproved',
	action: 'Count approved Flow tickets',
	description: 'Count the approved Flow tickets (POST Flow/Tickets/CountApproved)',
};

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return {
		Count: await countFlowTickets(this, 'approved', option.name, itemIndex),
		status: 'Approved',
	};
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { countFlowTickets } from '../../../shared/flowTickets';
import type { OperationOption } from '../../helpers';

export const option: OperationOption = {
	name: 'Count Pending',
	value: 'countPending',
	action: 'Count pending Flow tickets',
	description: 'Count the Flow tickets waiting for your approval (POST Flow/Tickets/Count)',
};

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return {
		Count: await countFlowTickets(this, 'pending', option.name, itemIndex),
		status: 'Pending',
	};
}

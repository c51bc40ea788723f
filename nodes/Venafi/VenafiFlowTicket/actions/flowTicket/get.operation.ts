import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { loadFlowTickets } from '../../../shared/flowTickets';
import type { OperationOption } from '../../helpers';
import { readTicketIds, ticketIdField } from '../../helpers';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get Flow tickets',
	description:
		'Get one or several Flow tickets by ID: approvers, approvals, remaining uses and what is requested (POST Flow/Tickets/Load)',
};

export const description: INodeProperties[] = [
	ticketIdField(
		[option.value],
		'pending',
		'The Flow ticket to read; By ID also takes several Ids separated by commas (one output item each)',
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await loadFlowTickets(this, readTicketIds(this, itemIndex), option.name, itemIndex);
}

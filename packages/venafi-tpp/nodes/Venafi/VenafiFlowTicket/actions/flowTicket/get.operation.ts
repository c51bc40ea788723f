import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { loadFlowTickets } from '../../../helpers/flowTickets';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { ticketIdField } from '../../../descriptions/flowTicketFields';
import { namedFromVersion, readTicketIds } from './common';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get Flow tickets',
	description:
		'Reads Venafi Flow tickets. Use it to check a ticket before deciding on it. Input: Ticket ID, a whole number such as 12, or several separated by commas. Returns one item per ticket: ID, product, requester, object, reason, approvers, approvals, remaining uses. Read only.',
	descriptionFrom: {
		version: 3,
		description:
			'Reads Venafi Flow tickets. Use it to check a ticket before deciding on it. Input: Ticket ID, a whole number such as 12, or several separated by commas. Returns one item per ticket: ID, product, requester (ID and name), object, reason, approvers (IDs and names), approvals (who approved, with names), remaining uses. Read only.',
	},
};

export const subtitle = 'Get tickets';

/** A read (Flow calls are POSTs that change nothing here). */
export const idempotent = true;

export const description: INodeProperties[] = [
	ticketIdField(
		[option.value],
		'pending',
		'The Flow ticket to read; By ID also takes several Ids separated by commas (one output item each)',
	),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const tickets = await loadFlowTickets(
		connection,
		readTicketIds(this, itemIndex),
		option.name,
		itemIndex,
	);
	return await namedFromVersion(this, connection, tickets, itemIndex);
}

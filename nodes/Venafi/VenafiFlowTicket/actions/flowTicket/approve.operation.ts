import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionalText } from '../../../../shared/validation';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { actOnEach, readTicketIds, readWindow, ticketIdField, windowFields } from '../../helpers';

export const option: OperationOption = {
	name: 'Approve',
	value: 'approve',
	action:
		'Approve pending Flow tickets by Ticket ID, with an optional comment, time window and use count; changes the tickets, cannot be undone; returns the result per ticket',
	description:
		'Adds your approval to pending Venafi Flow tickets, e.g. lets a CodeSign Protect request use its key. Use it once the approval is decided. Inputs: Ticket ID (one or several); Comment, Not Before, Expires and Use Count optional. Returns one item per ticket with TicketId, Result and the fields sent. Changes the tickets: an approval cannot be undone (a ticket needing more approvals stays pending).',
};

const show = { operation: [option.value] };

export const subtitle = 'Approve';

/** Not repeated after a 5xx or a dropped connection: TPP does not document it as idempotent, and a repeat could add a second approval or fail as "not pending" after the first try succeeded. */
export const idempotent = false;

export const description: INodeProperties[] = [
	ticketIdField(
		[option.value],
		'pending',
		'The pending Flow ticket to approve; By ID also takes several Ids separated by commas',
	),
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		description:
			'Why you approve; TPP keeps it with the ticket (for Teams it is mailed to the requester)',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: windowFields(),
	},
];

/** One output item per approved ticket. A ticket that needs more approvers stays pending in TPP. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const ids = readTicketIds(this, itemIndex);
	const body = readWindow(
		this,
		this.getNodeParameter('options', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	const comment = optionalText(
		node,
		this.getNodeParameter('comment', itemIndex, ''),
		'Comment',
		itemIndex,
	);
	if (comment !== undefined) body.Comment = comment;
	return await actOnEach(this, connection, 'Approve', ids, body, option.name, itemIndex);
}

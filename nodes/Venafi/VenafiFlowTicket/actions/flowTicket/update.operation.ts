import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../../shared/errors';
import { optionalText } from '../../../../shared/validation';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { actOnEach, readTicketIds, readWindow, ticketIdField, windowFields } from '../../helpers';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action:
		'Update the time window or use count of approved Flow tickets by Ticket ID; changes the tickets; returns the result per ticket',
	description:
		'Changes how long or how often approved Venafi Flow tickets may be used. Inputs: Ticket ID (one or several) and at least one of Not Before, Expires, Use Count; Comment optional. Returns one item per ticket with TicketId, Result and the fields sent. Changes the tickets.',
};

const show = { operation: [option.value] };

export const subtitle = 'Update approval';

/** Not repeated after a 5xx or a dropped connection: TPP does not document it as idempotent, and a repeat could add a second approval or fail as "not pending" after the first try succeeded. */
export const idempotent = false;

export const description: INodeProperties[] = [
	ticketIdField(
		[option.value],
		'approved',
		'The approved Flow ticket to change; By ID also takes several Ids separated by commas',
	),
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		description: 'What changes and why',
		displayOptions: { show },
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		displayOptions: { show },
		options: windowFields(),
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const ids = readTicketIds(this, itemIndex);
	const body = readWindow(
		this,
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	if (Object.keys(body).length === 0) {
		throw parameterError(
			node,
			'Add at least one of "Not Before", "Expires" or "Use Count" under "Update Fields": there is nothing to update',
			itemIndex,
		);
	}
	const comment = optionalText(
		node,
		this.getNodeParameter('comment', itemIndex, ''),
		'Comment',
		itemIndex,
	);
	if (comment !== undefined) body.Comment = comment;
	return await actOnEach(this, connection, 'Update', ids, body, option.name, itemIndex);
}

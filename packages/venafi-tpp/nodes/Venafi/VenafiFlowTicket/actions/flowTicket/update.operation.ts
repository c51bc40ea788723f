import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { commentField, ticketIdField, windowField } from '../../../descriptions/flowTicketFields';
import { FLOW_DECISIONS_IDEMPOTENT } from './common';
import { sendWindowDecision } from './decide';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update approved Flow tickets',
	description:
		'Changes how long or how often approved Venafi Flow tickets may be used. Inputs: Ticket ID (one or several) and at least one of Not Before, Expires, Use Count; Comment optional. Returns one item per ticket with TicketId, Result and the fields sent. Changes the tickets.',
};

export const subtitle = 'Update approval';

export const idempotent = FLOW_DECISIONS_IDEMPOTENT;

/** Not Before, Expires and Use Count are what is updated: at least one is needed. */
const window = {
	displayName: 'Update Fields',
	name: 'updateFields',
	placeholder: 'Add field',
};

export const description: INodeProperties[] = [
	ticketIdField(
		[option.value],
		'approved',
		'The approved Flow ticket to change; By ID also takes several Ids separated by commas',
	),
	commentField(option.value, 'What changes and why'),
	windowField(option.value, window),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	return await sendWindowDecision(this, itemIndex, connection, {
		endpoint: 'Update',
		operation: option.name,
		window: window.name,
		emptyWindowError:
			'Add at least one of "Not Before", "Expires" or "Use Count" under "Update Fields": there is nothing to update',
	});
}

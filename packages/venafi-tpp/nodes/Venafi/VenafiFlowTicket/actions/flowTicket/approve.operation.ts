import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { commentField, ticketIdField, windowField } from '../../../descriptions/flowTicketFields';
import { FLOW_DECISIONS_IDEMPOTENT } from './common';
import { sendWindowDecision } from './decide';

export const option: OperationOption = {
	name: 'Approve',
	value: 'approve',
	action: 'Approve Flow tickets',
	description:
		'Adds your approval to pending Venafi Flow tickets, e.g. lets a CodeSign Protect request use its key. Use it once the approval is decided. Inputs: Ticket ID (one or several); Comment, Not Before, Expires and Use Count optional. Returns one item per ticket with TicketId, Result and the fields sent. Changes the tickets: an approval cannot be undone (a ticket needing more approvals stays pending).',
	descriptionFrom: {
		version: 3,
		description:
			'Adds your approval to pending Venafi Flow tickets, e.g. lets a CodeSign Protect request use its key. Use it once the approval is decided. Inputs: Ticket ID (one or several); Comment, Not Before, Expires and Use Count optional. Returns one item per ticket with TicketId, Result, success and the fields sent, and whether the ticket is now approved (approved, approvalsNeeded: a ticket needing more approvals stays pending; Approvals: who approved, with names). Changes the tickets: an approval cannot be undone.',
	},
};

export const subtitle = 'Approve';

export const idempotent = FLOW_DECISIONS_IDEMPOTENT;

/** Not Before, Expires and Use Count are optional here, under Options. */
const window = {
	displayName: 'Options',
	name: 'options',
	placeholder: 'Add option',
};

export const description: INodeProperties[] = [
	ticketIdField(
		[option.value],
		'pending',
		'The pending Flow ticket to approve; By ID also takes several Ids separated by commas',
	),
	commentField(
		option.value,
		'Why you approve; TPP keeps it with the ticket (for Teams it is mailed to the requester)',
	),
	windowField(option.value, window),
];

/** One output item per approved ticket. A ticket that needs more approvers stays pending in TPP. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	return await sendWindowDecision(this, itemIndex, connection, {
		endpoint: 'Approve',
		operation: option.name,
		window: window.name,
	});
}

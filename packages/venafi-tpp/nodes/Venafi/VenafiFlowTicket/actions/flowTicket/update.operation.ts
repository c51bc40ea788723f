import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import {
	FLOW_DECISIONS_IDEMPOTENT,
	sendWindowDecision,
	type WindowDecision,
	windowDecisionFields,
} from '../../helpers';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update approved Flow tickets',
	description:
		'Changes how long or how often approved Venafi Flow tickets may be used. Inputs: Ticket ID (one or several) and at least one of Not Before, Expires, Use Count; Comment optional. Returns one item per ticket with TicketId, Result and the fields sent. Changes the tickets.',
};

export const subtitle = 'Update approval';

export const idempotent = FLOW_DECISIONS_IDEMPOTENT;

const decision: WindowDecision = {
	option,
	endpoint: 'Update',
	list: 'approved',
	ticketDescription:
		'The approved Flow ticket to change; By ID also takes several Ids separated by commas',
	commentDescription: 'What changes and why',
	windowCollection: {
		displayName: 'Update Fields',
		name: 'updateFields',
		placeholder: 'Add field',
	},
	emptyWindowError:
		'Add at least one of "Not Before", "Expires" or "Use Count" under "Update Fields": there is nothing to update',
};

export const description: INodeProperties[] = windowDecisionFields(decision);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	return await sendWindowDecision(this, connection, itemIndex, decision);
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../../shared/errors';
import { requireText, truncate } from '../../../../shared/validation';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { ticketIdField } from '../../../descriptions/flowTicketFields';
import { actOnEach, FLOW_DECISIONS_IDEMPOTENT, readTicketIds } from './common';

export const option: OperationOption = {
	name: 'Reject',
	value: 'reject',
	action: 'Reject Flow tickets',
	description:
		'Rejects pending Venafi Flow tickets. Use it once the rejection is decided. Inputs: Ticket ID (one or several), Comment (the reason, required), Rejection Level: Retry (the requester may ask again) or Final (the flow stops). Returns one item per ticket with TicketId, Result and the fields sent. Changes the tickets: a rejection cannot be undone.',
};

const show = { operation: [option.value] };

/** TPP's RejectionLevel values. */
const REJECTION_LEVELS = { retry: 1, final: 2 } as const;

export const subtitle = 'Reject';

export const idempotent = FLOW_DECISIONS_IDEMPOTENT;

export const description: INodeProperties[] = [
	ticketIdField(
		[option.value],
		'pending',
		'The pending Flow ticket to reject; By ID also takes several Ids separated by commas',
	),
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		required: true,
		description:
			'The reason for the rejection; TPP keeps it with the ticket (for Teams it is mailed to the requester)',
		displayOptions: { show },
	},
	{
		displayName: 'Rejection Level',
		name: 'rejectionLevel',
		type: 'options',
		default: 1,
		options: [
			{
				name: 'Retry',
				value: REJECTION_LEVELS.retry,
				description: 'Reject this request; the requester may ask again (RejectionLevel 1)',
			},
			{
				name: 'Final',
				value: REJECTION_LEVELS.final,
				description: 'Reject and stop the flow; no further action is allowed (RejectionLevel 2)',
			},
		],
		hint: 'Retry rejects this request and lets the requester try again (e.g. ask for the signing key again). Final stops the flow for good.',
		displayOptions: { show },
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const ids = readTicketIds(this, itemIndex);
	const comment = requireText(
		node,
		this.getNodeParameter('comment', itemIndex, ''),
		'Comment',
		itemIndex,
	);
	const level = Number(this.getNodeParameter('rejectionLevel', itemIndex, REJECTION_LEVELS.retry));
	if (level !== REJECTION_LEVELS.retry && level !== REJECTION_LEVELS.final) {
		throw parameterError(
			node,
			`The "Rejection Level" must be 1 (Retry) or 2 (Final), but it is "${truncate(String(this.getNodeParameter('rejectionLevel', itemIndex)))}"`,
			itemIndex,
		);
	}
	return await actOnEach(
		this,
		connection,
		'Reject',
		ids,
		{ Comment: comment, RejectionLevel: level },
		option.name,
		itemIndex,
	);
}

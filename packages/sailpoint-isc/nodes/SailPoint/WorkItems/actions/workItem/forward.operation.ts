import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commentField } from '../../../descriptions/approvalFields';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { parameterError } from '../../../../shared/errors';
import { describeType, requireText } from '../../../../shared/validation';
import { requireIscId } from '../../../helpers/ids';
import { callWorkItem, workItemIdOf, writeResult } from './common';
import { workItemPath } from '../../../transport/apiPaths';
import { identityField, workItemIdField } from '../../../descriptions/workItemFields';

export const option: OperationOption = {
	name: 'Forward',
	value: 'forward',
	action: 'Forward a work item',
	description:
		'Hands a SailPoint work item to someone else. Use it when another person has to decide. Inputs: Work Item ID, Target Owner ID (an identity ID), Comment (required); Send Notifications optional. Returns ID, target owner, comment and success: true. Changes the work item: its new owner decides it.',
};

export const subtitle = 'Forward';

/** Not idempotent: repeated after a 5xx or a dropped connection, the action may be applied twice. */
export const idempotent = false;

export const description: INodeProperties[] = [
	workItemIdField,
	identityField(
		'Target Owner ID',
		'targetOwnerId',
		'The identity to forward the work item to: search by name or email, or enter its ID',
		true,
	),
	commentField('Why the work item is forwarded; sent to the new owner', {
		required: true,
		placeholder: "I'm going on vacation.",
	}),
	{
		displayName: 'Send Notifications',
		name: 'sendNotifications',
		type: 'boolean',
		default: true,
		description: 'Whether ISC notifies the new owner',
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const node = this.getNode();
	const workItemId = workItemIdOf(this, itemIndex);
	const targetOwnerId = requireIscId(
		node,
		this.getNodeParameter('targetOwnerId', itemIndex, '', { extractValue: true }),
		'Target Owner ID',
		itemIndex,
	);
	const comment = requireText(
		node,
		this.getNodeParameter('comment', itemIndex, ''),
		'Comment',
		itemIndex,
	);
	const sendNotifications = this.getNodeParameter('sendNotifications', itemIndex, true) as unknown;
	if (typeof sendNotifications !== 'boolean') {
		throw parameterError(
			node,
			`The "Send Notifications" parameter must be true or false, but it is ${describeType(sendNotifications)}`,
			itemIndex,
		);
	}
	// ISC answers 200 with no body: the item says what was done.
	const answer = await callWorkItem(connection, {
		method: 'POST',
		endpoint: workItemPath(workItemId, 'forward'),
		itemIndex,
		workItemId,
		body: { targetOwnerId, comment, sendNotifications },
	});
	return writeResult(answer, {
		id: workItemId,
		operation: 'forward',
		targetOwnerId,
		comment,
		sendNotifications,
	});
}

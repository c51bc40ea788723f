import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commentField } from '../../../descriptions/approvalFields';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { decideWithOptionalComment, genericApprovalIdField } from './common';

export const option: OperationOption = {
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a generic approval',
	description:
		'Cancels a SailPoint generic approval so nobody decides it (access request approvals are cancelled through their access request). Inputs: Approval ID; Comment optional. Returns ID, operation and success: true. Changes the approval: cancelling cannot be undone.',
	descriptionFrom: {
		version: 3,
		description:
			'Cancels a SailPoint generic approval so nobody decides it (access request approvals are cancelled through their access request). Inputs: Approval ID; Comment optional. Returns what was done: name, requestee, state, operation, success: true, the ID and the approval as ISC gives it after cancelling. Changes the approval: cancelling cannot be undone.',
	},
};

export const subtitle = 'Cancel';

/** Not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

export const description: INodeProperties[] = [
	genericApprovalIdField,
	commentField('Why it is cancelled (optional)'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	return await decideWithOptionalComment(this, connection, itemIndex, 'cancel');
}

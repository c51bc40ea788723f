import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commentField } from '../../../descriptions/approvalFields';
import { approvalIdOf, commentOf } from '../../../helpers/approvals';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { actOnApproval, genericApprovalIdField } from './common';

export const option: OperationOption = {
	name: 'Add Comment',
	value: 'addComment',
	action: 'Comment on a generic approval',
	description:
		'Adds a comment to a SailPoint generic approval, e.g. a question for the requester. Inputs: Approval ID, Comment (required). Returns the approval with its comments. Changes the approval: the comment stays.',
};

export const subtitle = 'Add Comment';

/** Not repeated after a 5xx or a dropped connection: the comment could appear twice. */
export const idempotent = false;

export const description: INodeProperties[] = [
	genericApprovalIdField,
	commentField('The comment to add', { required: true }),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const approvalId = approvalIdOf(this, itemIndex);
	const comment = commentOf(this, itemIndex, { required: true });
	return await actOnApproval(this, connection, itemIndex, approvalId, 'comments', { comment });
}

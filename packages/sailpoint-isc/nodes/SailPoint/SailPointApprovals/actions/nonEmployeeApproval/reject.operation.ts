import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { commentField } from '../../../descriptions/approvalFields';
import { approvalIdOf, commentOf } from '../../../helpers/approvals';
import { decideNonEmployeeApproval, nonEmployeeApprovalIdField } from './common';

export const option: OperationOption = {
	name: 'Reject',
	value: 'reject',
	action: 'Reject a non-employee approval',
	description:
		'Rejects a SailPoint non-employee approval (a contractor or partner account request) and notifies the requester. Inputs: Approval ID; Comment (up to 4,000 characters). Returns the approval. Changes the approval: a rejection cannot be undone.',
	descriptionFrom: {
		version: 3,
		description:
			'Rejects a SailPoint non-employee approval (a contractor or partner account request) and notifies the requester. Inputs: Approval ID; Comment (up to 4,000 characters). Returns the approval with success: true. Changes the approval: a rejection cannot be undone.',
	},
};

export const subtitle = 'Reject';

/** A decision: not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

export const description: INodeProperties[] = [
	nonEmployeeApprovalIdField,
	commentField('Why it is rejected (ISC requires a comment)', { required: true }),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const approvalId = approvalIdOf(this, itemIndex);
	const comment = commentOf(this, itemIndex, { required: true, max: 4000 })!;
	return await decideNonEmployeeApproval(this, connection, itemIndex, approvalId, 'reject', {
		comment,
	});
}

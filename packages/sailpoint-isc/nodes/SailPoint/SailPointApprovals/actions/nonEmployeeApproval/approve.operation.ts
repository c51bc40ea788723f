import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { commentField } from '../../../descriptions/approvalFields';
import { approvalIdOf, commentOf } from '../../../helpers/approvals';
import { decideNonEmployeeApproval, nonEmployeeApprovalIdField } from './common';

export const option: OperationOption = {
	name: 'Approve',
	value: 'approve',
	action: 'Approve a non-employee approval',
	description:
		'Approves a SailPoint non-employee approval (a contractor or partner account request) and notifies the next approver. Inputs: Approval ID; Comment optional (up to 4,000 characters). Returns the approval. Changes the approval: an approval cannot be undone.',
	descriptionFrom: {
		version: 3,
		description:
			'Approves a SailPoint non-employee approval (a contractor or partner account request) and notifies the next approver. Inputs: Approval ID; Comment optional (up to 4,000 characters). Returns the approval with success: true. Changes the approval: an approval cannot be undone.',
	},
};

export const subtitle = 'Approve';

/** A decision: not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

export const description: INodeProperties[] = [
	nonEmployeeApprovalIdField,
	commentField('Why it is approved (optional)'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const approvalId = approvalIdOf(this, itemIndex);
	const comment = commentOf(this, itemIndex, { required: false, max: 4000 });
	return await decideNonEmployeeApproval(
		this,
		connection,
		itemIndex,
		approvalId,
		'approve',
		comment === undefined ? {} : { comment },
	);
}

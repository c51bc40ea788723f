import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { approvalIdField, commentField } from '../../../descriptions/approvalFields';
import { approvalIdOf, commentOf } from '../../../helpers/approvals';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { decideAccessRequestApproval } from './decide';

export const option: OperationOption = {
	name: 'Approve',
	value: 'approve',
	action: 'Approve an access request',
	description:
		'Approves a SailPoint access request approval, granting the access once every approver agrees. Use it once the approval is decided. Inputs: Approval ID; Comment optional. Returns ID, operation, comment and accepted: true. Changes the approval: an approval cannot be undone.',
	descriptionFrom: {
		version: 3,
		description:
			'Approves a SailPoint access request approval, granting the access once every approver agrees. Use it once the approval is decided. Inputs: Approval ID; Comment optional. Returns what was decided: name, requested object, requested for, state APPROVED, operation, comment, success: true and accepted: true, then the ID and the access request ID. Changes the approval: an approval cannot be undone.',
	},
};

export const subtitle = 'Approve';

/** A decision: not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

export const description: INodeProperties[] = [
	approvalIdField(
		'The pending approval: pick one, or enter its ID (its "ID" in Get Many Pending or the trigger)',
		'accessRequest',
	),
	commentField("The reviewer's comment, shown with the request (optional)"),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const approvalId = approvalIdOf(this, itemIndex);
	const comment = commentOf(this, itemIndex, { required: false });
	return await decideAccessRequestApproval(
		this,
		connection,
		itemIndex,
		approvalId,
		'approve',
		comment === undefined ? {} : { comment },
	);
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { approvalIdField, commentField } from '../../../descriptions/approvalFields';
import { approvalIdOf, commentOf } from '../../../helpers/approvals';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { decideAccessRequestApproval } from './decide';

export const option: OperationOption = {
	name: 'Reject',
	value: 'reject',
	action: 'Reject an access request',
	description:
		'Rejects a SailPoint access request approval, so the access is not granted. Use it once the rejection is decided. Inputs: Approval ID, Comment (the reason, required). Returns ID, operation, comment and accepted: true. Changes the approval: a rejection cannot be undone.',
	descriptionFrom: {
		version: 3,
		description:
			'Rejects a SailPoint access request approval, so the access is not granted. Use it once the rejection is decided. Inputs: Approval ID, Comment (the reason, required). Returns what was decided: name, requested object, requested for, state REJECTED, operation, comment, success: true and accepted: true, then the ID and the access request ID. Changes the approval: a rejection cannot be undone.',
	},
};

export const subtitle = 'Reject';

/** A decision: not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

export const description: INodeProperties[] = [
	approvalIdField(
		'The pending approval: pick one, or enter its ID (its "ID" in Get Many Pending or the trigger)',
		'accessRequest',
	),
	commentField('Why the request is rejected; ISC refuses a rejection without one', {
		required: true,
	}),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const approvalId = approvalIdOf(this, itemIndex);
	const comment = commentOf(this, itemIndex, { required: true });
	return await decideAccessRequestApproval(this, connection, itemIndex, approvalId, 'reject', {
		comment,
	});
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { approvalIdField, commentField } from '../../../descriptions/approvalFields';
import { approvalIdOf, commentOf } from '../../../helpers/approvals';
import { identityField } from '../../../descriptions/workItemFields';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { decideAccessRequestApproval } from './decide';

export const option: OperationOption = {
	name: 'Forward',
	value: 'forward',
	action: 'Forward an access request',
	description:
		'Hands a SailPoint access request approval to someone else to decide. Inputs: Approval ID, New Owner ID (an identity ID), Comment (1-255 characters). Returns ID, new owner, comment and accepted: true. Changes the approval: its new owner decides it.',
	descriptionFrom: {
		version: 3,
		description:
			'Hands a SailPoint access request approval to someone else to decide. Inputs: Approval ID, New Owner ID (an identity ID), Comment (1-255 characters). Returns what was done: name, requested object, requested for, state PENDING, operation, new owner, comment, success: true and accepted: true, then the ID and the access request ID. Changes the approval: its new owner decides it.',
	},
};

export const subtitle = 'Forward';

/** Not repeated after a 5xx or a dropped connection: a second forward would add to the history. */
export const idempotent = false;

/** ISC's ForwardApprovalDto: newOwnerId and comment, 1-255 characters each. */
const MAX = 255;

export const description: INodeProperties[] = [
	approvalIdField(
		'The pending approval: pick one, or enter its ID (its "ID" in Get Many Pending or the trigger)',
		'accessRequest',
	),
	identityField(
		'New Owner ID',
		'newOwnerId',
		'The identity who decides the approval from now on: search by name or email, or enter its ID',
		true,
	),
	commentField('Why it is forwarded (1-255 characters), shown to the new owner', {
		required: true,
	}),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const approvalId = approvalIdOf(this, itemIndex);
	const newOwnerId = approvalIdOf(this, itemIndex, 'New Owner ID', 'newOwnerId');
	const comment = commentOf(this, itemIndex, { required: true, max: MAX });
	return await decideAccessRequestApproval(this, connection, itemIndex, approvalId, 'forward', {
		newOwnerId,
		comment,
	});
}

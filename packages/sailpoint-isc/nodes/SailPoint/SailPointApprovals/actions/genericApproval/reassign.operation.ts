import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commentField } from '../../../descriptions/approvalFields';
import { approvalIdOf, commentOf } from '../../../helpers/approvals';
import { identityField } from '../../../descriptions/workItemFields';
import { optionalIscId } from '../../../helpers/ids';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { actOnApproval, genericApprovalIdField, identityIdOf } from './common';

export const option: OperationOption = {
	name: 'Reassign',
	value: 'reassign',
	action: 'Reassign a generic approval',
	description:
		"Makes another identity an approver of a SailPoint generic approval. Inputs: Approval ID, Reassign To (an identity ID); Comment optional. Returns ID, operation, the new approver and success: true. Changes the approval's approvers.",
	descriptionFrom: {
		version: 3,
		description:
			"Makes another identity an approver of a SailPoint generic approval. Inputs: Approval ID, Reassign To (an identity ID); Comment optional. Returns what was done: name, requestee, state, moreApprovalsNeeded (with assignedTo, the approvers it waits for), operation, the new approver, comment, success: true, the ID and the approval as ISC gives it after the reassignment. Changes the approval's approvers.",
	},
};

export const subtitle = 'Reassign';

/** Not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

export const description: INodeProperties[] = [
	genericApprovalIdField,
	identityField(
		'Reassign To (Identity ID)',
		'reassignTo',
		'The identity who becomes an approver: search by name or email, or enter its ID',
		true,
	),
	commentField('Why it is reassigned (optional)'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			identityField(
				'Reassign From (Identity ID)',
				'reassignFrom',
				"The approver it is taken from. Empty: the token's identity if it is an approver; otherwise (admins) the new approver is added.",
			),
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const approvalId = approvalIdOf(this, itemIndex);
	const reassignTo = identityIdOf(
		this,
		this.getNodeParameter('reassignTo', itemIndex, ''),
		'Reassign To (Identity ID)',
		itemIndex,
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const reassignFrom = optionalIscId(
		this.getNode(),
		options.reassignFrom,
		'Reassign From (Identity ID)',
		itemIndex,
	);
	const comment = commentOf(this, itemIndex, { required: false });
	return await actOnApproval(this, connection, itemIndex, approvalId, 'reassign', {
		reassignTo,
		...(reassignFrom === undefined ? {} : { reassignFrom }),
		...(comment === undefined ? {} : { comment }),
	});
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commentField } from '../../../descriptions/approvalFields';
import { approvalIdOf, commentOf } from '../../../helpers/approvals';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import {
	actOnApproval,
	additionalAttributesField,
	attributesOf,
	genericApprovalIdField,
	overrideApproverField,
	overrideApproverOf,
} from './common';

export const option: OperationOption = {
	name: 'Approve',
	value: 'approve',
	action: 'Approve a generic approval',
	description:
		'Approves a SailPoint generic approval. Use it once the approval is decided. Inputs: Approval ID; Comment and Additional Attributes optional. Returns the approval as ISC answers it. Changes the approval: an approval cannot be undone.',
	descriptionFrom: {
		version: 3,
		description:
			'Approves a SailPoint generic approval. Use it once the approval is decided. Inputs: Approval ID; Comment and Additional Attributes optional. Returns what was decided: name, requestee, state, moreApprovalsNeeded (true while it waits for more approvers, named in assignedTo), operation, what was sent, success: true, the ID and the approval as ISC answers it. Changes the approval: an approval cannot be undone.',
	},
};

export const subtitle = 'Approve';

/** A decision: not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

export const description: INodeProperties[] = [
	genericApprovalIdField,
	commentField('Comment kept with the approval (optional)'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [additionalAttributesField, overrideApproverField],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const approvalId = approvalIdOf(this, itemIndex);
	const comment = commentOf(this, itemIndex, { required: false });
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const additionalAttributes = attributesOf(this, options.additionalAttributes, itemIndex, true);
	return await actOnApproval(this, connection, itemIndex, approvalId, 'approve', {
		...(comment === undefined ? {} : { comment }),
		...(additionalAttributes === undefined ? {} : { additionalAttributes }),
		...overrideApproverOf(this, options, itemIndex),
	});
}

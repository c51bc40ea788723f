import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commentField } from '../../../descriptions/approvalFields';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { approvalIdOf, commentOf } from '../../../helpers/approvals';
import {
	actOnApproval,
	genericApprovalIdField,
	overrideApproverField,
	overrideApproverOf,
} from './common';

export const option: OperationOption = {
	name: 'Reject',
	value: 'reject',
	action: 'Reject a generic approval',
	description:
		'Rejects a SailPoint generic approval. Use it once the rejection is decided. Inputs: Approval ID; Comment optional. Returns ID, operation, comment and success: true. Changes the approval: a rejection cannot be undone.',
	descriptionFrom: {
		version: 3,
		description:
			'Rejects a SailPoint generic approval. Use it once the rejection is decided. Inputs: Approval ID; Comment optional. Returns what was decided: name, requestee, state, moreApprovalsNeeded, operation, comment, success: true, the ID and the approval as ISC gives it after the rejection. Changes the approval: a rejection cannot be undone.',
	},
};

export const subtitle = 'Reject';

/** A decision: not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

export const description: INodeProperties[] = [
	genericApprovalIdField,
	commentField('Why it is rejected (optional)'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [overrideApproverField],
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
	return await actOnApproval(this, connection, itemIndex, approvalId, 'reject', {
		...(comment === undefined ? {} : { comment }),
		...overrideApproverOf(this, options, itemIndex),
	});
}

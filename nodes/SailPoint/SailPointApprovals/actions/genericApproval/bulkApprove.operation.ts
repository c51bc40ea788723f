import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { scopeNotice } from '../../../descriptions/approvalFields';
import { commentOf } from '../../../helpers/approvals';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import {
	approvalIdsField,
	approvalIdsOf,
	batchSizeOf,
	batchSizeOption,
	BULK_SCOPE,
	sendBulk,
} from './bulk';
import { additionalAttributesField, attributesOf } from './common';
export const option: OperationOption = {
	name: 'Bulk Approve',
	value: 'bulkApprove',
	action:
		'Approve many generic approvals at once by their Approval IDs (admins); changes the approvals, cannot be undone; returns the IDs sent',
	description:
		'Approves several SailPoint generic approvals in one go (sent in batches). Inputs: Approval IDs (separated by commas, or a list); Comment and Batch Size optional. Returns operation, approval IDs, batches and accepted: true. Changes the approvals: approvals cannot be undone.',
};

export const subtitle = 'Bulk Approve';

/** Not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

export const description: INodeProperties[] = [
	scopeNotice(BULK_SCOPE),
	approvalIdsField,
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		description: 'Comment kept with each approval (optional)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [additionalAttributesField, batchSizeOption],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const approvalIds = approvalIdsOf(this, itemIndex);
	const comment = commentOf(this, itemIndex, { required: false });
	const body: IDataObject = comment === undefined ? {} : { comment };
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const additionalAttributes = attributesOf(this, options.additionalAttributes, itemIndex, false);
	if (additionalAttributes !== undefined) body.additionalAttributes = additionalAttributes;
	return await sendBulk(
		connection,
		itemIndex,
		'bulk-approve',
		approvalIds,
		body,
		batchSizeOf(this, itemIndex),
	);
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { commentField } from '../../../descriptions/approvalFields';
import { commentOf } from '../../../helpers/approvals';
import {
	approvalIdsFields,
	approvalIdsOf,
	batchSizeOf,
	batchSizeOption,
	bulkResult,
	sendBulk,
} from './bulk';
import { additionalAttributesField, attributesOf } from './common';

export const option: OperationOption = {
	name: 'Bulk Approve',
	value: 'bulkApprove',
	action: 'Approve many generic approvals',
	description:
		'Approves several SailPoint generic approvals in one go (sent in batches). Inputs: Approval IDs (Approval Names or IDs: IDs separated by commas, or a list); Comment and Batch Size optional. Returns operation, approval IDs, batches and accepted: true. Changes the approvals: this cannot be undone.',
};

export const subtitle = 'Bulk Approve';

/** Not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

export const description: INodeProperties[] = [
	...approvalIdsFields,
	commentField('Comment kept with each approval (optional)'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
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
	const attributes = attributesOf(this, options.additionalAttributes, itemIndex, false);
	if (attributes !== undefined) body.additionalAttributes = attributes;
	const sent = await sendBulk(
		connection,
		itemIndex,
		'bulk-approve',
		approvalIds,
		body,
		batchSizeOf(this, itemIndex),
	);
	return bulkResult(this, sent);
}

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

export const option: OperationOption = {
	name: 'Bulk Reject',
	value: 'bulkReject',
	action: 'Reject many generic approvals',
	description:
		'Rejects several SailPoint generic approvals in one go (sent in batches). Inputs: Approval IDs (Approval Names or IDs: IDs separated by commas, or a list); Comment and Batch Size optional. Returns operation, approval IDs, batches and accepted: true. Changes the approvals: this cannot be undone.',
};

export const subtitle = 'Bulk Reject';

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
		options: [batchSizeOption],
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
	const sent = await sendBulk(
		connection,
		itemIndex,
		'bulk-reject',
		approvalIds,
		body,
		batchSizeOf(this, itemIndex),
	);
	return bulkResult(this, sent);
}

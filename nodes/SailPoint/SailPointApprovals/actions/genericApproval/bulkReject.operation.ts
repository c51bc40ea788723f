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
export const option: OperationOption = {
	name: 'Bulk Reject',
	value: 'bulkReject',
	action: 'Reject many generic approvals at once',
	description:
		'Reject many generic approvals at once (POST /generic-approvals/v1/bulk-reject), in batches',
};

export const subtitle = 'Bulk Reject';

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
	return await sendBulk(
		connection,
		itemIndex,
		'bulk-reject',
		approvalIds,
		body,
		batchSizeOf(this, itemIndex),
	);
}

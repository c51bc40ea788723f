import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { bulkFields, runBulk } from './bulk';

export const option: OperationOption = {
	name: 'Bulk Reject',
	value: 'bulkReject',
	action: 'Reject many generic approvals',
	description:
		'Rejects several SailPoint generic approvals in one go (sent in batches). Inputs: Approval IDs (Approval Names or IDs: IDs separated by commas, or a list); Comment and Batch Size optional. Returns operation, approval IDs, batches and accepted: true. Changes the approvals: this cannot be undone.',
	descriptionFrom: {
		version: 3,
		description:
			'Rejects several SailPoint generic approvals in one go (sent in batches). Inputs: Approval IDs (Approval Names or IDs: IDs separated by commas, or a list); Comment and Batch Size optional. Returns operation, approval IDs, batches, accepted: true and success: true. Changes the approvals: this cannot be undone.',
	},
};

export const subtitle = 'Bulk Reject';

/** Not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

export const description: INodeProperties[] = bulkFields();

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	return await runBulk(this, itemIndex, connection, 'bulk-reject');
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { bulkFields, runBulk } from './bulk';
import { additionalAttributesField, attributesOf } from './common';

export const option: OperationOption = {
	name: 'Bulk Approve',
	value: 'bulkApprove',
	action: 'Approve many generic approvals',
	description:
		'Approves several SailPoint generic approvals in one go (sent in batches). Inputs: Approval IDs (Approval Names or IDs: IDs separated by commas, or a list); Comment and Batch Size optional. Returns operation, approval IDs, batches and accepted: true. Changes the approvals: this cannot be undone.',
	descriptionFrom: {
		version: 3,
		description:
			'Approves several SailPoint generic approvals in one go (sent in batches). Inputs: Approval IDs (Approval Names or IDs: IDs separated by commas, or a list); Comment and Batch Size optional. Returns operation, approval IDs, batches, accepted: true and success: true. Changes the approvals: this cannot be undone.',
	},
};

export const subtitle = 'Bulk Approve';

/** Not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

export const description: INodeProperties[] = bulkFields([], [additionalAttributesField]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	return await runBulk(this, itemIndex, connection, 'bulk-approve', () => {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const attributes = attributesOf(this, options.additionalAttributes, itemIndex, false);
		return attributes === undefined ? {} : { additionalAttributes: attributes };
	});
}

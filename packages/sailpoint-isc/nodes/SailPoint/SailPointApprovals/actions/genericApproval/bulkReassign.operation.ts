import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { identityField } from '../../../descriptions/workItemFields';
import { bulkFields, runBulk } from './bulk';
import { identityIdOf } from './common';

export const option: OperationOption = {
	name: 'Bulk Reassign',
	value: 'bulkReassign',
	action: 'Reassign many generic approvals',
	description:
		"Moves several SailPoint generic approvals from one approver to another (sent in batches). Inputs: Approval IDs (Approval Names or IDs: IDs separated by commas, or a list), Reassign To and Reassign From (identity IDs); Comment and Batch Size optional. Returns operation, approval IDs, batches and accepted: true. Changes the approvals' approvers.",
	descriptionFrom: {
		version: 3,
		description:
			"Moves several SailPoint generic approvals from one approver to another (sent in batches). Inputs: Approval IDs (Approval Names or IDs: IDs separated by commas, or a list), Reassign To and Reassign From (identity IDs); Comment and Batch Size optional. Returns operation, approval IDs, batches, accepted: true and success: true. Changes the approvals' approvers.",
	},
};

export const subtitle = 'Bulk Reassign';

/** Not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

export const description: INodeProperties[] = bulkFields([
	identityField(
		'Reassign To (Identity ID)',
		'reassignTo',
		'The identity who becomes the approver: search by name or email, or enter its ID',
		true,
	),
	identityField(
		'Reassign From (Identity ID)',
		'reassignFrom',
		'The approver the approvals are taken from: search by name or email, or enter its ID',
		true,
	),
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	return await runBulk(this, itemIndex, connection, 'bulk-reassign', () => ({
		reassignTo: identityIdOf(
			this,
			this.getNodeParameter('reassignTo', itemIndex, ''),
			'Reassign To (Identity ID)',
			itemIndex,
		),
		reassignFrom: identityIdOf(
			this,
			this.getNodeParameter('reassignFrom', itemIndex, ''),
			'Reassign From (Identity ID)',
			itemIndex,
		),
	}));
}

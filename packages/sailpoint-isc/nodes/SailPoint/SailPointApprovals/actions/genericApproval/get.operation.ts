import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { approvalIdOf, GENERIC_APPROVALS } from '../../../helpers/approvals';
import type { IscRequest } from '../../../transport';
import { readIscObject, sendIscRequest } from '../../../transport';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { genericApprovalIdField, requireObject } from './common';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a generic approval',
	description:
		'Reads one SailPoint generic approval. Use it to check an approval before deciding on it. Input: Approval ID. Returns the approval: ID, name, status, requester, approvers, comments. Read only.',
};

export const subtitle = 'Get';

export const idempotent = true;

export const description: INodeProperties[] = [genericApprovalIdField];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const approvalId = approvalIdOf(this, itemIndex);
	const request: IscRequest = {
		method: 'GET',
		endpoint: `${GENERIC_APPROVALS}/${encodeURIComponent(approvalId)}`,
		itemIndex,
		notFound: {
			subject: `approval "${approvalId}"`,
			hint: 'Check the ID: access request IDs are not approval IDs (use Get Many with a Reference ID filter).',
		},
	};
	return requireObject(
		this,
		await readIscObject(connection, request, await sendIscRequest(connection, request)),
		`approval "${approvalId}"`,
		itemIndex,
	);
}

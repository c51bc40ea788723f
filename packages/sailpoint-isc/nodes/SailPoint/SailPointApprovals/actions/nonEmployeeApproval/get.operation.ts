import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { approvalIdOf } from '../../../helpers/approvals';
import type { IscRequest } from '../../../transport';
import { iscObject } from '../../../transport';
import { requireObject } from '../genericApproval/common';
import { simplifyFieldSince } from '../../../../shared/versions';
import { simplifyNonEmployeeApproval } from '../../../helpers/approvalSimplify';
import {
	FORBIDDEN_READ,
	NON_EMPLOYEE_APPROVALS,
	nonEmployeeApprovalIdField,
	notFoundApproval,
} from './common';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a non-employee approval',
	description:
		'Reads one SailPoint non-employee approval. Inputs: Approval ID; Include Request Details. Returns the approval with the request behind it: account name, first and last name, email, manager, source, start and end date. Read only.',
};

export const subtitle = 'Get';

export const idempotent = true;

export const description: INodeProperties[] = [
	nonEmployeeApprovalIdField,
	{
		displayName: 'Include Request Details',
		name: 'includeDetail',
		type: 'boolean',
		default: true,
		description: "Whether to include the non-employee request (ISC's include-detail)",
	},
	// A new operation: Simplify on every version of the node, on by default.
	...simplifyFieldSince('non-employee approval'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const approvalId = approvalIdOf(this, itemIndex);
	const includeDetail = this.getNodeParameter('includeDetail', itemIndex, true) !== false;
	const request: IscRequest = {
		method: 'GET',
		endpoint: `${NON_EMPLOYEE_APPROVALS}/${encodeURIComponent(approvalId)}`,
		qs: includeDetail ? {} : { 'include-detail': false },
		itemIndex,
		notFound: notFoundApproval(approvalId),
		forbiddenHint: FORBIDDEN_READ,
	};
	const approval = requireObject(
		this,
		await iscObject(connection, request),
		`non-employee approval "${approvalId}"`,
		itemIndex,
	);
	return this.getNodeParameter('simplify', itemIndex, true) === true
		? simplifyNonEmployeeApproval(approval)
		: approval;
}

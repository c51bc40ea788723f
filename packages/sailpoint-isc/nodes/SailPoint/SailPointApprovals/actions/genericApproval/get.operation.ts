import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { approvalIdOf, GENERIC_APPROVALS } from '../../../helpers/approvals';
import type { IscRequest } from '../../../transport';
import { iscObject } from '../../../transport';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { genericApprovalIdField, requireObject } from './common';
import { simplifyFieldSince } from '../../../../shared/versions';
import { simplifyGenericApproval } from '../../../helpers/approvalSimplify';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a generic approval',
	description:
		'Reads one SailPoint generic approval. Use it to check an approval before deciding on it. Input: Approval ID. Returns the approval: ID, name, status, requester, approvers, comments. Read only.',
	descriptionFrom: {
		version: 3,
		description:
			'Reads one SailPoint generic approval. Use it to check an approval before deciding on it. Input: Approval ID. Returns the approval; with Simplify (on) what a person reads first: name and description as plain text, type, priority, requester, requestee, status, approvers, dates, the ID last; off: as ISC sends it. Read only.',
	},
};

export const subtitle = 'Get';

export const idempotent = true;

/** Simplify from version 3 (on for new nodes); saved version 1 and 2 nodes keep the raw answer. */
export const description: INodeProperties[] = [
	genericApprovalIdField,
	...simplifyFieldSince('approval', 3),
];

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
		forbiddenHint:
			'Reading a generic approval needs one of the scopes idn:access-request-approvals:read, idn:access-request-administration:read or idn:access-request-approvals:manage, and being one of its approvers (or an admin).',
	};
	const approval = requireObject(
		this,
		await iscObject(connection, request),
		`approval "${approvalId}"`,
		itemIndex,
	);
	return this.getNodeParameter('simplify', itemIndex, false) === true
		? simplifyGenericApproval(approval)
		: approval;
}

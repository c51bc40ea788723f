import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiError } from '../../../../shared/errors';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { commentField } from '../../../descriptions/approvalFields';
import { ACCESS_REQUEST_APPROVALS, commentOf, reportsDecisions } from '../../../helpers/approvals';
import { idListOf } from '../../../helpers/ids';
import type { IscRequest } from '../../../transport';
import { iscObject } from '../../../transport';

export const option: OperationOption = {
	name: 'Bulk Approve',
	value: 'bulkApprove',
	action: 'Approve many access requests',
	description:
		'Approves several SailPoint access request approvals in one go (admins), sent 50 per request. Inputs: Approval IDs (Approval Names or IDs: picked, IDs separated by commas, or a list), Comment. Returns operation, approval IDs, comment, batches and accepted: true. Changes the approvals: this cannot be undone.',
	descriptionFrom: {
		version: 3,
		description:
			'Approves several SailPoint access request approvals in one go (admins), sent 50 per request. Inputs: Approval IDs (Approval Names or IDs: picked, IDs separated by commas, or a list), Comment. Returns operation, approval IDs, comment, batches, accepted: true and success: true. Changes the approvals: this cannot be undone.',
	},
};

export const subtitle = 'Bulk Approve';

/** A decision: not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

/** The spec's maximum of approval IDs in one call. */
export const MAX_BULK_APPROVE = 50;

export const description: INodeProperties[] = [
	{
		displayName: 'Approval Names or IDs',
		name: 'approvalIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getPendingAccessRequestApprovals' },
		required: true,
		default: [],
		description:
			'The pending approvals to approve. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: 'The list shows every pending access request approval, up to 250 (no owner-id: ORG_ADMIN). More, or IDs from an earlier node: an expression giving a list or IDs separated by commas.',
	},
	{
		...commentField('Why they are approved (ISC requires a comment)', { required: true }),
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const approvalIds = idListOf(this, itemIndex, 'approvalIds', 'Approval IDs');
	const comment = commentOf(this, itemIndex, { required: true })!;
	const approved: string[] = [];
	let batches = 0;
	for (let start = 0; start < approvalIds.length; start += MAX_BULK_APPROVE) {
		const batch = approvalIds.slice(start, start + MAX_BULK_APPROVE);
		const request: IscRequest = {
			method: 'POST',
			endpoint: `${ACCESS_REQUEST_APPROVALS}/bulk-approve`,
			body: { approvalIds: batch, comment },
			itemIndex,
			forbiddenHint:
				'Bulk approving access requests needs ORG_ADMIN (or the right idn:access-request-administration:write) and the scope idn:access-request:manage.',
		};
		try {
			await iscObject(connection, request);
		} catch (error) {
			throw afterSome(this, error, itemIndex, approved, approvalIds.slice(start));
		}
		approved.push(...batch);
		batches++;
	}
	const sent = { operation: 'bulk-approve', approvalIds, comment, batches, accepted: true };
	// Version 3: success: true beside ISC's 202 Accepted, as every decision reports it.
	return reportsDecisions(this) ? { ...sent, success: true } : sent;
}

/** The error itself, or, when some batches were approved before it, one that lists them. */
function afterSome(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	approved: string[],
	rest: string[],
): Error {
	if (approved.length === 0) return error as Error;
	const message = error instanceof Error ? error.message : String(error);
	return apiError(context.getNode(), {
		message: `${approved.length} approval(s) were approved, then a request failed: ${message}`,
		description: `Approved: ${approved.join(', ')}. Not approved or outcome unknown (not repeated, as a decision is sent once): ${rest.join(', ')}.`,
		itemIndex,
	});
}

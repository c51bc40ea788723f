import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Connection } from '../../../../shared/transport/connection';
import { ACCESS_REQUEST_APPROVALS, sendDecision } from '../../../helpers/approvals';

/**
 * Approve, Reject and Forward: ISC answers 202 with an empty object, so the output item says
 * what was done (the approval ID, the action, and what was sent).
 */
export async function decideAccessRequestApproval(
	context: IExecuteFunctions,
	connection: Connection,
	itemIndex: number,
	approvalId: string,
	action: 'approve' | 'reject' | 'forward',
	body: IDataObject,
): Promise<IDataObject> {
	const answer = await sendDecision(context, connection, {
		itemIndex,
		endpoint: `${ACCESS_REQUEST_APPROVALS}/${encodeURIComponent(approvalId)}/${action}`,
		approvalId,
		body,
		service: ACCESS_REQUEST_APPROVALS,
		verb: action,
	});
	const extra = answer !== undefined && Object.keys(answer).length > 0 ? { response: answer } : {};
	return { id: approvalId, operation: action, ...body, accepted: true, ...extra };
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Connection } from '../../../../shared/transport/connection';
import {
	ACCESS_REQUEST_APPROVALS,
	quoted,
	reportsDecisions,
	sendDecision,
} from '../../../helpers/approvals';
import type { IscRequest } from '../../../transport';
import { readIscList, sendIscRequest } from '../../../transport';

/** The state an accepted decision gives the approval (a forward leaves it pending). */
const NEW_STATE = { approve: 'APPROVED', reject: 'REJECTED', forward: 'PENDING' } as const;

/**
 * Approve, Reject and Forward. ISC answers 202 with an empty object, so the output item says
 * what was done (the approval ID, the action, and what was sent). From version 3 it also says
 * what was decided: the approval's name, what was asked for whom, and its new state, with
 * `success: true`. ISC's answer names none of them and ISC finishes a decision after answering
 * (the approval shows `actionInProcess` meanwhile), so the approval is read from the pending
 * list just before the decision is sent (one GET, which a decision that ISC accepts always
 * finds); the state is the one the accepted decision gives it. ISC's approvals API does not
 * say whether the access request needs further approvals, so the item does not claim either.
 */
export async function decideAccessRequestApproval(
	context: IExecuteFunctions,
	connection: Connection,
	itemIndex: number,
	approvalId: string,
	action: 'approve' | 'reject' | 'forward',
	body: IDataObject,
): Promise<IDataObject> {
	const report = reportsDecisions(context);
	const before = report ? await pendingApproval(connection, itemIndex, approvalId) : undefined;
	const answer = await sendDecision(context, connection, {
		itemIndex,
		endpoint: `${ACCESS_REQUEST_APPROVALS}/${encodeURIComponent(approvalId)}/${action}`,
		approvalId,
		body,
		service: ACCESS_REQUEST_APPROVALS,
		verb: action,
	});
	const extra = answer !== undefined && Object.keys(answer).length > 0 ? { response: answer } : {};
	if (!report) return { id: approvalId, operation: action, ...body, accepted: true, ...extra };
	const known = (field: string) =>
		before?.[field] === undefined || before[field] === null ? {} : { [field]: before[field] };
	return {
		...known('name'),
		...known('requestedObject'),
		...known('requestedFor'),
		state: NEW_STATE[action],
		operation: action,
		...body,
		success: true,
		accepted: true,
		id: approvalId,
		...known('accessRequestId'),
		...extra,
	};
}

/**
 * The pending approval, or undefined when it cannot be read (the decision is sent all the same
 * and ISC's answer to it decides the outcome). Without owner-id first (an admin sees every
 * approval); if ISC refuses that, the token's own (`me`).
 */
async function pendingApproval(
	connection: Connection,
	itemIndex: number,
	approvalId: string,
): Promise<IDataObject | undefined> {
	for (const owner of [{}, { 'owner-id': 'me' }]) {
		const request: IscRequest = {
			method: 'GET',
			endpoint: `${ACCESS_REQUEST_APPROVALS}/pending`,
			qs: { ...owner, filters: `id eq ${quoted(approvalId)}`, limit: 1 },
			itemIndex,
		};
		try {
			const response = await sendIscRequest(connection, request);
			if (response.statusCode === 200) return (await readIscList(connection, request, response))[0];
		} catch {
			return undefined;
		}
	}
	return undefined;
}

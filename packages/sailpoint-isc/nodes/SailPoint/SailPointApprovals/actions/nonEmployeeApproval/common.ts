import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError } from '../../../../shared/errors';
import type { Connection } from '../../../../shared/transport/connection';
import { locatorField } from '../../../../shared/locators';
import { ISC_ID_ERROR, ISC_ID_REGEX } from '../../../descriptions/idFields';
import { reportsDecisions } from '../../../helpers/approvals';
import type { IscRequest } from '../../../transport';
import { readIscObject, sendIscRequest } from '../../../transport';

/**
 * ISC's non-employee approvals (/non-employee-approvals/v1): the approver's inbox for contractor
 * and partner accounts (Non-Employee Lifecycle Management).
 */

export const NON_EMPLOYEE_APPROVALS = 'non-employee-approvals';

export const FORBIDDEN_READ =
	"Reading non-employee approvals needs the scope idn:nelm:read; another approver's need the role context idn:nesr:read (an admin).";

export const nonEmployeeApprovalIdField = locatorField({
	displayName: 'Approval ID',
	name: 'approvalId',
	searchListMethod: 'searchPendingNonEmployeeApprovals',
	listPlaceholder: 'Select a pending approval...',
	required: true,
	placeholder: 'ac110005-7156-1150-8171-5b292e3e0084',
	idRegex: ISC_ID_REGEX,
	idError: ISC_ID_ERROR,
	description:
		'The non-employee approval: pick one of your pending approvals or enter its ID (its "ID" in Get Many)',
});

export function notFoundApproval(approvalId: string) {
	return {
		subject: `non-employee approval "${approvalId}"`,
		hint: 'Check the ID: it is a non-employee approval item ID (a UUID from Get Many), not the non-employee request ID.',
	};
}

/**
 * Approve and Reject: sent once (never repeated after a 5xx or a dropped connection); when ISC
 * refuses (400), the approval is read and, if it is no longer pending, the error says what it is.
 */
export async function decideNonEmployeeApproval(
	context: IExecuteFunctions,
	connection: Connection,
	itemIndex: number,
	approvalId: string,
	action: 'approve' | 'reject',
	body: IDataObject,
): Promise<IDataObject> {
	const request: IscRequest = {
		method: 'POST',
		endpoint: `${NON_EMPLOYEE_APPROVALS}/${encodeURIComponent(approvalId)}/${action}`,
		body,
		itemIndex,
		notFound: notFoundApproval(approvalId),
		forbiddenHint: `${action === 'approve' ? 'Approving' : 'Rejecting'} a non-employee approval is for its requested approver only; the token needs the scope idn:nelm:manage.`,
	};
	const response = await sendIscRequest(connection, request);
	if (response.statusCode === 400) {
		const lookup: IscRequest = {
			method: 'GET',
			endpoint: `${NON_EMPLOYEE_APPROVALS}/${encodeURIComponent(approvalId)}`,
			qs: { 'include-detail': false },
			itemIndex,
		};
		const current = await sendIscRequest(connection, lookup).catch(() => undefined);
		const status =
			current?.statusCode === 200 && typeof current.body === 'object' && current.body !== null
				? (current.body as IDataObject).approvalStatus
				: undefined;
		if (typeof status === 'string' && status.toUpperCase() !== 'PENDING') {
			throw apiError(context.getNode(), {
				message: `Cannot ${action} non-employee approval "${approvalId}": it is no longer pending, it is ${status}`,
				description: 'ISC refused the decision (HTTP 400).',
				httpCode: 400,
				itemIndex,
			});
		}
	}
	const answer = await readIscObject(connection, request, response);
	if (answer === undefined) return { id: approvalId, operation: action, ...body, success: true };
	// Version 3: success: true beside the approval ISC answers with, as every decision reports it.
	return reportsDecisions(context) ? { ...answer, success: true } : answer;
}

import type { IDataObject, INode } from 'n8n-workflow';

import { apiError, summarizeBody } from '../../shared/errors';

/**
 * TPP's Flow ticket calls answer HTTP 200 with a Flow Ticket `Result` code and a `Message`;
 * unlike workflow tickets, 0 is success, and the reference says Result appears only when the
 * call failed. Names and meanings from TPP's "Flow Ticket result codes" reference.
 */
export const FLOW_RESULT_CODES: Record<number, string> = {
	0: 'Success',
	1: 'InsufficientPermission',
	2: 'TicketNotFound',
	3: 'FailedToEnumerateTickets',
	4: 'FailedToApproveTickets',
	5: 'FailedToRejectTickets',
	6: 'FailedToCreateTicket',
	7: 'FailedToGetTicket',
	8: 'FailedToDeleteTicket',
	9: 'FailedToUseTicket',
	10: 'NoTicketUsesRemain',
	11: 'FailedToUpdateTickets',
};

const FLOW_SUCCESS = 0;
export const FLOW_INSUFFICIENT_PERMISSION = 1;

const MEANINGS: Record<number, string> = {
	1: 'the caller is not an approver of this ticket (or lacks the permission for the call)',
	2: 'no Flow ticket has this Id',
	3: 'TPP could not list the tickets',
	4: 'TPP could not approve it; most often the ticket is no longer pending (already approved or rejected)',
	5: 'TPP could not reject it; most often the ticket is no longer pending (already approved or rejected)',
	6: 'TPP could not create the ticket',
	7: 'TPP could not load the ticket',
	8: 'TPP could not delete the ticket',
	9: 'TPP could not use the approved ticket',
	10: 'the approved ticket has no uses left',
	11: 'TPP could not update it; only approved tickets can be updated',
};

interface FlowFailure {
	code: number;
	name: string;
	/** TPP's own Message, when it gave one. */
	message?: string;
	/** Ids TPP named as not pending (Reject's InvalidTicketIds). */
	invalidTicketIds?: number[];
}

/** The failure in a Flow answer, or undefined when the call succeeded. */
export function flowFailure(body: unknown): FlowFailure | undefined {
	const record = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const result = record.Result;
	// No Result means success: the reference shows successful answers without one.
	if (result === undefined || result === null || result === FLOW_SUCCESS) return undefined;
	const code = typeof result === 'number' ? result : Number(result);
	const failure: FlowFailure = { code, name: FLOW_RESULT_CODES[code] ?? 'Unknown' };
	if (typeof record.Message === 'string' && record.Message.trim() !== '')
		failure.message = record.Message.trim();
	const invalid = record.InvalidTicketIds;
	if (Array.isArray(invalid) && invalid.length > 0) failure.invalidTicketIds = invalid.map(Number);
	return failure;
}

/** The sentence for a failure: code, name, what it means, and what TPP said. */
export function describeFlowFailure(failure: FlowFailure): string {
	const meaning = MEANINGS[failure.code] ? `: ${MEANINGS[failure.code]}` : '';
	const said = failure.message ? `. TPP said: ${failure.message}` : '';
	return `Result ${Number.isNaN(failure.code) ? '?' : failure.code} ${failure.name}${meaning}${said}`;
}

/** Throws unless the Flow answer succeeded; returns the body as an object otherwise. */
export function requireFlowSuccess(
	node: INode,
	body: unknown,
	operation: string,
	subject: string,
	itemIndex: number,
): IDataObject {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw apiError(node, {
			message: `Venafi TPP ${operation} failed${subject}: the answer is not a JSON object (${summarizeBody(body, 120)})`,
			httpCode: 200,
			itemIndex,
		});
	}
	const failure = flowFailure(body);
	if (failure === undefined) return body as IDataObject;
	throw apiError(node, {
		message: `Venafi TPP ${operation} failed${subject} (${describeFlowFailure(failure)})`,
		description: failure.code === FLOW_INSUFFICIENT_PERMISSION ? SCOPE_HINT : undefined,
		httpCode: 200,
		itemIndex,
	});
}

export const SCOPE_HINT =
	'Only the ticket\'s approvers may act on it (for Teams, the team owner). Approve, Reject and Update need a token whose scope carries the approve privilege, such as "certificate:approve" (TPP: "any valid scope" with :approve); reading works with any scope.';

import type { IDataObject, INode } from 'n8n-workflow';

import { apiError, summarizeBody } from '../../shared/errors';

/**
 * TPP workflow ticket calls answer HTTP 200 with a `Result` code; only 1 is success.
 * Names and meanings from TPP's "Workflow result codes" reference.
 */
export const TICKET_RESULT_CODES: Record<number, string> = {
	0: 'None',
	1: 'Success',
	2: 'GenericFailure',
	3: 'TicketDoesNotExist',
	4: 'InsufficientPrivileges',
	5: 'BadArguments',
	6: 'ObjectDoesNotExist',
	7: 'RemoteError',
	8: 'WorkflowObjectDoesNotExist',
};

/** The Result code that, for lookups, means "no such ticket" rather than a failure. */
export const TICKET_DOES_NOT_EXIST = 3;

const MEANINGS: Record<number, string> = {
	0: 'TPP reported no result',
	2: 'TPP could not complete the ticket operation',
	3: 'the ticket does not exist',
	4: 'the caller is not allowed to act on this ticket',
	5: 'TPP rejected the arguments',
	6: 'the object the ticket refers to does not exist',
	7: 'a remote system reported an error',
	8: 'the workflow object does not exist',
};

const REFRESH_HINT =
	'If the ticket was created after the access token was issued, TPP hides it until permissions are refreshed: turn on Options > Refresh Permissions in this node (Get Details, Get Status, Exists and Get Many have it) or in a Venafi TPP Ticket node that runs before this one; the refresh holds for the token.';

/** Throws unless the body carries Result 1; returns the body otherwise. */
export function requireTicketSuccess(
	node: INode,
	body: unknown,
	operation: string,
	guid: string | undefined,
	itemIndex: number,
): IDataObject {
	const record = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const result = record.Result;
	if (result === 1) return record;
	const code = typeof result === 'number' ? result : Number.NaN;
	const name = TICKET_RESULT_CODES[code] ?? 'Unknown';
	const subject = guid ? ` for ticket ${guid}` : '';
	const codeText = Number.isNaN(code)
		? `no Result code in the answer: ${summarizeBody(body, 120)}`
		: `Result ${code} ${name}`;
	const meaning = MEANINGS[code] ? `: ${MEANINGS[code]}` : '';
	throw apiError(node, {
		message: `Venafi TPP ${operation} failed${subject} (${codeText})${meaning}`,
		description: code === 3 || code === 4 ? REFRESH_HINT : undefined,
		httpCode: 200,
		itemIndex,
	});
}

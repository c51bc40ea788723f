import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { mapInOrder } from '../../../../shared/concurrency';
import { apiError } from '../../../../shared/errors';
import type { Connection } from '../../../../shared/transport/connection';
import { readLimit, requireWholeNumber } from '../../../../shared/validation';
import {
	SCOPE_HINT,
	describeFlowFailure,
	flowFailure,
	FLOW_INSUFFICIENT_PERMISSION,
} from '../../../helpers/flowResultCodes';
import { withFlowTicketNames } from '../../../helpers/flowTicketNames';
import type { FlowEndpoint, FlowList } from '../../../helpers/flowTickets';
import {
	countFlowTickets,
	flowCall,
	idList,
	listFlowTickets,
	requireTicketIds,
} from '../../../helpers/flowTickets';

/** Parameter readers and per-ticket calls shared by the Flow Ticket operations. */

/**
 * The version from which decisions output `success` beside TPP's `Result` (the same field the
 * other nodes output beside their vendor's codes), Approve says whether each ticket is now
 * approved or still needs approvals (decide.ts), and the tickets Get, Get Many Pending/Approved
 * and Approve output carry names beside the identities' IDs (namedFromVersion). Versions 1 and 2
 * output what they did.
 */
export const OUTPUTS_VERSION = 3;

/**
 * From version 3, the tickets with names beside the prefixed universal IDs (requestedByName,
 * ApproverNames, each approval's ApproverName: helpers/flowTicketNames.ts); versions before, as
 * they are. The names' cache belongs to the connection, which the node opens once per run: each
 * distinct identity is asked at most once per run of the node, whatever the items. A name that cannot
 * be had keeps the ID; naming never fails the item.
 */
export async function namedFromVersion(
	context: IExecuteFunctions,
	connection: Connection,
	tickets: IDataObject[],
	itemIndex: number,
): Promise<IDataObject[]> {
	if (context.getNode().typeVersion < OUTPUTS_VERSION || tickets.length === 0) return tickets;
	return await withFlowTicketNames(connection, tickets, itemIndex);
}

/**
 * Flow decisions are not repeated after a 5xx or a dropped connection: TPP does not document
 * them as idempotent, and a repeat could add a second approval or fail as "not pending" after
 * the first try succeeded.
 */
export const FLOW_DECISIONS_IDEMPOTENT = false;

export function readTicketIds(context: IExecuteFunctions, itemIndex: number): number[] {
	const value = context.getNodeParameter('ticketId', itemIndex, undefined, {
		extractValue: true,
	}) as unknown;
	return requireTicketIds(context.getNode(), value, 'Ticket ID', itemIndex);
}

/** Per-ticket writes in flight at once when one item names several tickets. */
const WRITE_CONCURRENCY = 5;

interface Outcome {
	id: number;
	/** Why the ticket was not done, as a sentence. */
	failure?: string;
	/** The Flow Result code when TPP answered with one. */
	code?: number;
	/** The error when the request itself failed (HTTP status, no answer). */
	error?: unknown;
}

/**
 * Sends the call once per ticket (TicketId), so each ticket's outcome is known: TPP answers a
 * TicketIds call with one Result for all of them and, except Reject's InvalidTicketIds, does
 * not say which failed. Outputs one item per ticket; when any failed, throws one error that
 * names the failed Ids with their reasons and the Ids that were done.
 */
export async function actOnEach(
	context: IExecuteFunctions,
	connection: Connection,
	endpoint: FlowEndpoint,
	ids: number[],
	body: IDataObject,
	operation: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	const outcomes = await mapInOrder(ids, WRITE_CONCURRENCY, async (id): Promise<Outcome> => {
		try {
			const answer = await flowCall(connection, endpoint, { ...body, TicketId: id }, itemIndex);
			const failure = flowFailure(answer);
			return failure === undefined
				? { id }
				: { id, failure: describeFlowFailure(failure), code: failure.code };
		} catch (error) {
			return { id, failure: error instanceof Error ? error.message : String(error), error };
		}
	});
	const failed = outcomes.filter((outcome) => outcome.failure !== undefined);
	if (failed.length === 0) {
		// Version 3 on: success beside TPP's Flow Result code (0 is success for Flow tickets).
		const success = context.getNode().typeVersion >= OUTPUTS_VERSION ? { success: true } : {};
		return ids.map((id) => ({ TicketId: id, Result: 0, ...success, ...body }));
	}

	if (ids.length === 1) {
		const [only] = failed;
		if (only.error instanceof NodeApiError || only.error instanceof NodeOperationError)
			throw only.error;
		throw apiError(context.getNode(), {
			message: `Venafi TPP ${operation} failed for ${idList(ids)} (${only.failure})`,
			description: only.code === FLOW_INSUFFICIENT_PERMISSION ? SCOPE_HINT : undefined,
			httpCode: 200,
			itemIndex,
		});
	}
	const done = outcomes
		.filter((outcome) => outcome.failure === undefined)
		.map((outcome) => outcome.id);
	throw apiError(context.getNode(), {
		message: `Venafi TPP ${operation} failed for ${failed.length} of ${ids.length} tickets: ${failed.map((outcome) => outcome.id).join(', ')}`,
		description: [
			...failed.map((outcome) => `Ticket ${outcome.id}: ${outcome.failure}.`),
			done.length > 0 ? `Done: ${done.join(', ')}.` : 'None was done.',
		].join(' '),
		itemIndex,
	});
}

/** How this node's messages state a minimum of 1. */
const ONE_OR_MORE = 'of 1 or more';

function readProductCode(
	context: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): number | undefined {
	if (value === undefined || value === null || value === '' || value === 0) return undefined;
	return requireWholeNumber(context.getNode(), value, 'Product Code', 1, itemIndex, ONE_OR_MORE);
}

/** Return All / Limit and the Product Code filter (flowTicketListingFields), checked. */
function readListing(
	context: IExecuteFunctions,
	itemIndex: number,
): { limit?: number; productCode?: number } {
	const limit = readLimit(context, itemIndex, ONE_OR_MORE);
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const result: { limit?: number; productCode?: number } = {};
	if (limit !== undefined) result.limit = limit;
	const productCode = readProductCode(context, filters.productCode, itemIndex);
	if (productCode !== undefined) result.productCode = productCode;
	return result;
}

/**
 * Get Many Pending / Get Many Approved: one output item per ticket of the list (Enumerate or
 * EnumerateApproved), as Return All, Limit and Product Code ask. A read (Flow calls are POSTs
 * that change nothing here).
 */
export async function listTickets(
	context: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
	list: FlowList,
	operation: string,
): Promise<IDataObject[]> {
	const tickets = await listFlowTickets(
		connection,
		list,
		readListing(context, itemIndex),
		operation,
		itemIndex,
	);
	return await namedFromVersion(context, connection, tickets, itemIndex);
}

/** Count Pending / Count Approved (Count or CountApproved): `Count`, and `status` Pending or Approved. */
export async function countTickets(
	itemIndex: number,
	connection: Connection,
	list: FlowList,
	operation: string,
): Promise<IDataObject> {
	return {
		Count: await countFlowTickets(connection, list, operation, itemIndex),
		status: list === 'pending' ? 'Pending' : 'Approved',
	};
}

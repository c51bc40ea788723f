import type { IDataObject, INode } from 'n8n-workflow';

import { apiError, parameterError } from '../../shared/errors';
import { RepeatedStrings } from '../../shared/repeatedStrings';
import type { Connection } from '../../shared/transport/connection';
import { describeType, truncate } from '../../shared/validation';
import { requireFlowSuccess } from './flowResultCodes';
import { convertTppDates } from './tppDates';
import { tppRequest } from '../transport';

/**
 * Flow ticket calls (POST Flow/Tickets/...) shared by the Venafi Flow Ticket node, its trigger
 * and its picker. `flowCall` is the one place that sends them; whether a call is repeated after
 * a 5xx or a dropped connection is the operation's `idempotent` declaration, on the connection.
 */

export type FlowEndpoint =
	| 'Enumerate'
	| 'EnumerateApproved'
	| 'Count'
	| 'CountApproved'
	| 'Load'
	| 'Approve'
	| 'Reject'
	| 'Update';

/** Sends one Flow call; returns the raw answer (Result codes are the caller's to read). */
export async function flowCall(
	connection: Connection,
	endpoint: FlowEndpoint,
	body: IDataObject,
	itemIndex: number,
): Promise<unknown> {
	const response = await tppRequest(connection, {
		method: 'POST',
		endpoint: `Flow/Tickets/${endpoint}`,
		body,
		itemIndex,
	});
	return response.body;
}

export type FlowList = 'pending' | 'approved';

/** Largest page asked for; TPP documents no maximum, this keeps answers small. */
export const FLOW_PAGE_SIZE = 100;

interface FlowListOptions {
	productCode?: number;
	/** Stop after this many tickets (undefined: all). */
	limit?: number;
	pageSize?: number;
}

/**
 * Enumerate or EnumerateApproved, page by page (TicketPageNumber counts from 0), until a page
 * comes back short. A server that ignores paging and repeats a page ends the loop instead of
 * running forever; tickets already seen are not output twice.
 */
export async function listFlowTickets(
	connection: Connection,
	list: FlowList,
	options: FlowListOptions,
	operation: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	const tickets: IDataObject[] = [];
	const seen = new Set<unknown>();
	// Approvers, requesters and environment values repeat from ticket to ticket: one string each.
	const repeated = new RepeatedStrings();
	const limit = options.limit;
	// One size for every page: TPP counts TicketPageNumber in pages of the size asked for.
	const pageSize = Math.min(options.pageSize ?? FLOW_PAGE_SIZE, limit ?? Infinity);
	for (let page = 0; limit === undefined || tickets.length < limit; page++) {
		const { tickets: batch } = await flowTicketPage(
			connection,
			list,
			{ productCode: options.productCode, page, pageSize },
			operation,
			itemIndex,
		);
		repeated.items(batch);
		const fresh = batch.filter((ticket) => !seen.has(ticket.Id));
		for (const ticket of fresh) seen.add(ticket.Id);
		tickets.push(...fresh);
		if (batch.length < pageSize || fresh.length === 0) break;
	}
	return limit === undefined ? tickets : tickets.slice(0, limit);
}

/** One page of pending or approved tickets, as the node outputs them. */
export async function flowTicketPage(
	connection: Connection,
	list: FlowList,
	query: { productCode?: number; page: number; pageSize: number },
	operation: string,
	itemIndex: number,
): Promise<{ tickets: IDataObject[] }> {
	const body: IDataObject = { TicketPageSize: query.pageSize, TicketPageNumber: query.page };
	if (query.productCode !== undefined) body.ProductCode = query.productCode;
	const answer = await flowCall(
		connection,
		list === 'pending' ? 'Enumerate' : 'EnumerateApproved',
		body,
		itemIndex,
	);
	const result = requireFlowSuccess(connection.context.getNode(), answer, operation, '', itemIndex);
	return {
		tickets: ticketsOf(connection.context.getNode(), result, operation, itemIndex).map(toOutput),
	};
}

/** Count or CountApproved. */
export async function countFlowTickets(
	connection: Connection,
	list: FlowList,
	operation: string,
	itemIndex: number,
): Promise<number> {
	const answer = await flowCall(
		connection,
		list === 'pending' ? 'Count' : 'CountApproved',
		{},
		itemIndex,
	);
	const result = requireFlowSuccess(connection.context.getNode(), answer, operation, '', itemIndex);
	const count = Number(result.Count);
	if (!Number.isInteger(count) || count < 0) {
		throw apiError(connection.context.getNode(), {
			message: `Venafi TPP ${operation} failed: the answer has no Count`,
			httpCode: 200,
			itemIndex,
		});
	}
	return count;
}

/** Load: one ticket (TicketId, answered as `Ticket`) or several (TicketIds, answered as `Tickets`). */
export async function loadFlowTickets(
	connection: Connection,
	ids: number[],
	operation: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	const body: IDataObject = ids.length === 1 ? { TicketId: ids[0] } : { TicketIds: ids };
	const answer = await flowCall(connection, 'Load', body, itemIndex);
	const result = requireFlowSuccess(
		connection.context.getNode(),
		answer,
		operation,
		` for ${idList(ids)}`,
		itemIndex,
	);
	return ticketsOf(connection.context.getNode(), result, operation, itemIndex).map(toOutput);
}

function ticketsOf(
	node: INode,
	answer: IDataObject,
	operation: string,
	itemIndex: number,
): IDataObject[] {
	const listed =
		answer.Tickets ??
		(answer.Ticket === undefined || answer.Ticket === null ? [] : [answer.Ticket]);
	if (listed === null) return [];
	if (
		!Array.isArray(listed) ||
		!listed.every((entry) => typeof entry === 'object' && entry !== null)
	) {
		throw apiError(node, {
			message: `Venafi TPP ${operation} failed: the answer's Tickets are not a list of tickets`,
			httpCode: 200,
			itemIndex,
		});
	}
	return listed as IDataObject[];
}

/** Environment keys that say who asks, for what, and why, in the order they are tried. */
const REQUESTER_KEYS = ['Requested By', 'Requester', 'Suggested By', 'User', 'Requestor'];
const OBJECT_KEYS = ['Object DN', 'Key', 'Certificate DN', 'Context', 'Dn'];
const REASON_KEYS = ['Comment', 'Reason', 'Justification', 'Description'];

/**
 * A ticket as the node outputs it: TPP's fields with dates in ISO 8601 (UTC), the Environment
 * also as a Key → Value object, and, when the Environment names them, who asks (requestedBy),
 * for which object (object) and why (reason).
 */
function toOutput(ticket: IDataObject): IDataObject {
	const output = convertTppDates(ticket);
	const environment: IDataObject = {};
	if (Array.isArray(ticket.Environment)) {
		for (const entry of ticket.Environment as IDataObject[]) {
			if (entry && typeof entry.Key === 'string') environment[entry.Key] = entry.Value as string;
		}
	}
	output.environment = environment;
	const pick = (keys: string[]) => {
		for (const key of keys) {
			const found = Object.keys(environment).find(
				(name) => name.toLowerCase() === key.toLowerCase(),
			);
			if (
				found !== undefined &&
				typeof environment[found] === 'string' &&
				environment[found] !== ''
			)
				return environment[found];
		}
		return undefined;
	};
	const requestedBy = pick(REQUESTER_KEYS);
	const object = pick(OBJECT_KEYS);
	const reason = pick(REASON_KEYS);
	if (requestedBy !== undefined) output.requestedBy = requestedBy;
	if (object !== undefined) output.object = object;
	if (reason !== undefined) output.reason = reason;
	return output;
}

/**
 * Ticket Ids from the node's field: a number, a numeric text, several separated by commas, or a
 * list (from an expression). Each must be a positive whole number; duplicates are dropped.
 */
export function requireTicketIds(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): number[] {
	const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	const entries = raw.filter((entry) => !(typeof entry === 'string' && entry.trim() === ''));
	if (value === undefined || value === null || entries.length === 0) {
		throw parameterError(node, `The "${field}" parameter is required but is empty`, itemIndex);
	}
	const ids = entries.map((entry) => {
		const text =
			typeof entry === 'number' || typeof entry === 'string'
				? String(entry).trim().replace(/^#/, '')
				: undefined;
		const id = text !== undefined && /^\d+$/.test(text) ? Number(text) : Number.NaN;
		if (!Number.isSafeInteger(id) || id <= 0) {
			throw parameterError(
				node,
				`The "${field}" parameter must hold Flow ticket Ids (whole numbers such as 12, or 12, 13), but it contains ${
					typeof entry === 'string'
						? `"${truncate(entry)}"`
						: typeof entry === 'number'
							? String(entry)
							: describeType(entry)
				}`,
				itemIndex,
			);
		}
		return id;
	});
	return [...new Set(ids)];
}

export function idList(ids: readonly number[]): string {
	return ids.length === 1 ? `ticket ${ids[0]}` : `tickets ${ids.join(', ')}`;
}

/** TPP's UTC form for notBefore and Expires: YYYY-MM-DDTHH:MM:SS.mmm, without a zone designator. */
export function toTppUtc(isoUtc: string): string {
	return isoUtc.replace(/Z$/, '');
}

import type { ServerResponse } from 'node:http';

import { sendJson } from './http';

/**
 * TPP's Flow ticket calls (POST /vedsdk/Flow/Tickets/...) as the WebSDK reference describes
 * them: Enumerate and EnumerateApproved (ProductCode, TicketPageSize, TicketPageNumber counted
 * from 0), Count and CountApproved, Load (TicketId answers `Ticket`, TicketIds answers
 * `Tickets`), Approve, Reject (RejectionLevel 1 Retry or 2 Final; InvalidTicketIds for tickets
 * not pending) and Update (approved tickets only). Answers are HTTP 200 with a Flow Ticket
 * Result code (0 Success) and Message, which the reference says appear only on failure; a
 * malformed request is HTTP 400 with `Error`. Tickets really move: an approval that reaches
 * RequiredApprovals makes the ticket Approved, and the counts follow.
 */

/** Flow Ticket result codes, from TPP's "Flow Ticket result codes" reference. */
export const FLOW_RESULT = {
	Success: 0,
	InsufficientPermission: 1,
	TicketNotFound: 2,
	FailedToEnumerateTickets: 3,
	FailedToApproveTickets: 4,
	FailedToRejectTickets: 5,
	FailedToGetTicket: 7,
	FailedToUpdateTickets: 11,
} as const;

/** Flow Ticket status codes: 0 Pending, 1 Approved, 2 Rejected. */
export type FlowStatus = 0 | 1 | 2;

export interface FlowTicket {
	Id: number;
	Identifier: string;
	ProductCode: number;
	Approvers: string[];
	Approvals: Array<{ ApprovalTime: number; Universal: string }>;
	CreationTime: number;
	Environment: Array<{ Key: string; Value: string }>;
	FlowProcessId: number;
	RequiredApprovals: number;
	status: FlowStatus;
	RemainingUses?: number;
	/** What Approve / Update set, as sent. */
	notBefore?: string;
	Expires?: string;
	useCount?: number;
	comment?: string;
	rejectionLevel?: number;
}

/** The caller the sandbox's token stands for (as tpp.ts's SANDBOX_CALLER). */
const CALLER = 'local:{e3fc9359-77cf-4940-bd1d-0c67433a76e5}';
const OTHER_APPROVER = 'local:{a69f5174-4961-4781-b338-58f983b0b922}';

/** The product code of TPP's documented Flow examples. */
export const DOCUMENTED_PRODUCT_CODE = 4390913;
/** A second product, so the ProductCode filter has something to leave out. */
export const OTHER_PRODUCT_CODE = 4456449;

/** A pending ticket whose approvers do not include the caller: acting on it answers Result 1. */
export const NOT_MY_TICKET_ID = 9001;

let identifierSeed = 0;

function identifier(): string {
	identifierSeed++;
	return identifierSeed.toString(16).toUpperCase().padStart(64, 'C');
}

/** Who asks for ticket `id` in the seed: a prefixed universal ID, as TPP's examples show them. */
export function flowRequester(id: number): string {
	return `local:{8b5211ec-ee45-4c98-9aa5-8cdfa6c127${id.toString().padStart(2, '0').slice(-2)}}`;
}

/** A pending CodeSign-style ticket: who asks, for which key, why. */
export function codeSignTicket(id: number, partial: Partial<FlowTicket> = {}, now = Date.UTC(2026, 10, 1, 9, 0, 0)): FlowTicket {
	return {
		Id: id,
		Identifier: identifier(),
		ProductCode: DOCUMENTED_PRODUCT_CODE,
		Approvers: [CALLER],
		Approvals: [],
		CreationTime: now + id * 60_000,
		Environment: [
			{ Key: 'Object DN', Value: `\\VED\\Code Signing\\Projects\\Release\\Environments\\Signing key ${id}` },
			{ Key: 'Requested By', Value: flowRequester(id) },
			{ Key: 'Comment', Value: `Sign release build ${id}` },
			{ Key: 'Process Start Time', Value: '2026-11-01 09:00:00.000' },
		],
		FlowProcessId: -1,
		RequiredApprovals: 1,
		status: 0,
		...partial,
	};
}

export function seedFlowTickets(): FlowTicket[] {
	return [
		codeSignTicket(11),
		codeSignTicket(12),
		codeSignTicket(13, { ProductCode: OTHER_PRODUCT_CODE }),
		codeSignTicket(14, { RequiredApprovals: 2, Approvers: [CALLER, OTHER_APPROVER] }),
		codeSignTicket(NOT_MY_TICKET_ID, { Approvers: [OTHER_APPROVER] }),
		codeSignTicket(21, {
			status: 1,
			Approvals: [{ ApprovalTime: Date.UTC(2026, 10, 1, 10, 0, 0), Universal: CALLER }],
			RemainingUses: 3,
			useCount: 3,
		}),
	];
}

export class TppFlowSandbox {
	readonly tickets = new Map<number, FlowTicket>();
	/** Approve, Reject and Update requests that changed something. */
	writes = 0;

	constructor(tickets: FlowTicket[] = seedFlowTickets()) {
		this.reset(tickets);
	}

	reset(tickets: FlowTicket[] = seedFlowTickets()): void {
		this.tickets.clear();
		this.writes = 0;
		for (const ticket of tickets) this.tickets.set(ticket.Id, { ...ticket });
	}

	/** The last Id handed out: like TPP's, Ids only grow, also across reset(). */
	private lastId = 100;

	/** Adds a pending ticket as a signing request would; returns its Id. */
	add(partial: Partial<FlowTicket> = {}): number {
		const id = partial.Id ?? Math.max(this.lastId, ...this.tickets.keys()) + 1;
		this.lastId = Math.max(this.lastId, id);
		this.tickets.set(id, codeSignTicket(id, { CreationTime: Date.now(), ...partial, Id: id }));
		return id;
	}

	handles(path: string): boolean {
		return path.startsWith('/vedsdk/flow/tickets/');
	}

	/** `path` is lower case; `body` the parsed JSON. */
	handle(path: string, body: unknown, res: ServerResponse): void {
		// Count and CountApproved take no parameters: an empty body is as good as {}.
		if (body === undefined && /\/count(approved)?\/?$/.test(path)) body = {};
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			return sendJson(res, 400, { Error: 'The request body must be a JSON object.' });
		}
		const request = body as Record<string, unknown>;
		switch (path.replace(/\/+$/, '')) {
			case '/vedsdk/flow/tickets/enumerate':
				return this.enumerate(request, 0, res);
			case '/vedsdk/flow/tickets/enumerateapproved':
				return this.enumerate(request, 1, res);
			case '/vedsdk/flow/tickets/count':
				return sendJson(res, 200, { Count: this.visible(0).length, Message: '' });
			case '/vedsdk/flow/tickets/countapproved':
				return sendJson(res, 200, { Count: this.visible(1).length, Message: '' });
			case '/vedsdk/flow/tickets/load':
				return this.load(request, res);
			case '/vedsdk/flow/tickets/approve':
				return this.approve(request, res);
			case '/vedsdk/flow/tickets/reject':
				return this.reject(request, res);
			case '/vedsdk/flow/tickets/update':
				return this.update(request, res);
			default:
				return sendJson(res, 404, { error: 'not_found', error_description: `No operation at ${path}` });
		}
	}

	/** The tickets in a status that the caller approves, in Id order. */
	private visible(status: FlowStatus, productCode?: number): FlowTicket[] {
		return [...this.tickets.values()]
			.filter((ticket) => ticket.status === status && ticket.Approvers.includes(CALLER))
			.filter((ticket) => productCode === undefined || ticket.ProductCode === productCode)
			.sort((a, b) => a.Id - b.Id);
	}

	private enumerate(body: Record<string, unknown>, status: FlowStatus, res: ServerResponse): void {
		const product = optionalInteger(body.ProductCode);
		const size = optionalInteger(body.TicketPageSize);
		const page = optionalInteger(body.TicketPageNumber);
		for (const [name, value] of [['ProductCode', product], ['TicketPageSize', size], ['TicketPageNumber', page]] as const) {
			if (value === null || (typeof value === 'number' && value < 0)) {
				return sendJson(res, 400, { Error: `${name} must be a whole number of 0 or more.` });
			}
		}
		const all = this.visible(status, product as number | undefined);
		const pageSize = typeof size === 'number' && size > 0 ? size : all.length;
		const start = ((page as number | undefined) ?? 0) * pageSize;
		const tickets = all.slice(start, start + pageSize).map(toWire);
		sendJson(res, 200, { Tickets: tickets });
	}

	private load(body: Record<string, unknown>, res: ServerResponse): void {
		const ids = this.ids(body, res);
		if (ids === undefined) return;
		const missing = ids.filter((id) => !this.tickets.has(id));
		if (missing.length > 0) {
			return sendJson(res, 200, { Result: FLOW_RESULT.TicketNotFound, Message: `Ticket ${missing.join(', ')} was not found.` });
		}
		const foreign = ids.filter((id) => !this.tickets.get(id)!.Approvers.includes(CALLER));
		if (foreign.length > 0) {
			return sendJson(res, 200, {
				Result: FLOW_RESULT.InsufficientPermission,
				Message: `The caller is not an approver of ticket ${foreign.join(', ')}.`,
			});
		}
		if (body.TicketId !== undefined) return sendJson(res, 200, { Message: '', Ticket: toWire(this.tickets.get(ids[0])!) });
		sendJson(res, 200, { Message: '', Tickets: ids.map((id) => toWire(this.tickets.get(id)!)) });
	}

	private approve(body: Record<string, unknown>, res: ServerResponse): void {
		const ids = this.ids(body, res);
		if (ids === undefined) return;
		const window = this.window(body, res);
		if (window === undefined) return;
		const refusal = this.refuse(ids, 0, FLOW_RESULT.FailedToApproveTickets, 'approve', res);
		if (refusal) return;
		for (const id of ids) {
			const ticket = this.tickets.get(id)!;
			ticket.Approvals.push({ ApprovalTime: Date.now(), Universal: CALLER });
			if (typeof body.Comment === 'string') ticket.comment = body.Comment;
			Object.assign(ticket, window);
			if (window.useCount !== undefined) ticket.RemainingUses = window.useCount;
			if (ticket.Approvals.length >= ticket.RequiredApprovals) ticket.status = 1;
		}
		this.writes++;
		sendJson(res, 200, { Message: '' });
	}

	private reject(body: Record<string, unknown>, res: ServerResponse): void {
		const ids = this.ids(body, res);
		if (ids === undefined) return;
		if (body.RejectionLevel !== 1 && body.RejectionLevel !== 2) {
			return sendJson(res, 400, { Error: 'RejectionLevel must be 1 (Retry) or 2 (Final).' });
		}
		if (this.refuse(ids, 0, FLOW_RESULT.FailedToRejectTickets, 'reject', res)) return;
		for (const id of ids) {
			const ticket = this.tickets.get(id)!;
			ticket.status = 2;
			ticket.rejectionLevel = body.RejectionLevel;
			if (typeof body.Comment === 'string') ticket.comment = body.Comment;
		}
		this.writes++;
		sendJson(res, 200, { Message: '' });
	}

	private update(body: Record<string, unknown>, res: ServerResponse): void {
		const ids = this.ids(body, res);
		if (ids === undefined) return;
		const window = this.window(body, res);
		if (window === undefined) return;
		if (this.refuse(ids, 1, FLOW_RESULT.FailedToUpdateTickets, 'update', res)) return;
		for (const id of ids) {
			const ticket = this.tickets.get(id)!;
			Object.assign(ticket, window);
			if (window.useCount !== undefined) ticket.RemainingUses = window.useCount;
			if (typeof body.Comment === 'string') ticket.comment = body.Comment;
		}
		this.writes++;
		sendJson(res, 200, { Message: '' });
	}

	/**
	 * Answers the failure when any ticket is missing (2), not the caller's (1) or not in the
	 * status the call needs (the call's own code; Reject also lists InvalidTicketIds).
	 */
	private refuse(ids: number[], needed: FlowStatus, code: number, verb: string, res: ServerResponse): boolean {
		const missing = ids.filter((id) => !this.tickets.has(id));
		if (missing.length > 0) {
			sendJson(res, 200, { Result: FLOW_RESULT.TicketNotFound, Message: `Ticket ${missing.join(', ')} was not found.` });
			return true;
		}
		const foreign = ids.filter((id) => !this.tickets.get(id)!.Approvers.includes(CALLER));
		if (foreign.length > 0) {
			sendJson(res, 200, {
				Result: FLOW_RESULT.InsufficientPermission,
				Message: `The caller is not an approver of ticket ${foreign.join(', ')}.`,
			});
			return true;
		}
		const invalid = ids.filter((id) => this.tickets.get(id)!.status !== needed);
		if (invalid.length > 0) {
			const state = needed === 0 ? 'Pending' : 'Approved';
			const answer: Record<string, unknown> = {
				Result: code,
				Message: `Failed to ${verb} ticket ${invalid.join(', ')}: not in the ${state} state.`,
			};
			if (verb === 'reject') answer.InvalidTicketIds = invalid;
			sendJson(res, 200, answer);
			return true;
		}
		return false;
	}

	/** TicketId or TicketIds, not both (HTTP 400 otherwise, as an argument error). */
	private ids(body: Record<string, unknown>, res: ServerResponse): number[] | undefined {
		const one = body.TicketId;
		// The reference spells it TicketIds and TicketIDs; TPP's JSON binding ignores case.
		const manyKey = Object.keys(body).find((key) => key.toLowerCase() === 'ticketids');
		const many = manyKey === undefined ? undefined : body[manyKey];
		if ((one === undefined) === (many === undefined)) {
			sendJson(res, 400, { Error: 'Specify TicketId or TicketIds, not both.' });
			return undefined;
		}
		const list = one !== undefined ? [one] : many;
		if (!Array.isArray(list) || list.length === 0 || !list.every((id) => Number.isInteger(id) && (id as number) > 0)) {
			sendJson(res, 400, { Error: 'Ticket Ids must be positive whole numbers.' });
			return undefined;
		}
		return list as number[];
	}

	/** notBefore, Expires (UTC, YYYY-MM-DDTHH:MM:SS.mmm) and useCount as the reference gives them. */
	private window(body: Record<string, unknown>, res: ServerResponse): Partial<FlowTicket> | undefined {
		const window: Partial<FlowTicket> = {};
		for (const key of ['notBefore', 'Expires'] as const) {
			const value = body[key];
			if (value === undefined || value === null) continue;
			if (typeof value !== 'string' || !TPP_UTC.test(value)) {
				sendJson(res, 400, { Error: `${key} must be a UTC time such as 2026-11-24T10:15:00.000.` });
				return undefined;
			}
			window[key] = value;
		}
		if (body.useCount !== undefined && body.useCount !== null) {
			if (!Number.isInteger(body.useCount) || (body.useCount as number) < 1) {
				sendJson(res, 400, { Error: 'useCount must be a whole number of 1 or more.' });
				return undefined;
			}
			window.useCount = body.useCount as number;
		}
		if (window.notBefore && window.Expires && Date.parse(`${window.Expires}Z`) <= Date.parse(`${window.notBefore}Z`)) {
			sendJson(res, 400, { Error: 'Expires must be later than notBefore.' });
			return undefined;
		}
		return window;
	}
}

/** The reference's form (its Update example uses a space instead of the T). */
const TPP_UTC = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/;

function optionalInteger(value: unknown): number | undefined | null {
	if (value === undefined || value === null) return undefined;
	return Number.isInteger(value) ? (value as number) : null;
}

/** A ticket as TPP writes it: /Date(ms-0700)/ for CreationTime (the reference's example), /Date(ms)/ for approvals. */
function toWire(ticket: FlowTicket): Record<string, unknown> {
	const wire: Record<string, unknown> = {
		Approvals: ticket.Approvals.map((approval) => ({ ApprovalTime: `/Date(${approval.ApprovalTime})/`, Universal: approval.Universal })),
		Approvers: ticket.Approvers,
		CreationTime: `/Date(${ticket.CreationTime}-0700)/`,
		Environment: ticket.Environment,
		FlowProcessId: ticket.FlowProcessId,
		Id: ticket.Id,
		Identifier: ticket.Identifier,
		ProductCode: ticket.ProductCode,
		RequiredApprovals: ticket.RequiredApprovals,
	};
	if (ticket.RemainingUses !== undefined) wire.RemainingUses = ticket.RemainingUses;
	return wire;
}

import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { apiError, parameterError } from '../../shared/errors';
import type { Connection } from '../../shared/transport/connection';
import { normalizeGuid, optionalText, requireGuid, truncate } from '../../shared/validation';
import { optionalDn } from './distinguishedNames';
import { mapInOrder } from '../../shared/concurrency';
import { requireTicketSuccess, TICKET_DOES_NOT_EXIST } from './resultCodes';
import { convertTppDates } from './tppDates';
import { tppRequest } from '../transport';

/**
 * Workflow ticket calls shared by the Venafi Ticket node and the Venafi Ticket Trigger:
 * finding tickets (Enumerate), reading their details, and refreshing the caller's permissions.
 */

export const TICKET_STATUSES = [
	'Pending',
	'Approved',
	'Approved After',
	'Approved Between',
	'Rejected',
];

/** Details requests in flight at once when one item or one poll reads many tickets. */
export const DETAILS_CONCURRENCY = 5;

interface TicketFilter {
	objectDn?: string;
	userData?: string;
}

/** The Enumerate filter from the node's fields; TPP needs at least one of the two. */
export function ticketFilter(
	node: INode,
	objectDn: unknown,
	userData: unknown,
	itemIndex: number,
): TicketFilter {
	// A field holding only spaces counts as not set.
	const given = (value: unknown) =>
		typeof value === 'string' && value.trim() === '' ? undefined : value;
	const filter: TicketFilter = {
		objectDn: optionalDn(node, given(objectDn), 'Object DN', itemIndex),
		userData: optionalText(node, given(userData), 'User Data', itemIndex),
	};
	if (filter.objectDn === undefined && filter.userData === undefined) {
		throw parameterError(
			node,
			'Set "Object DN" or "User Data" (or both): TPP finds tickets only by the object they act on or by the identities stored with them',
			itemIndex,
			'POST Workflow/Ticket/Enumerate needs at least one of ObjectDN and UserData.',
		);
	}
	return filter;
}

/** "me" in User Data: the signed-in user, as the prefixed universal ID TPP lists in tickets. */
const ME = /^me$/i;

/**
 * The filter with each "me" of its User Data replaced by the token's own identity (GET
 * Identity/Self, any scope), asked once; a filter without "me" is returned as it is.
 */
export async function resolveMe(
	connection: Connection,
	filter: TicketFilter,
	itemIndex: number,
): Promise<TicketFilter> {
	const entries = filter.userData?.split(',').map((entry) => entry.trim()) ?? [];
	if (!entries.some((entry) => ME.test(entry))) return filter;
	const response = await tppRequest(connection, {
		method: 'GET',
		endpoint: 'Identity/Self',
		itemIndex,
	});
	const identities = (response.body as IDataObject | undefined)?.Identities;
	const self = Array.isArray(identities) ? (identities[0] as IDataObject | undefined) : undefined;
	if (typeof self?.PrefixedUniversal !== 'string' || self.PrefixedUniversal === '') {
		throw apiError(connection.context.getNode(), {
			message:
				'Venafi TPP did not say who the signed-in user is (Identity/Self), so "me" in User Data cannot be used: enter your prefixed universal ID instead',
			httpCode: response.statusCode,
			itemIndex,
		});
	}
	const me = self.PrefixedUniversal;
	const userData = [
		...new Set(entries.filter(Boolean).map((entry) => (ME.test(entry) ? me : entry))),
	].join(',');
	return { ...filter, userData };
}

/** The statuses to keep, from a multi-options field; empty means every status. */
export function statusFilter(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): string[] {
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value) ? value : [value];
	return list.map((entry) => {
		const match = TICKET_STATUSES.find(
			(status) => status.toLowerCase() === String(entry).trim().toLowerCase(),
		);
		if (match === undefined) {
			throw parameterError(
				node,
				`The "${field}" option must list statuses among ${TICKET_STATUSES.join(', ')}, but it contains "${truncate(String(entry))}"`,
				itemIndex,
			);
		}
		return match;
	});
}

export function matchesStatus(status: unknown, wanted: readonly string[]): boolean {
	if (wanted.length === 0) return true;
	return (
		typeof status === 'string' &&
		wanted.some((entry) => entry.toLowerCase() === status.toLowerCase())
	);
}

/** POST Workflow/Ticket/Enumerate: the GUIDs of the matching tickets, without duplicates. */
export async function enumerateTickets(
	connection: Connection,
	filter: TicketFilter,
	operation: string,
	itemIndex: number,
): Promise<string[]> {
	const body: IDataObject = {};
	if (filter.objectDn !== undefined) body.ObjectDN = filter.objectDn;
	if (filter.userData !== undefined) body.UserData = filter.userData;
	const response = await tppRequest(connection, {
		method: 'POST',
		endpoint: 'Workflow/Ticket/Enumerate',
		body,
		itemIndex,
	});
	const result = requireTicketSuccess(
		connection.context.getNode(),
		response.body,
		operation,
		undefined,
		itemIndex,
	);
	// TPP documents `GUIDs`; some versions spell it `GUIDS`. No tickets may come as null.
	const key = Object.keys(result).find((name) => name.toLowerCase() === 'guids');
	const listed = key === undefined ? undefined : result[key];
	if (listed === undefined || listed === null) return [];
	if (!Array.isArray(listed)) {
		throw apiError(connection.context.getNode(), {
			message: `Venafi TPP ${operation} failed: Workflow/Ticket/Enumerate answered GUIDs that are not a list`,
			httpCode: response.statusCode,
			itemIndex,
		});
	}
	const guids = listed
		.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '')
		.map(normalizeGuid);
	return [...new Set(guids)];
}

/**
 * POST Workflow/Ticket/Details for one ticket, as the Get Details operation outputs it.
 * Returns undefined for a ticket that no longer exists (Result 3): listed by Enumerate a moment
 * ago, it was deleted since, and leaving it out is the true answer.
 */
async function ticketDetailsIfExists(
	connection: Connection,
	guid: string,
	operation: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const details = await askTicketIfExists(
		connection,
		'Workflow/Ticket/Details',
		guid,
		operation,
		itemIndex,
	);
	return details === undefined ? undefined : { GUID: guid, ...convertTppDates(details) };
}

/** Details of many tickets, a few requests at a time, in the GUIDs' order; vanished tickets left out. */
export async function ticketDetailsInOrder(
	connection: Connection,
	guids: readonly string[],
	operation: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	const details = await mapInOrder(
		guids,
		DETAILS_CONCURRENCY,
		async (guid) => await ticketDetailsIfExists(connection, guid, operation, itemIndex),
	);
	return details.filter((entry): entry is IDataObject => entry !== undefined);
}

/** POST Workflow/Ticket/Status; undefined for a ticket deleted since it was listed (Result 3). */
export async function ticketStatusIfExists(
	connection: Connection,
	guid: string,
	operation: string,
	itemIndex: number,
): Promise<string | undefined> {
	const result = await askTicketIfExists(
		connection,
		'Workflow/Ticket/Status',
		guid,
		operation,
		itemIndex,
	);
	if (result === undefined) return undefined;
	return typeof result.Status === 'string' ? result.Status : String(result.Status ?? '');
}

/**
 * POSTs `{ GUID }` to a ticket call; TPP's successful answer, or undefined for a ticket that no
 * longer exists (Result 3); any other failure Result is an error naming the ticket.
 */
async function askTicketIfExists(
	connection: Connection,
	endpoint: 'Workflow/Ticket/Details' | 'Workflow/Ticket/Status',
	guid: string,
	operation: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const response = await tppRequest(connection, {
		method: 'POST',
		endpoint,
		body: { GUID: guid },
		itemIndex,
	});
	const body = response.body as IDataObject | undefined;
	if (body?.Result === TICKET_DOES_NOT_EXIST) return undefined;
	return requireTicketSuccess(connection.context.getNode(), body, operation, guid, itemIndex);
}

/**
 * GET Permissions/Refresh: TPP grants a ticket's approvers their rights when the ticket is
 * created, and a token issued before that does not see the ticket until this call (or a new
 * token). The documented URL ends with a slash, like other parameterless WebSDK GETs.
 */
export async function refreshPermissions(connection: Connection, itemIndex: number): Promise<void> {
	const response = await tppRequest(connection, {
		method: 'GET',
		endpoint: 'Permissions/Refresh/',
		itemIndex,
	});
	const body = (
		typeof response.body === 'object' && response.body !== null ? response.body : {}
	) as IDataObject;
	if (body.Result === 1) return;
	const said =
		typeof body.Error === 'string'
			? body.Error
			: typeof body.error === 'string'
				? body.error
				: undefined;
	throw apiError(connection.context.getNode(), {
		message: `Venafi TPP could not refresh the caller's permissions (Permissions/Refresh answered ${
			typeof body.Result === 'number' ? `Result ${body.Result}` : 'no Result 1'
		})`,
		// TPP's error quotes the key it rejected; the quoted value is left out.
		description: [
			said?.replace(/'[^']*'/g, "'***'"),
			'The token may have expired: get a new one and update the Venafi TPP credential.',
		]
			.filter(Boolean)
			.join(' '),
		httpCode: response.statusCode,
		itemIndex,
	});
}

/** Calls GET Permissions/Refresh once per node run when the item's options ask for it. */
export async function refreshPermissionsIfAsked(
	connection: Connection,
	options: IDataObject,
	itemIndex: number,
): Promise<void> {
	if (options.refreshPermissions !== true) return;
	// One refresh serves every item of the run: it reloads the token's rights on the server.
	await connection.once(
		'refreshPermissions',
		async () => await refreshPermissions(connection, itemIndex),
	);
}

/**
 * A Reason (the ID of an administrator-defined reason code) as Create and Update Status send
 * it: a whole number from 0. `kind` is how the editor shows it: a "parameter" or a "field"
 * of Additional Fields.
 */
export function requireReasonCode(
	node: INode,
	value: unknown,
	kind: 'parameter' | 'field',
	itemIndex: number,
): number {
	const reason = Number(value);
	if (!Number.isInteger(reason) || reason < 0) {
		throw parameterError(
			node,
			`The "Reason" ${kind} must be a whole number (a reason ID), but it is "${truncate(String(value))}"`,
			itemIndex,
		);
	}
	return reason;
}

/**
 * What the operations on one ticket share: the Ticket GUID checked, GET Permissions/Refresh
 * when the item's options ask for it, then the POST with the GUID. Returns the GUID and TPP's
 * answer for the operation to read its Result.
 */
export async function postForTicket(
	context: IExecuteFunctions,
	connection: Connection,
	itemIndex: number,
	endpoint: string,
): Promise<{ guid: string; body: IDataObject | undefined }> {
	const guid = requireGuid(
		context.getNode(),
		context.getNodeParameter('guid', itemIndex, '', { extractValue: true }),
		'Ticket GUID',
		itemIndex,
	);
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	await refreshPermissionsIfAsked(connection, options, itemIndex);
	const response = await tppRequest(connection, {
		method: 'POST',
		endpoint,
		body: { GUID: guid },
		itemIndex,
	});
	return { guid, body: response.body as IDataObject | undefined };
}

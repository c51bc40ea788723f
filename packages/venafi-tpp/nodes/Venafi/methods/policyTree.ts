import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { apiError } from '../../shared/errors';
import { mapInOrder } from '../../shared/concurrency';
import { pageOf } from '../../shared/locators';
import type { Connection } from '../../shared/transport/connection';
import { retrySettings } from '../../shared/transport/retry';
import { enumerateTickets, ticketDetailsInOrder } from '../helpers/tickets';
import { tppConnection, tppRequest } from '../transport';
import { needingConfigurationScope } from './scopeNeeded';

/**
 * The Venafi Ticket pickers, all from POST Config/FindObjectsOfClass (token scope
 * "Configuration"): Object DN lists certificates and policy folders, Workflow DN the workflow
 * objects, both by name (TPP matches the typed text as a `*text*` pattern on object names).
 * Ticket GUID lists the tickets of the certificates whose name matches: TPP has no call that
 * lists tickets by themselves, so each certificate's tickets come from Workflow/Ticket/Enumerate
 * and their status from Workflow/Ticket/Details. TPP does not page FindObjectsOfClass: the
 * pickers page its answer here.
 */

const PAGE_SIZE = 50;
/** Certificates whose tickets one Ticket GUID page looks up (an Enumerate call each). */
const TICKET_SCAN = 25;
const ENUMERATE_CONCURRENCY = 5;
/** Batches of TICKET_SCAN certificates one page scans at most while it has found no ticket. */
const MAX_BATCHES = 4;

const OBJECT_CLASSES = ['X509 Certificate', 'Policy'];
const WORKFLOW_CLASSES = ['Workflow', 'Adaptable Workflow'];

/** The typed text as TPP's name pattern: `*text*`, or as typed when it has wildcards already. */
function namePattern(filter: string | undefined): string | undefined {
	const text = filter?.trim() ?? '';
	if (text === '') return undefined;
	return /[*?]/.test(text) ? text : `*${text}*`;
}

async function findObjects(
	connection: Connection,
	classes: string[],
	filter: string | undefined,
): Promise<IDataObject[]> {
	const body: IDataObject = { Classes: classes };
	const pattern = namePattern(filter);
	if (pattern !== undefined) body.Pattern = pattern;
	const response = await tppRequest(connection, {
		method: 'POST',
		endpoint: 'Config/FindObjectsOfClass',
		body,
		itemIndex: 0,
	});
	const answer = (response.body ?? {}) as IDataObject;
	if (answer.Result !== 1 || !Array.isArray(answer.Objects)) {
		const said = typeof answer.Error === 'string' ? `: ${answer.Error}` : '';
		throw apiError(connection.context.getNode(), {
			message: `Venafi TPP could not list ${classes.join(', ')} objects (Config/FindObjectsOfClass answered Result ${String(answer.Result)}${said})`,
			httpCode: response.statusCode,
			itemIndex: 0,
		});
	}
	return (answer.Objects as IDataObject[]).filter((object) => typeof object.DN === 'string');
}

function connect(context: ILoadOptionsFunctions): Connection {
	return tppConnection(context, { idempotent: true, retry: retrySettings() });
}

/** The policy folder an object is in, without TPP's `\\VED` root ('' when unknown). */
function folderOf(object: IDataObject): string {
	return typeof object.Parent === 'string' ? object.Parent.replace(/^\\VED/i, '') : '';
}

/** n8n's list shows only the name: it carries the class and the folder, so equal names differ. */
function objectItem(object: IDataObject): INodeListSearchItems {
	const dn = String(object.DN);
	const folder = folderOf(object);
	return {
		name: `${String(object.Name ?? dn)} (${String(object.TypeName ?? 'object')})${folder ? ` in ${folder}` : ''}`,
		value: dn,
		description: dn,
	};
}

async function searchClasses(
	context: ILoadOptionsFunctions,
	classes: string[],
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const objects = await needingConfigurationScope(
		context,
		async () => await findObjects(connect(context), classes, filter),
	);
	const slice = objects.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
	return {
		results: slice.map(objectItem),
		paginationToken: objects.length > (page + 1) * PAGE_SIZE ? String(page + 1) : undefined,
	};
}

export async function searchObjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchClasses(this, OBJECT_CLASSES, filter, paginationToken);
}

export async function searchWorkflows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchClasses(this, WORKFLOW_CLASSES, filter, paginationToken);
}

/**
 * Object DN of a ticket search (Get Many, the trigger): TPP's Enumerate finds the tickets of that
 * one object, not of the objects inside a policy folder, so the list holds only certificates,
 * and only those that have tickets now, each with how many.
 */
export async function searchTicketObjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await scanCertificates(
		this,
		filter,
		paginationToken,
		async (connection, certificate, dn) => {
			const tickets = (await enumerateTickets(connection, { objectDn: dn }, 'Object list', 0))
				.length;
			if (tickets === 0) return [];
			const folder = folderOf(certificate);
			// Every entry is a certificate: the count comes first, where the list does not cut it off.
			return [
				{
					name: `${String(certificate.Name ?? dn)} · ${tickets} ticket${tickets === 1 ? '' : 's'}${folder ? ` · ${folder}` : ''}`,
					value: dn,
					description: dn,
				},
			];
		},
	);
}

/** TPP's /Date(ms)/ dates were turned into ISO text by the details helper. */
function shortDate(value: unknown): string | undefined {
	return typeof value === 'string' && value !== ''
		? value.slice(0, 16).replace('T', ' ')
		: undefined;
}

/**
 * One page of tickets: the tickets of the next certificates matching the text, with status and
 * dates.
 */
export async function searchTickets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await scanCertificates(
		this,
		filter,
		paginationToken,
		async (connection, certificate, dn) => {
			const guids = await enumerateTickets(connection, { objectDn: dn }, 'Ticket list', 0);
			const details = await ticketDetailsInOrder(connection, guids, 'Ticket list', 0);
			return details.map((ticket) => ticketItem(certificate, ticket));
		},
	);
}

/**
 * One page of the ticket pickers: the certificates matching the text, from the pagination token
 * (the index of the first certificate not yet scanned), TICKET_SCAN at a time with one Enumerate
 * per certificate. Most certificates have no ticket: a page scans on (MAX_BATCHES at most) rather
 * than answer an empty page, which the editor shows as "no results".
 */
async function scanCertificates(
	context: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
	entriesOf: (
		connection: Connection,
		certificate: IDataObject,
		dn: string,
	) => Promise<INodeListSearchItems[]>,
): Promise<INodeListSearchResult> {
	const connection = connect(context);
	const certificates = await needingConfigurationScope(
		context,
		async () => await findObjects(connection, ['X509 Certificate'], filter),
	);
	const results: INodeListSearchItems[] = [];
	let next = pageOf(paginationToken);
	for (let batch = 0; batch < MAX_BATCHES && next < certificates.length; batch++) {
		const scanned = certificates.slice(next, next + TICKET_SCAN);
		next += scanned.length;
		const entries = await mapInOrder(
			scanned,
			ENUMERATE_CONCURRENCY,
			async (certificate) => await entriesOf(connection, certificate, String(certificate.DN)),
		);
		results.push(...entries.flat());
		if (results.length > 0) break;
	}
	return {
		results,
		paginationToken: certificates.length > next ? String(next) : undefined,
	};
}

function ticketItem(certificate: IDataObject, ticket: IDataObject): INodeListSearchItems {
	const dn = String(certificate.DN);
	const created = shortDate(ticket.Created);
	const reason =
		typeof ticket.ApprovalReason === 'string' && ticket.ApprovalReason !== ''
			? ticket.ApprovalReason
			: undefined;
	return {
		// n8n's list shows only the name: two tickets of one certificate differ by their date.
		name: [String(certificate.Name ?? dn), String(ticket.Status ?? 'unknown status'), created]
			.filter(Boolean)
			.join(' · '),
		value: String(ticket.GUID),
		description: [dn, reason, created && `created ${created} UTC`, String(ticket.GUID)]
			.filter(Boolean)
			.join(' — '),
	};
}

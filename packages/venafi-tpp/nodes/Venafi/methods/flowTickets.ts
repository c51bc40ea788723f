import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { retrySettings } from '../../shared/transport/retry';
import type { FlowList } from '../helpers/flowTickets';
import { flowTicketPage } from '../helpers/flowTickets';
import { tppConnection } from '../transport';
import { identityNames } from '../helpers/identityNames';

/**
 * The Ticket ID picker's lists: one page of pending (or approved) Flow tickets per call, each
 * shown with its Id, the object it is for and who asks; typing filters the page on those. Who
 * asks is a prefixed universal ID in TPP's answer (local:{8b5211ec-…}); it is shown by name,
 * through Identity/Validate once per distinct requester of the page (helpers/identityNames.ts),
 * or as the ID when TPP gives no name (unknown identity, or a token without "configuration").
 */

const PICKER_PAGE_SIZE = 50;

async function search(
	context: ILoadOptionsFunctions,
	list: FlowList,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	// The token is the next page's number, as text (n8n hands it back as it was given).
	const asked = Number(paginationToken);
	const page = Number.isSafeInteger(asked) && asked > 0 ? asked : 0;
	const connection = tppConnection(context, { idempotent: true, retry: retrySettings() });
	const { tickets } = await flowTicketPage(
		connection,
		list,
		{ page, pageSize: PICKER_PAGE_SIZE },
		'Ticket list',
		0,
	);
	const names = identityNames(connection);
	const requesters = tickets
		.map((ticket) => ticket.requestedBy)
		.filter((requester): requester is string => typeof requester === 'string');
	await names.namesOf(requesters, 0);
	const named = await Promise.all(
		tickets.map(async (ticket) =>
			typeof ticket.requestedBy === 'string'
				? {
						...ticket,
						requestedBy: (await names.nameOf(ticket.requestedBy, 0)) ?? ticket.requestedBy,
					}
				: ticket,
		),
	);
	const wanted = filter?.trim().toLowerCase() ?? '';
	const results: INodeListSearchItems[] = named
		.map((ticket) => toListItem(ticket))
		.filter(
			(item) =>
				wanted === '' || `${item.name} ${item.description ?? ''}`.toLowerCase().includes(wanted),
		);
	return {
		results,
		paginationToken: tickets.length === PICKER_PAGE_SIZE ? String(page + 1) : undefined,
	};
}
function toListItem(ticket: IDataObject): INodeListSearchItems {
	const object = typeof ticket.object === 'string' ? ticket.object : undefined;
	const shortObject = object?.split('\\').filter(Boolean).pop();
	const requester = typeof ticket.requestedBy === 'string' ? ticket.requestedBy : undefined;
	const name = [`#${String(ticket.Id)}`, shortObject, requester && `by ${requester}`]
		.filter(Boolean)
		.join(' · ');
	const description = [object, typeof ticket.reason === 'string' ? ticket.reason : undefined]
		.filter(Boolean)
		.join(' — ');
	return { name, value: String(ticket.Id), description: description || undefined };
}

export async function searchPendingFlowTickets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await search(this, 'pending', filter, paginationToken);
}

export async function searchApprovedFlowTickets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await search(this, 'approved', filter, paginationToken);
}

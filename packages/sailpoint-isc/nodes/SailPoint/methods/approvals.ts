import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { matchesFilter, pageOf } from '../../shared/locators';
import { retrySettings } from '../../shared/transport/retry';
import { ACCESS_REQUEST_APPROVALS, GENERIC_APPROVALS } from '../helpers/approvals';
import { iscConnection, iscList } from '../transport';

/**
 * The Approval ID pickers of SailPoint Approvals: GET /access-request-approvals/v1/pending (what
 * the token may decide: its own, or all for ORG_ADMIN) and GET /generic-approvals/v1 with
 * `mine=true` and `status eq "PENDING"`. Neither filters on free text, so the typed text filters
 * each page on name, requester, requested-for and ID.
 */

const PAGE_SIZE = 50;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const nameOf = (value: unknown) =>
	typeof value === 'object' && value !== null ? text((value as IDataObject).name) : undefined;
const day = (value: unknown) => text(value)?.slice(0, 16).replace('T', ' ');

async function listPage(
	context: ILoadOptionsFunctions,
	endpoint: string,
	qs: IDataObject,
	page: number,
	forbiddenHint: string,
): Promise<IDataObject[]> {
	const connection = iscConnection(context, { idempotent: true, retry: retrySettings() });
	const request = {
		method: 'GET' as const,
		endpoint,
		qs: { ...qs, limit: PAGE_SIZE, offset: page * PAGE_SIZE },
		itemIndex: 0,
		forbiddenHint,
	};
	return await iscList(connection, request);
}

function result(
	items: INodeListSearchItems[],
	fetched: number,
	page: number,
	filter: string | undefined,
): INodeListSearchResult {
	return {
		results: items.filter((item) =>
			matchesFilter(filter, item.name, item.description, String(item.value)),
		),
		paginationToken: fetched === PAGE_SIZE ? String(page + 1) : undefined,
	};
}

export async function searchPendingAccessRequestApprovals(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const approvals = await listPage(
		this,
		`${ACCESS_REQUEST_APPROVALS}/pending`,
		{ sorters: '-created' },
		page,
		'Listing pending access request approvals needs the scope idn:access-request-approvals:read (an approver sees their own; ORG_ADMIN sees all).',
	);
	const items = approvals.map((approval) => ({
		// n8n's list shows only the name, so it carries whom and when ("for" once: ISC's name
		// may say for whom already).
		name: [
			text(approval.name) ?? String(approval.id),
			nameOf(approval.requestedFor) &&
				!(text(approval.name) ?? '').includes(`for ${nameOf(approval.requestedFor)}`) &&
				`for ${nameOf(approval.requestedFor)}`,
			day(approval.created) && `· ${day(approval.created)}`,
		]
			.filter(Boolean)
			.join(' '),
		value: String(approval.id),
		description:
			[
				nameOf(approval.requester) && `requested by ${nameOf(approval.requester)}`,
				day(approval.created) && `created ${day(approval.created)} UTC`,
				nameOf(approval.owner) && `owner ${nameOf(approval.owner)}`,
			]
				.filter(Boolean)
				.join(' — ') || undefined,
	}));
	return result(items, approvals.length, page, filter);
}

export async function searchGenericApprovals(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const approvals = await listPage(
		this,
		GENERIC_APPROVALS,
		{ mine: true, filters: 'status eq "PENDING"' },
		page,
		"Listing approvals (GET /generic-approvals) needs one of the scopes idn:access-request-approvals:read, idn:access-request-administration:read or idn:access-request-approvals:manage; the list shows the token's own pending approvals.",
	);
	return result(approvals.map(genericApprovalEntry), approvals.length, page, filter);
}

/** A generic approval as the pickers show it: name, type, priority, created; who asked. */
function genericApprovalEntry(approval: IDataObject): INodeListSearchItems {
	const names = Array.isArray(approval.name) ? (approval.name as IDataObject[]) : [];
	const name = text(names[0]?.value) ?? String(approval.id);
	return {
		name: [name, text(approval.type), text(approval.priority), day(approval.createdDate)]
			.filter(Boolean)
			.join(' · '),
		value: String(approval.id),
		description:
			[
				nameOf(approval.requester) && `requested by ${nameOf(approval.requester)}`,
				day(approval.createdDate) && `created ${day(approval.createdDate)} UTC`,
			]
				.filter(Boolean)
				.join(' — ') || undefined,
	};
}

/** Pages of the bulk operations' list: what one list of several picks shows at most (5 × 50). */
const BULK_LIST_PAGES = 5;

/**
 * The bulk operations' Approval IDs (several picked from one list): every pending generic
 * approval (`mine=false`, as the bulk calls need ORG_ADMIN), in ISC's order, up to 250.
 */
export async function getPendingGenericApprovals(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const entries: INodePropertyOptions[] = [];
	for (let page = 0; page < BULK_LIST_PAGES; page++) {
		const approvals = await listPage(
			this,
			GENERIC_APPROVALS,
			{ mine: false, filters: 'status eq "PENDING"' },
			page,
			'Listing every pending approval (GET /generic-approvals with mine=false) needs ORG_ADMIN and one of the scopes idn:access-request-approvals:read or idn:access-request-administration:read.',
		);
		for (const approval of approvals) {
			const { name, value, description } = genericApprovalEntry(approval);
			entries.push({ name, value, description });
		}
		if (approvals.length < PAGE_SIZE) break;
	}
	return entries;
}

/**
 * Bulk Approve's Approval IDs (several picked from one list): every pending access request
 * approval (no owner-id, as the bulk call needs ORG_ADMIN), newest first, up to 250.
 */
export async function getPendingAccessRequestApprovals(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const entries: INodePropertyOptions[] = [];
	for (let page = 0; page < BULK_LIST_PAGES; page++) {
		const approvals = await listPage(
			this,
			`${ACCESS_REQUEST_APPROVALS}/pending`,
			{ sorters: '-created' },
			page,
			'Listing every pending access request approval needs ORG_ADMIN and the scope idn:access-request-approvals:read.',
		);
		for (const approval of approvals) {
			entries.push({
				name: [
					text(approval.name) ?? String(approval.id),
					nameOf(approval.requestedFor) && `for ${nameOf(approval.requestedFor)}`,
					nameOf(approval.owner) && `· owner ${nameOf(approval.owner)}`,
				]
					.filter(Boolean)
					.join(' '),
				value: String(approval.id),
				description: day(approval.created) && `created ${day(approval.created)} UTC`,
			});
		}
		if (approvals.length < PAGE_SIZE) break;
	}
	return entries;
}

/**
 * The non-employee Approval ID picker: GET /non-employee-approvals/v1 with requested-for=me and
 * approvalStatus eq "PENDING" (what the token may decide: only the requested approver decides).
 */
export async function searchPendingNonEmployeeApprovals(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const approvals = await listPage(
		this,
		'non-employee-approvals',
		{ 'requested-for': 'me', filters: 'approvalStatus eq "PENDING"', sorters: '-created' },
		page,
		"Listing non-employee approvals needs the scope idn:nelm:read; the list shows the token's own pending approvals.",
	);
	const items = approvals.map((approval) => {
		const request = (approval.nonEmployeeRequest ?? {}) as IDataObject;
		return {
			name: [
				text(approval.accountName) ?? String(approval.id),
				day(approval.created) && `· ${day(approval.created)}`,
			]
				.filter(Boolean)
				.join(' '),
			value: String(approval.id),
			description: nameOf(request.requester) && `requested by ${nameOf(request.requester)}`,
		};
	});
	return result(items, approvals.length, page, filter);
}

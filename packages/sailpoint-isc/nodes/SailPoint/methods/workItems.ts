import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { locatorValue, matchesFilter, pageOf } from '../../shared/locators';
import { retrySettings } from '../../shared/transport/retry';
import { requireIscId } from '../helpers/ids';
import { workItemPath } from '../helpers/workItems';
import { iscConnection, iscList, iscObject } from '../transport';

/**
 * The Work Item ID picker: GET /work-items/v1 (the token's own open work items; ISC has no text
 * filter on it, so the typed text filters each page on name, type, state, description and
 * requester). The Approval Item ID picker: GET /work-items/v1/{id}, the approvalItems of the
 * work item chosen above (a list search rather than loadOptions, so that By ID stays).
 */

const PAGE_SIZE = 50;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export async function searchWorkItems(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const connection = iscConnection(this, { idempotent: true, retry: retrySettings() });
	const request = {
		method: 'GET' as const,
		endpoint: 'work-items',
		qs: { limit: PAGE_SIZE, offset: page * PAGE_SIZE },
		itemIndex: 0,
		forbiddenHint:
			"ISC refused to list the token's work items: the identity behind the token needs a user level that sees work items (any signed-in user sees their own).",
	};
	const items = await iscList(connection, request);
	return {
		results: items
			.map((item) => toListItem(item))
			.filter((item) => matchesFilter(filter, item.name, item.description, item.value)),
		paginationToken: items.length === PAGE_SIZE ? String(page + 1) : undefined,
	};
}

function toListItem(item: IDataObject) {
	const created = text(item.created)?.slice(0, 16).replace('T', ' ');
	// n8n's list shows only the name, so it carries what tells work items apart.
	const name = [text(item.name) ?? String(item.id), text(item.type), text(item.state), created]
		.filter(Boolean)
		.join(' · ');
	const description = [
		text(item.description),
		text(item.requesterDisplayName) && `requested by ${String(item.requesterDisplayName)}`,
		created && `created ${created} UTC`,
	]
		.filter(Boolean)
		.join(' — ');
	return { name, value: String(item.id), description: description || undefined };
}

/** The chosen work item's approval items (name, operation, value, account, state). */
export async function searchApprovalItems(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const raw = locatorValue(this.getCurrentNodeParameter('workItemId'));
	if (typeof raw !== 'string' || raw.trim() === '' || raw.trim().startsWith('=')) {
		// An expression is only known when the node runs: nothing to load here.
		return { results: [] };
	}
	const workItemId = requireIscId(this.getNode(), raw, 'Work Item ID', 0);
	const connection = iscConnection(this, { idempotent: true, retry: retrySettings() });
	const request = {
		method: 'GET' as const,
		endpoint: workItemPath(workItemId),
		itemIndex: 0,
		notFound: {
			subject: `work item "${workItemId}"`,
			hint: 'Choose a work item that is still open, or check its ID.',
		},
	};
	const workItem = await iscObject(connection, request);
	const approvalItems = workItem?.approvalItems;
	const list = Array.isArray(approvalItems)
		? (approvalItems as IDataObject[])
		: typeof approvalItems === 'object' && approvalItems !== null
			? [approvalItems as IDataObject]
			: [];
	const results = list.map((approval) => {
		const what = text(approval.name) ?? text(approval.attributeName);
		const operation = text(approval.operation) ?? text(approval.attributeOperation);
		const value = text(approval.value) ?? text(approval.attributeValue);
		return {
			name:
				[operation, what, value && `= ${value}`].filter(Boolean).join(' ') || String(approval.id),
			value: String(approval.id),
			description: [text(approval.application), text(approval.account), text(approval.state)]
				.filter(Boolean)
				.join(' · '),
		};
	});
	return { results: results.filter((item) => matchesFilter(filter, item.name, item.description)) };
}

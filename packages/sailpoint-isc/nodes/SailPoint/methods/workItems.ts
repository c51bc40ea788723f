import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { locatorValue, matchesFilter, pageOf } from '../../shared/locators';
import { retrySettings } from '../../shared/transport/retry';
import { requireIscId } from '../helpers/ids';
import { workItemPath } from '../transport/apiPaths';
import { iscConnection, iscList, iscObject } from '../transport';

/**
 * The Work Item ID picker: GET /work-items/v1 (the token's own open work items; ISC has no text
 * filter on it, so the typed text filters each page on name, type, state, description and
 * requester), keeping what the chosen operation can act on: pending approvals with an item left
 * to decide for the approval decisions, pending work items for Complete, Forward and Submit
 * Account Selection, everything for Get. The Approval Item ID picker: GET /work-items/v1/{id}, the approvalItems of the
 * work item chosen above (a list search rather than loadOptions, so that By ID stays).
 */

const PAGE_SIZE = 50;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** Operations that decide approval items: only pending approvals with a pending item are listed. */
const DECIDES_ITEMS = ['approveItem', 'rejectItem', 'approveAll', 'rejectAll'];
/** Operations that act on an open work item: only pending ones are listed. */
const ACTS_ON_OPEN = ['complete', 'forward', 'submitAccountSelection'];
/** Pages one search reads at most while it has found nothing the operation can act on. */
const MAX_PAGES = 4;

const upper = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : '');

/** A work item's approval items as a list (ISC gives one object or a list). */
function approvalItemsOf(workItem: IDataObject | undefined): IDataObject[] {
	const approvalItems = workItem?.approvalItems;
	if (Array.isArray(approvalItems)) return approvalItems as IDataObject[];
	if (typeof approvalItems === 'object' && approvalItems !== null)
		return [approvalItems as IDataObject];
	return [];
}

/** Whether the operation chosen in the panel can act on this work item. */
function actionable(operation: string, item: IDataObject): boolean {
	if (DECIDES_ITEMS.includes(operation)) {
		return (
			upper(item.state) === 'PENDING' &&
			upper(item.type) === 'APPROVAL' &&
			approvalItemsOf(item).some((approval) => upper(approval.state) === 'PENDING')
		);
	}
	if (ACTS_ON_OPEN.includes(operation)) return upper(item.state) === 'PENDING';
	return true;
}

/** What the list holds for the operation, for the line an empty list shows. */
function whatIsListed(operation: string): string {
	if (DECIDES_ITEMS.includes(operation)) return 'a pending approval with an item left to decide';
	return 'pending';
}

export async function searchWorkItems(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const operation = String(this.getCurrentNodeParameter('operation') ?? '');
	const connection = iscConnection(this, { idempotent: true, retry: retrySettings() });
	let page = pageOf(paginationToken);
	let seen = 0;
	let more = true;
	const results: Array<ReturnType<typeof toListItem>> = [];
	// Pages with nothing the operation can act on are read on (a few at most) rather than
	// answered empty, which the editor shows as "No results".
	for (let read = 0; read < MAX_PAGES && more && results.length === 0; read++, page++) {
		const request = {
			method: 'GET' as const,
			endpoint: 'work-items',
			qs: { limit: PAGE_SIZE, offset: page * PAGE_SIZE },
			itemIndex: 0,
			forbiddenHint:
				"ISC refused to list the token's work items: the identity behind the token needs a user level that sees work items (any signed-in user sees their own).",
		};
		const items = await iscList(connection, request);
		seen += items.length;
		more = items.length === PAGE_SIZE;
		results.push(
			...items
				.filter((item) => actionable(operation, item))
				.map((item) => toListItem(item))
				.filter((item) => matchesFilter(filter, item.name, item.description, item.value)),
		);
	}
	const first = pageOf(paginationToken) === 0;
	if (results.length === 0 && !more && first && (filter ?? '').trim() === '' && seen > 0) {
		// An empty list would say only "No results": say why, and what to do.
		throw new NodeOperationError(
			this.getNode(),
			`None of the ${seen} work items ISC lists for you is ${whatIsListed(operation)}. Choose another operation, or enter a work item ID By ID.`,
		);
	}
	return { results, paginationToken: more ? String(page) : undefined };
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
	const all = approvalItemsOf(workItem);
	const operation = String(this.getCurrentNodeParameter('operation') ?? '');
	// Approve Item and Reject Item can act only on an item still waiting for a decision.
	const list = ['approveItem', 'rejectItem'].includes(operation)
		? all.filter((approval) => upper(approval.state) === 'PENDING')
		: all;
	if (list.length === 0 && (filter ?? '').trim() === '') {
		const kind = text(workItem?.type) ?? 'work item';
		throw new NodeOperationError(
			this.getNode(),
			all.length === 0
				? `This work item (${kind}, ${text(workItem?.state) ?? 'unknown state'}) has no approval items: choose an approval work item.`
				: `Every approval item of this work item is decided already (${all.map((approval) => text(approval.state) ?? '?').join(', ')}): choose another work item.`,
		);
	}
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

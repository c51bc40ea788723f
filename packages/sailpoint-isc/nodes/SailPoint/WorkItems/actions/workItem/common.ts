import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { apiError, summarizeBody } from '../../../../shared/errors';
import type { Connection } from '../../../../shared/transport/connection';
import { locatorValue } from '../../../../shared/locators';
import { optionalText } from '../../../../shared/validation';
import type { IscRequest } from '../../../transport';
import { ISC_SERVICE, iscObject } from '../../../transport';
import { requireIscId } from '../../../helpers/ids';
import { listPaged } from '../../../helpers/listPaged';

/**
 * What the Work Items operations share: reading the IDs, the request of a single-work-item
 * operation and how its answer becomes an item, the count endpoints, the listings and their
 * Simplify.
 */

const OWNER_OR_ADMIN =
	"Only the work item's owner or an admin may read or act on it. Check the identity behind the access token (its user level and scopes), or forward the work item to it first.";

export function workItemIdOf(context: IExecuteFunctions, itemIndex: number): string {
	return requireIscId(
		context.getNode(),
		context.getNodeParameter('workItemId', itemIndex, '', { extractValue: true }),
		'Work Item ID',
		itemIndex,
	);
}

export function approvalItemIdOf(context: IExecuteFunctions, itemIndex: number): string {
	return requireIscId(
		context.getNode(),
		context.getNodeParameter('approvalItemId', itemIndex, '', { extractValue: true }),
		'Approval Item ID',
		itemIndex,
	);
}

/** The `filters.ownerId` of the count, summary and listing operations, as a query. */
function ownerQuery(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const ownerId = optionalText(
		context.getNode(),
		locatorValue(filters.ownerId),
		'Owner ID',
		itemIndex,
	);
	return ownerId === undefined ? undefined : { ownerId };
}

interface WorkItemCall {
	method: IHttpRequestMethods;
	/** Path under /v3/. */
	endpoint: string;
	itemIndex: number;
	workItemId: string;
	approvalItemId?: string;
	qs?: IDataObject;
	body?: IDataObject;
}

/** Sends the request; returns ISC's JSON object, or undefined when it answered with no body. */
export async function callWorkItem(
	connection: Connection,
	call: WorkItemCall,
): Promise<IDataObject | undefined> {
	const subject =
		call.approvalItemId === undefined
			? `work item "${call.workItemId}"`
			: `approval item "${call.approvalItemId}" in work item "${call.workItemId}"`;
	const request: IscRequest = {
		method: call.method,
		endpoint: call.endpoint,
		qs: call.qs,
		body: call.body,
		itemIndex: call.itemIndex,
		notFound: {
			subject,
			hint: 'Check the ID: the work item may have been completed or removed meanwhile, or it belongs to an identity the access token cannot see.',
		},
		forbiddenHint: OWNER_OR_ADMIN,
	};
	return await iscObject(connection, request);
}

/** What a write operation returns: the work item ISC sent back, or a success item when it sent none. */
export function writeResult(answer: IDataObject | undefined, success: IDataObject): IDataObject {
	return answer ?? { ...success, success: true };
}

/** Reads a count or summary endpoint (optionally for an owner) and checks the numbers it must hold. */
export async function readCounts(
	context: IExecuteFunctions,
	connection: Connection,
	itemIndex: number,
	endpoint: string,
	fields: string[],
): Promise<IDataObject> {
	const request: IscRequest = {
		method: 'GET',
		endpoint,
		qs: ownerQuery(context, itemIndex),
		itemIndex,
		forbiddenHint:
			'Counting the work items of another owner (Owner ID) needs an admin; check the identity behind the access token (its user level and scopes).',
	};
	const body = await iscObject(connection, request);
	const missing = fields.filter((field) => typeof body?.[field] !== 'number');
	if (body === undefined || missing.length > 0) {
		throw apiError(context.getNode(), {
			message: `${ISC_SERVICE} answered ${endpoint} without ${missing.map((field) => `"${field}"`).join(', ')} as a number`,
			description: summarizeBody(body),
			itemIndex,
		});
	}
	return body;
}

/** Lists `endpoint` (under /v3/) as the item's Return All / Limit / Filters / Options say. */
export async function listWorkItems(
	context: IExecuteFunctions,
	connection: Connection,
	itemIndex: number,
	endpoint: string,
): Promise<IDataObject[]> {
	return await listPaged(context, connection, itemIndex, endpoint, ownerQuery(context, itemIndex));
}

/**
 * A work item as a person reads it first (Simplify on): what it is, its state, who asked, who
 * must act, when it was created, what it asks to approve. ISC's field names are kept; the raw
 * answer (Simplify off) has every field in ISC's order.
 */
export function simplifyWorkItem(workItem: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const key of SIMPLE_WORK_ITEM_FIELDS) {
		const value = workItem[key];
		// An approval has no remediation items and a remediation no approval items (null).
		if (value === undefined || (value === null && key.endsWith('Items'))) continue;
		simple[key] = value;
	}
	return simple;
}

const SIMPLE_WORK_ITEM_FIELDS = [
	'id',
	'name',
	'type',
	'state',
	'requesterDisplayName',
	'ownerName',
	'created',
	'description',
	'approvalItems',
	'remediationItems',
];

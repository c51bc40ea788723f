import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { optionalText } from '../../../shared/validation';
import { requireIscId } from '../../shared/ids';
import type { IscRequest } from '../../shared/transport';
import { readIscObject, sendIscRequest } from '../../shared/transport';

/** The requests of the single-work-item operations, and how their answers become items. */

const OWNER_OR_ADMIN =
	'Only the work item\'s owner or an admin may read or act on it. Check the identity behind the access token (its user level and scopes), or forward the work item to it first.';

export function workItemIdOf(context: IExecuteFunctions, itemIndex: number): string {
	return requireIscId(context.getNode(), context.getNodeParameter('workItemId', itemIndex, ''), 'Work Item ID', itemIndex);
}

export function approvalItemIdOf(context: IExecuteFunctions, itemIndex: number): string {
	return requireIscId(context.getNode(), context.getNodeParameter('approvalItemId', itemIndex, ''), 'Approval Item ID', itemIndex);
}

/** The `filters.ownerId` of the count and summary operations, as a query. */
export function ownerQuery(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const ownerId = optionalText(context.getNode(), filters.ownerId, 'Owner ID', itemIndex);
	return ownerId === undefined ? undefined : { ownerId };
}

export interface WorkItemCall {
	method: IHttpRequestMethods;
	/** Logical endpoint, e.g. `work-items/{id}` (see apiPaths.ts). */
	endpoint: string;
	itemIndex: number;
	workItemId: string;
	approvalItemId?: string;
	qs?: IDataObject;
	body?: IDataObject;
}

/** Sends the request; returns ISC's JSON object, or undefined when it answered with no body. */
export async function callWorkItem(context: IExecuteFunctions, call: WorkItemCall): Promise<IDataObject | undefined> {
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
	return await readIscObject(context, request, await sendIscRequest(context, request));
}

/** What a write operation returns: the work item ISC sent back, or a success item when it sent none. */
export function writeResult(answer: IDataObject | undefined, success: IDataObject): IDataObject {
	return answer ?? { ...success, success: true };
}

/** The logical endpoint `work-items/{id}/...` with the ID encoded (it was validated, this is a second guard). */
export function workItemPath(workItemId: string, ...rest: string[]): string {
	return ['work-items', encodeURIComponent(workItemId), ...rest.map(encodeURIComponent)].join('/');
}

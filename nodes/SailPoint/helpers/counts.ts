import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError, summarizeBody } from '../../shared/errors';
import type { IscRequest } from '../transport/index';
import { readIscObject, sendIscRequest } from '../transport/index';
import { ownerQuery } from './workItemRequests';

/** Reads a count or summary endpoint (optionally for an owner) and checks the numbers it must hold. */
export async function readCounts(
	context: IExecuteFunctions,
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
	const body = await readIscObject(context, request, await sendIscRequest(context, request));
	const missing = fields.filter((field) => typeof body?.[field] !== 'number');
	if (body === undefined || missing.length > 0) {
		throw apiError(context.getNode(), {
			message: `SailPoint ISC answered ${endpoint} without ${missing.map((field) => `"${field}"`).join(', ')} as a number`,
			description: summarizeBody(body),
			itemIndex,
		});
	}
	return body;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiError, summarizeBody } from '../../../../shared/errors';
import { listingOwnerFields } from '../../../descriptions/approvalFields';
import { ACCESS_REQUEST_APPROVALS, dateOf, ownerQuery } from '../../../helpers/approvals';
import type { IscRequest } from '../../../transport';
import { iscObject } from '../../../transport';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';

export const option: OperationOption = {
	name: 'Get Summary',
	value: 'getSummary',
	action: 'Count access requests by outcome',
	description:
		'Counts SailPoint access request approvals. Inputs: Owner (Me, An Identity with Owner ID, Everyone for admins); From Date optional. Returns pending, approved and rejected. Read only.',
};

export const subtitle = 'Get Summary';

export const idempotent = true;

export const description: INodeProperties[] = [
	...listingOwnerFields,
	{
		displayName: 'From Date',
		name: 'fromDate',
		type: 'dateTime',
		default: '',
		description: 'Count only from this date and time on (empty: all)',
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const qs: IDataObject = { ...ownerQuery(this, itemIndex) };
	const fromDate = dateOf(
		this,
		this.getNodeParameter('fromDate', itemIndex, ''),
		'From Date',
		itemIndex,
	);
	if (fromDate) qs['from-date'] = fromDate;
	const request: IscRequest = {
		method: 'GET',
		endpoint: `${ACCESS_REQUEST_APPROVALS}/approval-summary`,
		qs,
		itemIndex,
		forbiddenHint:
			"Another owner's or everyone's summary needs ORG_ADMIN; check the identity behind the access token and its scopes.",
	};
	const body = await iscObject(connection, request);
	const missing = ['pending', 'approved', 'rejected'].filter(
		(field) => typeof body?.[field] !== 'number',
	);
	if (body === undefined || missing.length > 0) {
		throw apiError(this.getNode(), {
			message: `SailPoint ISC answered ${request.endpoint} without ${missing.map((field) => `"${field}"`).join(', ')} as a number`,
			description: summarizeBody(body),
			itemIndex,
		});
	}
	return {
		pending: body.pending,
		approved: body.approved,
		rejected: body.rejected,
		...(fromDate ? { fromDate } : {}),
	};
}

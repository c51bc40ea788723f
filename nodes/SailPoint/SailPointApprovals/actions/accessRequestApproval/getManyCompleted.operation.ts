import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	customFilterOption,
	includeTotalOption,
	offsetOption,
	ownerFields,
	returnAllFields,
	scopeNotice,
	sortOption,
} from '../../../descriptions/approvalFields';
import { ACCESS_REQUEST_APPROVALS, listApprovals, ownerQuery } from '../../../helpers/approvals';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { listingQuery } from './listing';

export const option: OperationOption = {
	name: 'Get Many Completed',
	value: 'getManyCompleted',
	action:
		'Get many completed access request approvals (approved or rejected); returns one item per approval with its state. Read only',
	description:
		'Lists SailPoint access request approvals already decided. Use it to review past decisions. Inputs: Owner (Me, An Identity with Owner ID, Everyone for admins); Return All or Limit; filters optional. Returns one item per approval with its state (APPROVED or REJECTED). Read only.',
};

export const subtitle = 'Get Many Completed';

export const idempotent = true;

export const description: INodeProperties[] = [
	scopeNotice(
		"Needs the scope idn:access-request-approvals:read. Anyone may list their own; another owner's or everyone's needs ORG_ADMIN.",
	),
	...ownerFields,
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Approval ID',
				name: 'approvalId',
				type: 'string',
				default: '',
				description: 'Only this approval',
			},
			customFilterOption,
			{
				displayName: 'Modified After',
				name: 'modifiedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only approvals changed after this time',
			},
			{
				displayName: 'Modified Before',
				name: 'modifiedBefore',
				type: 'dateTime',
				default: '',
				description: 'Only approvals changed before this time',
			},
			{
				displayName: 'Requested For (Identity ID)',
				name: 'requestedForId',
				type: 'string',
				default: '',
				description: 'Only approvals of access requested for this identity',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [includeTotalOption, offsetOption, sortOption(['created', 'modified'])],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const qs = { ...ownerQuery(this, itemIndex), ...listingQuery(this, itemIndex, 'completed') };
	return await listApprovals(
		this,
		connection,
		itemIndex,
		`${ACCESS_REQUEST_APPROVALS}/completed`,
		qs,
	);
}

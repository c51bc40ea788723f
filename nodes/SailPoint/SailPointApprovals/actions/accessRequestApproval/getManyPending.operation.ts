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
	name: 'Get Many Pending',
	value: 'getManyPending',
	action:
		"Get many pending access request approvals (yours, an owner's or everyone's); returns one item per approval with who asks what for whom. Read only",
	description:
		'Lists SailPoint access request approvals waiting for a decision. Use it to find what needs approving. Inputs: Owner (Me, An Identity with Owner ID, Everyone for admins); Return All or Limit; filters optional. Returns one item per approval: ID, requester, requested for, requested access, created. Read only.',
};

export const subtitle = 'Get Many Pending';

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
				displayName: 'Access Request ID',
				name: 'accessRequestId',
				type: 'string',
				default: '',
				description: 'Only the approvals of this access request',
			},
			{
				displayName: 'Approval ID',
				name: 'approvalId',
				type: 'string',
				default: '',
				description: 'Only this approval',
			},
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only approvals created after this time',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Only approvals created before this time',
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
	const qs = { ...ownerQuery(this, itemIndex), ...listingQuery(this, itemIndex, 'pending') };
	return await listApprovals(
		this,
		connection,
		itemIndex,
		`${ACCESS_REQUEST_APPROVALS}/pending`,
		qs,
	);
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { simplifyFieldSince } from '../../../../shared/versions';
import { simplifyAccessRequestApproval } from '../../../helpers/approvalSimplify';
import { listApprovals, listingFields } from './listing';

export const option: OperationOption = {
	name: 'Get Many Pending',
	value: 'getManyPending',
	action: 'Get many pending access requests',
	description:
		'Lists SailPoint access request approvals waiting for a decision. Use it to find what needs approving. Inputs: Owner (Me, An Identity with Owner ID, Everyone for admins); Return All or Limit; filters optional. Returns one item per approval: ID, requester, requested for, requested access, created. Read only.',
	descriptionFrom: {
		version: 3,
		description:
			'Lists SailPoint access request approvals waiting for a decision. Use it to find what needs approving. Inputs: Owner (Me, An Identity with Owner ID, Everyone for admins); Return All or Limit; filters optional. Returns one item per approval; with Simplify (on) what a person reads first: name, requested object, requester, requested for, state PENDING, created, the IDs last; off: as ISC sends it. Read only.',
	},
};

export const subtitle = 'Get Many Pending';

/** A read. */
export const idempotent = true;

/** Simplify from version 3 (on for new nodes); saved version 1 and 2 nodes keep the raw answer. */
export const description: INodeProperties[] = [
	...listingFields('pending'),
	...simplifyFieldSince('access request approval', 3),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const approvals = await listApprovals(this, connection, itemIndex, 'pending');
	return this.getNodeParameter('simplify', itemIndex, false) === true
		? approvals.map((approval) => simplifyAccessRequestApproval(approval, 'pending'))
		: approvals;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { simplifyFieldSince } from '../../../../shared/versions';
import { simplifyAccessRequestApproval } from '../../../helpers/approvalSimplify';
import { listApprovals, listingFields } from './listing';

export const option: OperationOption = {
	name: 'Get Many Completed',
	value: 'getManyCompleted',
	action: 'Get many completed access requests',
	description:
		'Lists SailPoint access request approvals already decided. Use it to review past decisions. Inputs: Owner (Me, An Identity with Owner ID, Everyone for admins); Return All or Limit; filters optional. Returns one item per approval with its state (APPROVED or REJECTED). Read only.',
	descriptionFrom: {
		version: 3,
		description:
			'Lists SailPoint access request approvals already decided. Use it to review past decisions. Inputs: Owner (Me, An Identity with Owner ID, Everyone for admins); Return All or Limit; filters optional. Returns one item per approval with its state (APPROVED or REJECTED); with Simplify (on) what a person reads first: name, requested object, requester, requested for, state, reviewed by, the IDs last; off: as ISC sends it. Read only.',
	},
};

export const subtitle = 'Get Many Completed';

/** A read. */
export const idempotent = true;

/** Simplify from version 3 (on for new nodes); saved version 1 and 2 nodes keep the raw answer. */
export const description: INodeProperties[] = [
	...listingFields('completed'),
	...simplifyFieldSince('access request approval', 3),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const approvals = await listApprovals(this, connection, itemIndex, 'completed');
	return this.getNodeParameter('simplify', itemIndex, false) === true
		? approvals.map((approval) => simplifyAccessRequestApproval(approval, 'completed'))
		: approvals;
}

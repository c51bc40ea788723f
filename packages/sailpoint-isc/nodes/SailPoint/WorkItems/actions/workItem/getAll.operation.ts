import type { INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import { workItemListing } from './common';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many work items',
	description:
		"Lists SailPoint work items (approvals, remediations, forms waiting for someone). Use it to find what waits for a decision. Inputs: Return All or Limit; Owner ID filter optional (another owner's needs an admin). Returns one item per work item: ID, name, type, state, requester, requested for, created, approval items. Read only.",
};

export const subtitle = {
	expression: '$parameter["returnAll"] ? "Get all" : "Get up to " + $parameter["limit"]',
};

/** A read. */
export const idempotent = true;

const listing = workItemListing('work items', 'work-items');

export const description: INodeProperties[] = listing.description;

export const execute = listing.execute;

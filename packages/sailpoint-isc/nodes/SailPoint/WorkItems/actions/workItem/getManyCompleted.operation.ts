import type { INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import { workItemListing } from './common';

export const option: OperationOption = {
	name: 'Get Many Completed',
	value: 'getManyCompleted',
	action: 'Get many completed work items',
	description:
		'Lists SailPoint work items that are finished. Use it to review past decisions. Inputs: Return All or Limit; Owner ID filter optional. Returns one item per completed work item. Read only.',
};

export const subtitle = 'Get completed';

/** A read. */
export const idempotent = true;

const listing = workItemListing('completed work items', 'work-items/completed');

export const description: INodeProperties[] = listing.description;

export const execute = listing.execute;

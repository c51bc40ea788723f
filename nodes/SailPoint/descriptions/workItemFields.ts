import type { INodeProperties } from 'n8n-workflow';

import { ID_EXAMPLE } from '../helpers/ids';

/** Parameters several operations share, each shown for the operations given. */

export function workItemIdField(operations: string[]): INodeProperties {
	return {
		displayName: 'Work Item ID',
		name: 'workItemId',
		type: 'string',
		required: true,
		default: '',
		placeholder: ID_EXAMPLE,
		description: 'ID of the work item, e.g. from Get Many or the Work Items Trigger (its "ID" field)',
		displayOptions: { show: { operation: operations } },
	};
}

export function approvalItemIdField(operations: string[]): INodeProperties {
	return {
		displayName: 'Approval Item ID',
		name: 'approvalItemId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1211bcaa32112bcef6122adb21cef1ac',
		description: 'ID of one approval item of the work item (an entry of its "approvalItems")',
		displayOptions: { show: { operation: operations } },
	};
}

/** The Owner ID filter of the count and summary operations. */
export function ownerFilterField(operations: string[], what: string): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { operation: operations } },
		options: [
			{
				displayName: 'Owner ID',
				name: 'ownerId',
				type: 'string',
				default: '',
				placeholder: ID_EXAMPLE,
				description: `ID of the identity whose ${what} to count (someone else's needs an admin). Leave empty for the token's own identity.`,
			},
		],
	};
}

import type { INodeProperties } from 'n8n-workflow';

import { ID_EXAMPLE } from '../helpers/ids';

/**
 * The work item parameters several operations or nodes share, defined once. Display options
 * are added where they are used (by the operation list, or not at all on the trigger).
 */

export const workItemIdField: INodeProperties = {
	displayName: 'Work Item ID',
	name: 'workItemId',
	type: 'string',
	required: true,
	default: '',
	placeholder: ID_EXAMPLE,
	description: 'ID of the work item, e.g. from Get Many or the Work Items Trigger (its "ID" field)',
};

export const approvalItemIdField: INodeProperties = {
	displayName: 'Approval Item ID',
	name: 'approvalItemId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '1211bcaa32112bcef6122adb21cef1ac',
	description: 'ID of one approval item of the work item (an entry of its "approvalItems")',
};

/**
 * The Owner ID filter: whose work items to `verb` ("list", "count", "watch"); `what` names
 * them, e.g. "completed work items".
 */
export function ownerIdField(verb: string, what: string): INodeProperties {
	return {
		displayName: 'Owner ID',
		name: 'ownerId',
		type: 'string',
		default: '',
		placeholder: ID_EXAMPLE,
		description: `ID of the identity whose ${what} to ${verb} (someone else's needs an admin). Leave empty for the ${what} of the token's own identity.`,
	};
}

/** The Filters collection holding only Owner ID (the count, summary and listing operations). */
export function ownerFilters(verb: string, what: string): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [ownerIdField(verb, what)],
	};
}

/** The parameters of Get Many and Get Many Completed; `what` is e.g. "completed work items". */
export function listingFields(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
		ownerFilters('list', what),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{
					displayName: 'Include Total Count',
					name: 'includeTotal',
					type: 'boolean',
					default: false,
					description: `Whether to add "totalCount" to each item: how many ${what} match in all (ISC's X-Total-Count, ignoring Limit and Offset). Left out when ISC sends no total.`,
				},
				{
					displayName: 'Offset',
					name: 'offset',
					type: 'number',
					default: 0,
					typeOptions: { minValue: 0 },
					description: `How many ${what} to skip before the first one returned, for paging by hand (0 starts at the beginning)`,
				},
			],
		},
	];
}

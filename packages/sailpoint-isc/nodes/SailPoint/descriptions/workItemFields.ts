import type { INodeProperties } from 'n8n-workflow';

import { locatorField } from '../../shared/locators';
import { returnAllFields } from '../../shared/returnAll';
import { ID_EXAMPLE, ISC_ID_ERROR, ISC_ID_REGEX } from './idFields';

/**
 * The work item parameters several operations or nodes share, defined once. Display options
 * are added where they are used (by the operation list, or not at all on the trigger).
 */

export const workItemIdField: INodeProperties = locatorField({
	displayName: 'Work Item ID',
	name: 'workItemId',
	searchListMethod: 'searchWorkItems',
	listPlaceholder: 'Select a work item...',
	required: true,
	placeholder: ID_EXAMPLE,
	idRegex: ISC_ID_REGEX,
	idError: ISC_ID_ERROR,
	description:
		'The work item: pick one of your open work items, or enter its ID, e.g. from Get Many or the Work Items Trigger (its "ID" field)',
});

export const approvalItemIdField: INodeProperties = locatorField({
	displayName: 'Approval Item ID',
	name: 'approvalItemId',
	searchListMethod: 'searchApprovalItems',
	listPlaceholder: 'Select an approval item...',
	required: true,
	placeholder: '1211bcaa32112bcef6122adb21cef1ac',
	idRegex: ISC_ID_REGEX,
	idError: ISC_ID_ERROR,
	description:
		'One approval item of the work item above (an entry of its "approvalItems"); the list loads once a work item is chosen',
});

/** An identity picker (GET /public-identities, searched by name, email or alias), or its ID. */
export function identityField(
	displayName: string,
	name: string,
	description: string,
	required = false,
): INodeProperties {
	return locatorField({
		displayName,
		name,
		searchListMethod: 'searchIdentities',
		listPlaceholder: 'Search by name or email...',
		required,
		placeholder: ID_EXAMPLE,
		idRegex: ISC_ID_REGEX,
		idError: ISC_ID_ERROR,
		description,
	});
}

/**
 * The Owner ID filter: whose work items to `verb` ("list", "count", "watch"); `what` names
 * them, e.g. "completed work items".
 */
export function ownerIdField(verb: string, what: string): INodeProperties {
	return identityField(
		'Owner ID',
		'ownerId',
		`The identity whose ${what} to ${verb} (someone else's needs an admin). Leave empty for the ${what} of the token's own identity.`,
	);
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
export function workItemListingFields(what: string): INodeProperties[] {
	return [
		...returnAllFields,
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

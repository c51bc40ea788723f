import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { locatorField } from '../../shared/locators';
import { ISC_ID_ERROR, ISC_ID_REGEX } from './idFields';

/** Parameters the SailPoint Certifications operations share. */

export const certificationIdField: INodeProperties = locatorField({
	displayName: 'Certification',
	name: 'certificationId',
	searchListMethod: 'searchCertifications',
	listPlaceholder: 'Select a certification...',
	required: true,
	placeholder: 'ef38f94347e94562b5bb8424a56397d8',
	idRegex: ISC_ID_REGEX,
	idError: ISC_ID_ERROR,
	description:
		'The certification (one reviewer\'s part of a campaign): pick one of the active certifications you may review, or enter its ID (the "ID" in Get Many)',
});

/** Review items to act on: picked from the certification's undecided ones, or IDs from an expression. */
export function reviewItemIdsField(description: string): INodeProperties {
	return {
		displayName: 'Review Item Names or IDs',
		name: 'reviewItemIds',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getUndecidedReviewItems',
			loadOptionsDependsOn: ['certificationId.value'],
		},
		required: true,
		default: [],
		description: `${description}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		hint: 'The list shows the undecided items of the chosen certification (up to 1,000). Items from an earlier node: an expression giving a list of IDs (or of review items), or IDs separated by commas.',
	};
}

export const decisionStateOptions = [
	{
		name: 'Undecided',
		value: 'undecided',
		description: 'Items without a decision (completed eq false)',
	},
	{ name: 'Decided', value: 'decided', description: 'Items with a decision (completed eq true)' },
];

export const ACCESS_TYPES = [
	{ name: 'Entitlement', value: 'ENTITLEMENT' },
	{ name: 'Access Profile', value: 'ACCESS_PROFILE' },
	{ name: 'Role', value: 'ROLE' },
];

/** A listing's Options collection: the order ISC returns it in (its "sorters"), one of `sorters`. */
export function sortOptions(sorters: INodePropertyOptions[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				default: '',
				description: 'Order of the results (ISC\'s "sorters")',
				options: sorters,
			},
		],
	};
}

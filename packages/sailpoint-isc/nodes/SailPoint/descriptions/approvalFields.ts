import type { INodeProperties } from 'n8n-workflow';

import { locatorField } from '../../shared/locators';
import { ISC_ID_REGEX } from './idFields';
import { identityField } from './workItemFields';

/**
 * Parameters the SailPoint Approvals operations share. Each operation's description lists them
 * without display options; the node shows them for that resource and operation only.
 */

/** The approval to act on: picked from the pending ones of its service, or its ID. */
export function approvalIdField(
	description: string,
	service: 'accessRequest' | 'generic',
): INodeProperties {
	return locatorField({
		displayName: 'Approval ID',
		name: 'approvalId',
		searchListMethod:
			service === 'accessRequest'
				? 'searchPendingAccessRequestApprovals'
				: 'searchGenericApprovals',
		listPlaceholder: 'Select a pending approval...',
		required: true,
		placeholder:
			service === 'accessRequest'
				? '2c9180835d2e5168015d32f890ca1581'
				: '38453251-6be2-5f8f-df93-5ce19e295837',
		idRegex: ISC_ID_REGEX,
		idError:
			'Enter an ISC approval ID: letters, digits, "-", "_", "." or ":", no spaces or slashes',
		description,
	});
}

/**
 * Whose approvals: Me, An Identity (with its Owner ID picker) or Everyone (ISC's `owner-id`),
 * each choice described by `says`.
 */
export function ownerFields(says: {
	me: string;
	identity: string;
	all: string;
	ownerId: string;
}): INodeProperties[] {
	return [
		{
			displayName: 'Owner',
			name: 'owner',
			type: 'options',
			default: 'me',
			options: [
				{ name: 'Me', value: 'me', description: says.me },
				{ name: 'An Identity', value: 'identity', description: says.identity },
				{ name: 'Everyone (Admin)', value: 'all', description: says.all },
			],
		},
		{
			...identityField('Owner ID', 'ownerId', says.ownerId, true),
			displayOptions: { show: { owner: ['identity'] } },
		},
	];
}

/** Which approvals a listing or summary covers. */
export const listingOwnerFields: INodeProperties[] = ownerFields({
	me: 'The approvals of the identity behind the access token',
	identity: "The approvals of one identity (someone else's needs ORG_ADMIN)",
	all: 'Every approval of the tenant (ORG_ADMIN only)',
	ownerId: 'The identity whose approvals to read',
});

export const includeTotalOption: INodeProperties = {
	displayName: 'Include Total Count',
	name: 'includeTotal',
	type: 'boolean',
	default: false,
	description:
		'Whether to add "totalCount" to each item: how many match in all (ISC\'s X-Total-Count). Left out when ISC sends no total.',
};

export const offsetOption: INodeProperties = {
	displayName: 'Offset',
	name: 'offset',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0 },
	description: 'How many to skip before the first one returned, for paging by hand',
};

export function sortOption(fields: string[]): INodeProperties {
	return {
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		default: '',
		description: 'Order of the results (ISC\'s "sorters")',
		options: [
			{ name: 'As ISC Returns Them', value: '' },
			...fields.flatMap((field) => {
				const label = field.charAt(0).toUpperCase() + field.slice(1);
				return [
					{ name: `${label} (Oldest First)`, value: field },
					{ name: `${label} (Newest First)`, value: `-${field}` },
				];
			}),
		],
	};
}

export const customFilterOption: INodeProperties = {
	displayName: 'Custom Filter',
	name: 'customFilter',
	type: 'string',
	default: '',
	placeholder: 'modified ge "2026-01-01T00:00:00Z"',
	description: 'More conditions in ISC\'s filter syntax, joined to the others with "and"',
};

/** A notice with the scope and user levels the spec lists for the call. */
export function scopeNotice(text: string): INodeProperties {
	return { displayName: text, name: 'scopeNotice', type: 'notice', default: '' };
}

/** A Comment parameter (two lines); `description` says what it is for. */
export function commentField(
	description: string,
	options: { required?: boolean; placeholder?: string } = {},
): INodeProperties {
	return {
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		...(options.required ? { required: true } : {}),
		default: '',
		typeOptions: { rows: 2 },
		...(options.placeholder === undefined ? {} : { placeholder: options.placeholder }),
		description,
	};
}

import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../shared/returnAll';
import type { FlowList } from '../helpers/flowTickets';

/**
 * The Flow ticket parameters several operations of the Venafi Flow Ticket node share, each
 * shown for the operation value it is given.
 */

/** The Ticket ID picker: pending (or approved) tickets from a list, or Ids typed or mapped. */
export function ticketIdField(
	operations: string[],
	list: FlowList,
	description: string,
): INodeProperties {
	return {
		displayName: 'Ticket ID',
		name: 'ticketId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod:
						list === 'pending' ? 'searchPendingFlowTickets' : 'searchApprovedFlowTickets',
					searchable: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '12 or 12, 13',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*#?\\d+(\\s*,\\s*#?\\d+)*\\s*$',
							errorMessage:
								'Enter Flow ticket Ids: a whole number such as 12, or several separated by commas',
						},
					},
				],
			},
		],
		displayOptions: { show: { operation: operations } },
	};
}

/** The optional Comment of Approve and Update (Reject's is required and has its own). */
export function commentField(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		description,
		displayOptions: { show: { operation: [operation] } },
	};
}

/** Where an operation keeps Not Before, Expires and Use Count: its collection's names. */
type WindowCollection = Pick<INodeProperties, 'displayName' | 'name' | 'placeholder'>;

/** The collection of Not Before, Expires and Use Count, as Approve and Update take them. */
export function windowField(operation: string, collection: WindowCollection): INodeProperties {
	return {
		...collection,
		type: 'collection',
		default: {},
		displayOptions: { show: { operation: [operation] } },
		options: [
			{
				displayName: 'Not Before',
				name: 'notBefore',
				type: 'dateTime',
				default: '',
				description:
					"The earliest time the approval may be used. A time without a zone is read in the workflow's time zone; TPP receives it in UTC.",
			},
			{
				displayName: 'Expires',
				name: 'expires',
				type: 'dateTime',
				default: '',
				description:
					'When the approval stops being usable and a new request is needed, e.g. {{ $now.plus(1, "hour") }} for a one-hour window. Read in the workflow\'s time zone unless it has one; TPP receives it in UTC.',
			},
			{
				displayName: 'Use Count',
				name: 'useCount',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description:
					'How many times the approval may be used (e.g. signings) before a new request is needed. Unset: no limit.',
			},
		],
	};
}

const productCodeField: INodeProperties = {
	displayName: 'Product Code',
	name: 'productCode',
	type: 'number',
	default: 0,
	placeholder: '4390913',
	description:
		"Only tickets of the Flow product with this code (the ProductCode field of a ticket, e.g. 4390913 in TPP's examples). Unset: every product.",
};

/** Return All / Limit, as the package's other listing operations have them, and Filters. */
export function flowTicketListingFields(operation: string): INodeProperties[] {
	const show = { operation: [operation] };
	return [
		...updateDisplayOptions({ show }, returnAllFields),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add filter',
			default: {},
			displayOptions: { show },
			options: [productCodeField],
		},
	];
}

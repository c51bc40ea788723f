import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { describeType, optionalText } from '../../../shared/validation';
import { listIscCollection } from '../../shared/paging';

/**
 * Get Many and Get Many Completed list two ISC collections (`work-items`,
 * `work-items/completed`) with the same parameters and the same paging.
 */

export interface ListingWords {
	/** e.g. "work items" or "completed work items". */
	what: string;
}

export function listingDescription(operation: string, words: ListingWords): INodeProperties[] {
	const show = { operation: [operation] };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Owner ID',
					name: 'ownerId',
					type: 'string',
					default: '',
					placeholder: '2c9180835d2e5168015d32f890ca1581',
					description: `ID of the identity whose ${words.what} to list (listing someone else's needs an admin). Leave empty for the ${words.what} of the token's own identity.`,
				},
			],
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Include Total Count',
					name: 'includeTotal',
					type: 'boolean',
					default: false,
					description: `Whether to add "totalCount" to each item: how many ${words.what} match in all (ISC's X-Total-Count, ignoring Limit and Offset). Left out when ISC sends no total.`,
				},
				{
					displayName: 'Offset',
					name: 'offset',
					type: 'number',
					default: 0,
					typeOptions: { minValue: 0 },
					description: `How many ${words.what} to skip before the first one returned, for paging by hand (0 starts at the beginning)`,
				},
			],
		},
	];
}

/** Lists `endpoint` (a logical endpoint, see apiPaths.ts) as the item's Return All / Limit / Filters / Options say. */
export async function listWorkItems(context: IExecuteFunctions, itemIndex: number, endpoint: string): Promise<IDataObject[]> {
	const node = context.getNode();
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as unknown;
	if (typeof returnAll !== 'boolean') {
		throw parameterError(node, `The "Return All" parameter must be true or false, but it is ${describeType(returnAll)}`, itemIndex);
	}
	const max = returnAll
		? undefined
		: wholeNumber(context, context.getNodeParameter('limit', itemIndex, 50), 'Limit', 1, itemIndex);
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const ownerId = optionalText(node, filters.ownerId, 'Owner ID', itemIndex);
	const start = options.offset === undefined ? 0 : wholeNumber(context, options.offset, 'Offset', 0, itemIndex);
	const includeTotal = options.includeTotal === true;

	const { items, total } = await listIscCollection(context, {
		endpoint,
		qs: ownerId === undefined ? undefined : { ownerId },
		itemIndex,
		start,
		max,
		wantTotal: includeTotal,
	});
	if (includeTotal && total !== undefined) {
		for (const item of items) item.totalCount = total;
	}
	return items;
}

function wholeNumber(
	context: IExecuteFunctions,
	value: unknown,
	field: string,
	min: number,
	itemIndex: number,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < min) {
		throw parameterError(
			context.getNode(),
			`The "${field}" parameter must be a whole number of at least ${min}, but it is ${
				typeof value === 'string' ? `"${value}"` : typeof value === 'number' ? String(value) : describeType(value)
			}`,
			itemIndex,
		);
	}
	return number;
}

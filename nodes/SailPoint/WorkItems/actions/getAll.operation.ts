import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { describeType, optionalText } from '../../../shared/validation';
import { listIscCollection } from '../../shared/paging';

const show = { operation: ['getAll'] };

export const description: INodeProperties[] = [
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
				description:
					'ID of the identity whose work items to list (listing someone else\'s needs an admin). Leave empty for the work items of the token\'s own identity.',
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
				description:
					'Whether to add "totalCount" to each item: how many work items match in all (ISC\'s X-Total-Count, ignoring Limit and Offset). Left out when ISC sends no total.',
			},
			{
				displayName: 'Offset',
				name: 'offset',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description:
					'How many work items to skip before the first one returned, for paging by hand (0 starts at the beginning)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const node = this.getNode();
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as unknown;
	if (typeof returnAll !== 'boolean') {
		throw parameterError(node, `The "Return All" parameter must be true or false, but it is ${describeType(returnAll)}`, itemIndex);
	}
	const max = returnAll
		? undefined
		: wholeNumber(this, this.getNodeParameter('limit', itemIndex, 50), 'Limit', 1, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const ownerId = optionalText(node, filters.ownerId, 'Owner ID', itemIndex);
	const start = options.offset === undefined ? 0 : wholeNumber(this, options.offset, 'Offset', 0, itemIndex);
	const includeTotal = options.includeTotal === true;

	const { items, total } = await listIscCollection(this, {
		endpoint: 'work-items',
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

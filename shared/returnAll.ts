import type { INodeProperties } from 'n8n-workflow';

/**
 * Return All and Limit, as every listing operation of the package (and n8n's own nodes) has
 * them; `readLimit` (validation.ts) reads and checks them.
 */

export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	default: 50,
	typeOptions: { minValue: 1 },
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

export const returnAllFields: INodeProperties[] = [returnAllField, limitField];

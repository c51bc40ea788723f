import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { parameterError } from './errors';

/**
 * Checks on parameter values made before any request is sent. Each error names the
 * parameter as the editor shows it and says what a valid value looks like.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Accepts a GUID with or without braces and surrounding spaces; returns it bare. */
export function requireGuid(node: INode, value: unknown, field: string, itemIndex: number): string {
	const text = withoutBraces(requireText(node, value, field, itemIndex));
	if (!GUID.test(text)) {
		throw parameterError(
			node,
			`The "${field}" parameter must be a GUID such as af415f09-d487-43de-ba2e-f61d089b4e68, but it is "${truncate(text)}"`,
			itemIndex,
		);
	}
	return text.toLowerCase();
}

function withoutBraces(value: string): string {
	return value
		.trim()
		.replace(/^\{(.*)\}$/, '$1')
		.trim();
}

/** GUIDs as users or TPP may write them (braces, spaces, upper case) become the bare lower-case form. */
export function normalizeGuid(value: string): string {
	return withoutBraces(value).toLowerCase();
}

export function requireText(node: INode, value: unknown, field: string, itemIndex: number): string {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw parameterError(node, `The "${field}" parameter is required but is empty`, itemIndex);
	}
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw parameterError(
			node,
			`The "${field}" parameter must be text, but it is ${describeType(value)}`,
			itemIndex,
		);
	}
	return String(value).trim();
}

/** Text or nothing: empty and missing values become undefined. */
export function optionalText(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return requireText(node, value, field, itemIndex);
}

export function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

export function truncate(text: string, max = 60): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * A whole number of at least `min` (or text holding one). `bound` is how the message states
 * the minimum (each node keeps its own wording, e.g. "of 1 or more").
 */
export function requireWholeNumber(
	node: INode,
	value: unknown,
	field: string,
	min: number,
	itemIndex: number,
	bound = `of at least ${min}`,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < min) {
		const shown =
			typeof value === 'string'
				? `"${truncate(value)}"`
				: typeof value === 'number'
					? String(value)
					: describeType(value);
		throw parameterError(
			node,
			`The "${field}" parameter must be a whole number ${bound}, but it is ${shown}`,
			itemIndex,
		);
	}
	return number;
}

/**
 * Return All and Limit, checked: undefined for all, else the Limit (50 unless set). `bound` as
 * in requireWholeNumber.
 */
export function readLimit(
	context: IExecuteFunctions,
	itemIndex: number,
	bound?: string,
): number | undefined {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as unknown;
	if (typeof returnAll !== 'boolean') {
		throw parameterError(
			context.getNode(),
			`The "Return All" parameter must be true or false, but it is ${describeType(returnAll)}`,
			itemIndex,
		);
	}
	if (returnAll) return undefined;
	const limit = context.getNodeParameter('limit', itemIndex, 50);
	return requireWholeNumber(context.getNode(), limit, 'Limit', 1, itemIndex, bound);
}

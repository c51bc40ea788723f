import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import { ID_EXAMPLE } from '../descriptions/idFields';
import { locatorValue } from '../../shared/locators';
import { describeType, truncate } from '../../shared/validation';

/**
 * ISC object IDs (work items, approval items, identities) go into request paths, so they are
 * checked before any request: ISC's are 32 hexadecimal digits (2c9180835d2e5168015d32f890ca1581)
 * or UUID-like, but any plain token of letters, digits, `-`, `_`, `.` and `:` is let through so
 * that a tenant with another format still works. Empty text, spaces inside, slashes, `?`, `#`
 * and non-text values are refused with the field's name, since they would change the URL.
 */

const ISC_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function requireIscId(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw parameterError(node, `The "${field}" parameter is required but is empty`, itemIndex);
	}
	if (typeof value !== 'string') {
		throw parameterError(
			node,
			`The "${field}" parameter must be text (an ISC ID), but it is ${describeType(value)}`,
			itemIndex,
		);
	}
	const id = value.trim();
	if (!ISC_ID.test(id)) {
		throw parameterError(
			node,
			`The "${field}" parameter must be an ISC ID such as ${ID_EXAMPLE}, but it is "${truncate(id)}"`,
			itemIndex,
			'An ID is one word of letters, digits, "-", "_", "." or ":" (at most 128 characters): no spaces, slashes, "?" or "#".',
		);
	}
	return id;
}

/**
 * An optional ID field: a picker's value, or a plain string saved before the field became a
 * picker; undefined when empty, checked as `requireIscId` otherwise.
 */
export function optionalIscId(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): string | undefined {
	const id = locatorValue(value);
	return id === undefined || id === '' ? undefined : requireIscId(node, id, field, itemIndex);
}

/**
 * A list of IDs: picked from a list, typed with commas, or a list from an expression. Blank
 * entries are skipped, each other is checked as `requireIscId`, duplicates are dropped; a value
 * that is neither text nor a list, or no ID at all, fails naming the field. With
 * `entriesWithId`, an entry may also be an object with an `id` (an item of an earlier listing).
 */
export function idListOf(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	field: string,
	{ entriesWithId = false }: { entriesWithId?: boolean } = {},
): string[] {
	const node = context.getNode();
	const value = context.getNodeParameter(name, itemIndex, []) as unknown;
	const raw = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: undefined;
	if (raw === undefined) {
		throw parameterError(
			node,
			`The "${field}" parameter must be IDs separated by commas or a list, but it is ${describeType(value)}`,
			itemIndex,
		);
	}
	const ids = raw
		.map((entry) =>
			entriesWithId && typeof entry === 'object' && entry !== null && 'id' in entry
				? (entry as IDataObject).id
				: entry,
		)
		.filter((entry) => !(typeof entry === 'string' && entry.trim() === ''))
		.map((entry) => requireIscId(node, entry, field, itemIndex));
	if (ids.length === 0)
		throw parameterError(node, `The "${field}" parameter is required but is empty`, itemIndex);
	return [...new Set(ids)];
}

/**
 * Whose items a listing asks for, from a Me / An Identity / All choice and the identity picked
 * with it: 'me', the identity's ID, or undefined for all. A value of the choice from an
 * expression that is none of the three fails naming the parameter.
 */
export function whoseItems(
	context: IExecuteFunctions,
	itemIndex: number,
	choice: { name: string; label: string; idName: string; idLabel: string },
): string | undefined {
	const node = context.getNode();
	const whose = context.getNodeParameter(choice.name, itemIndex, 'me') as unknown;
	if (whose === 'me') return 'me';
	if (whose === 'identity')
		return requireIscId(
			node,
			context.getNodeParameter(choice.idName, itemIndex, '', { extractValue: true }),
			choice.idLabel,
			itemIndex,
		);
	if (whose === 'all') return undefined;
	throw parameterError(
		node,
		`The "${choice.label}" parameter must be me, identity or all, but it is ${JSON.stringify(whose)}`,
		itemIndex,
	);
}

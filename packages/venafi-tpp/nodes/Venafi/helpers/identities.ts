import type { IDataObject, INode } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import { describeType, truncate } from '../../shared/validation';

/**
 * TPP identities as Workflow/Ticket/Create and UpdateStatus take them in `Approvers`: each one
 * an object with a `PrefixedUniversal`, a `PrefixedName`, or a `Prefix` with a `Universal` or a
 * `Name` (TPP's WebSDK reference; Identity/Browse answers the same objects). TPP refuses plain
 * strings (Result 5, BadArguments), so what a user types is turned into one of these objects.
 */
type TppIdentity = IDataObject &
	(
		| { PrefixedUniversal: string }
		| { PrefixedName: string }
		| { Prefix: string; Universal: string }
		| { Prefix: string; Name: string }
	);

/** `prefix:rest`, where the prefix names the identity provider: `local`, `AD+corp`, `LDAP+dir`. */
const PREFIXED = /^([A-Za-z][\w.+-]*):(.+)$/;

/**
 * Universal IDs as TPP writes them (the format "depends on the settings from the identity
 * provider"): a GUID with or without braces, or AD's objectGUID as 32 hex digits
 * (`AD+VENAFI:e3fc935977cf4940bd1d0c67433a76e5`). Anything else after the prefix is a name
 * (`local:admin`, `AD+corp:jsmith`); an object from an expression can force either form.
 */
const UNIVERSAL =
	/^(\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

const EXAMPLES =
	'a prefixed universal ID such as local:{1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901}, a prefixed name such as AD+corp:jsmith, or an identity object with PrefixedUniversal';

/** Reads one approver: text becomes the matching identity object; objects are checked and kept. */
function toTppIdentity(node: INode, value: unknown, field: string, itemIndex: number): TppIdentity {
	if (typeof value === 'string') {
		const text = value.trim();
		if (text.startsWith('{') && text.endsWith('}')) {
			// An identity object written as JSON text (e.g. copied from Identity/Browse output).
			let parsed: unknown;
			try {
				parsed = JSON.parse(text);
			} catch {
				throw identityError(node, field, `"${truncate(text)}"`, itemIndex);
			}
			return toTppIdentity(node, parsed, field, itemIndex);
		}
		const match = PREFIXED.exec(text);
		if (!match) throw identityError(node, field, `"${truncate(text)}"`, itemIndex);
		const rest = match[2].trim();
		if (rest === '') throw identityError(node, field, `"${truncate(text)}"`, itemIndex);
		return UNIVERSAL.test(rest)
			? { PrefixedUniversal: `${match[1]}:${rest}` }
			: { PrefixedName: `${match[1]}:${rest}` };
	}
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		const identity = value as IDataObject;
		const filled = (key: string) =>
			typeof identity[key] === 'string' && (identity[key] as string).trim() !== '';
		if (filled('PrefixedUniversal') || filled('PrefixedName')) return identity as TppIdentity;
		if (filled('Prefix') && (filled('Universal') || filled('Name'))) return identity as TppIdentity;
		throw identityError(
			node,
			field,
			`an object without PrefixedUniversal, PrefixedName, or Prefix with Universal or Name (${truncate(JSON.stringify(identity))})`,
			itemIndex,
		);
	}
	throw identityError(node, field, describeType(value), itemIndex);
}

/**
 * Reads a list of approvers from a multiple-values field, an array from an expression or a
 * comma-separated text, and turns each into an identity object.
 */
export function toTppIdentities(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): TppIdentity[] {
	if (value === undefined || value === null || value === '') return [];
	const entries = Array.isArray(value)
		? value.flat()
		: typeof value === 'string' && !value.trim().startsWith('{')
			? value.split(',')
			: [value];
	return entries.map((entry) => {
		if (
			entry === undefined ||
			entry === null ||
			(typeof entry === 'string' && entry.trim() === '')
		) {
			throw parameterError(
				node,
				`The "${field}" parameter has an empty entry; give each approver as ${EXAMPLES}`,
				itemIndex,
			);
		}
		return toTppIdentity(node, entry, field, itemIndex);
	});
}

/** How an identity reads in our output: the prefixed form TPP's Details shows where possible. */
export function identityLabel(identity: TppIdentity): string {
	const value = identity as IDataObject;
	if (typeof value.PrefixedUniversal === 'string') return value.PrefixedUniversal;
	if (typeof value.PrefixedName === 'string') return value.PrefixedName;
	return `${String(value.Prefix)}:${String(value.Universal ?? value.Name)}`;
}

/**
 * How a person reads an identity that TPP describes (Identity/Browse, Identity/Validate): the
 * common name of a directory entry ("CN=John Smith,OU=…" → "John Smith"), the last part of a
 * local one ("\\VED\\Identity\\admin" → "admin"), else its Name or PrefixedName.
 */
export function identityDisplayName(identity: IDataObject): string {
	const full = typeof identity.FullName === 'string' ? identity.FullName : '';
	const commonName = /^CN=([^,]+)/i.exec(full)?.[1];
	if (commonName) return commonName;
	if (full.includes('\\')) return full.slice(full.lastIndexOf('\\') + 1);
	return String(identity.Name ?? identity.PrefixedName ?? '');
}

function identityError(node: INode, field: string, found: string, itemIndex: number) {
	return parameterError(
		node,
		`Each entry of "${field}" must be ${EXAMPLES}, but one is ${found}`,
		itemIndex,
	);
}

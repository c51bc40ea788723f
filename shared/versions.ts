import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Node versions. n8n saves a node without the parameters left at their default, so changing a
 * default would silently change what workflows saved before do. A changed default therefore
 * comes with a new node version: workflows saved with version 1 keep version 1's defaults,
 * new nodes get the newest version. Venafi TPP Ticket and SailPoint Work Items changed defaults
 * in version 2; where Request Options sit changed later (shared/requestOptions.ts), each node
 * file says in which version.
 */

/** Display options: only on nodes saved with version 1. */
export const ONLY_VERSION_1 = { show: { '@version': [1] } };

/** Display options: on version 2 and later. */
export const FROM_VERSION_2 = fromVersion(2);

/**
 * The same parameter with version 1's default (what old workflows keep) and the default of
 * version 2 on. Both carry one name: n8n shows and reads whichever the node's version selects.
 */
export function versionedDefault(
	property: INodeProperties,
	version1: Pick<INodeProperties, 'default'> & Partial<INodeProperties>,
	version2: Pick<INodeProperties, 'default'> & Partial<INodeProperties>,
): INodeProperties[] {
	return splitByVersion(property, [version1, ONLY_VERSION_1], [version2, FROM_VERSION_2]);
}

/** Display options: on nodes saved with a version before `version`. */
export function beforeVersion(version: number): IDisplayOptions {
	return { show: { '@version': [{ _cnd: { lt: version } }] } };
}

/** Display options: on `version` and later. */
export function fromVersion(version: number): IDisplayOptions {
	return { show: { '@version': [{ _cnd: { gte: version } }] } };
}

/**
 * A parameter that changed in `version`: as it was before (what saved workflows keep) and as it
 * is from `version` on. Both carry one name; n8n shows and reads whichever the node's version
 * selects.
 */
export function changedInVersion(
	version: number,
	property: INodeProperties,
	before: Partial<INodeProperties>,
	after: Partial<INodeProperties>,
): INodeProperties[] {
	return splitByVersion(property, [before, beforeVersion(version)], [after, fromVersion(version)]);
}

/**
 * The property with `changes`, shown on versions from `from` (when given) and before `before`
 * (when given); nothing when that range is empty. Whole version numbers, as every node here has
 * (n8n's `between` takes both ends).
 */
export function inVersionRange(
	property: INodeProperties,
	changes: Partial<INodeProperties>,
	{ from, before }: { from?: number; before?: number },
): INodeProperties[] {
	if (from !== undefined && before !== undefined && before <= from) return [];
	const rule =
		before === undefined
			? from === undefined
				? undefined
				: fromVersion(from)
			: from === undefined
				? beforeVersion(before)
				: { show: { '@version': [{ _cnd: { between: { from, to: before - 1 } } }] } };
	return [{ ...property, ...changes, ...(rule ? { displayOptions: merged(property, rule) } : {}) }];
}

/** The property twice, each with its own changes and the version rule that shows it. */
function splitByVersion(
	property: INodeProperties,
	...versions: Array<[Partial<INodeProperties>, IDisplayOptions]>
): INodeProperties[] {
	return versions.map(([changes, versionRule]) => ({
		...property,
		...changes,
		displayOptions: merged(property, versionRule),
	}));
}

/** The property's display options with a version rule added. */
export function merged(
	property: Pick<INodeProperties, 'displayOptions'>,
	versionRule: IDisplayOptions,
): INodeProperties['displayOptions'] {
	const own = property.displayOptions ?? {};
	return {
		...own,
		show: { ...(own.show ?? {}), ...versionRule.show },
	} as INodeProperties['displayOptions'];
}

/**
 * The Simplify switch n8n's own nodes offer: off on version 1 (its output stays the raw
 * answer), on for new nodes.
 */
export function simplifyField(what: string): INodeProperties[] {
	return versionedDefault(
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: 'Whether to return a simplified version of the response instead of the raw data',
			hint: `On: the fields a person reads first of each ${what}, in that order. Off: everything the API answered.`,
		},
		{ default: false },
		{ default: true },
	);
}

/**
 * The same Simplify switch, on by default, for operations that gain it in a later node version
 * (`version`: older versions do not show it, so their output stays the raw answer) or for new
 * operations (no `version`: shown on every version).
 */
export function simplifyFieldSince(what: string, version?: number): INodeProperties[] {
	const simplify: INodeProperties = { ...simplifyField(what)[1] };
	delete simplify.displayOptions;
	return [version === undefined ? simplify : { ...simplify, displayOptions: fromVersion(version) }];
}

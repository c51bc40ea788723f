import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

/**
 * Resource locator fields ("From list" with search and paging, "By ID" with validation) for
 * parameters that used to be plain text. The parameter keeps its name and type of value: a
 * workflow saved before stores a plain string there, which n8n-core's extractValue passes
 * through unchanged and the editor shows as it is, so old workflows run without a new version.
 */

interface LocatorOptions {
	displayName: string;
	name: string;
	/** The listSearch method behind "From list"; none: the vendor offers no way to list. */
	searchListMethod?: string;
	/** Whether the vendor filters on the typed text (else the page is filtered here). */
	searchFilterRequired?: boolean;
	placeholder: string;
	/** The By ID check in the editor; the node checks again before any request. */
	idRegex?: string;
	idError?: string;
	required?: boolean;
	description: string;
	hint?: string;
	/** What the list placeholder says, e.g. "Select a ticket...". */
	listPlaceholder?: string;
}

export function locatorField(options: LocatorOptions): INodeProperties {
	const validation: INodePropertyMode['validation'] = options.idRegex
		? [
				{
					type: 'regex',
					properties: {
						regex: options.idRegex,
						errorMessage: options.idError ?? 'Not a valid ID',
					},
				},
			]
		: undefined;
	// The mode objects stay inside the field's literal: n8n's lint rules read a standalone
	// { displayName, name, type } object as a parameter that lacks a default.
	const field: INodeProperties = {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: options.searchListMethod ? 'list' : 'id', value: '' },
		description: options.description,
		modes: [
			...(options.searchListMethod
				? [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list' as const,
							placeholder: options.listPlaceholder,
							typeOptions: {
								searchListMethod: options.searchListMethod,
								searchable: true,
								searchFilterRequired: options.searchFilterRequired ?? false,
							},
						},
					]
				: []),
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.placeholder,
				...(validation ? { validation } : {}),
			},
		],
	};
	if (options.required) field.required = true;
	if (options.hint) field.hint = options.hint;
	return field;
}

/**
 * The value of a locator inside a collection (getNodeParameter's extractValue reaches only
 * top-level parameters): `{ __rl, mode, value }` gives its value; a plain string saved before
 * the field became a locator, or an expression's result, is kept as it is.
 */
export function locatorValue(value: unknown): unknown {
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		const locator = value as { __rl?: unknown; mode?: unknown; value?: unknown };
		if ('mode' in locator && 'value' in locator) return locator.value;
	}
	return value;
}

/** Page numbers as the pagination token (n8n hands the token back as it was given). */
export function pageOf(paginationToken: string | undefined): number {
	const asked = Number(paginationToken);
	return Number.isSafeInteger(asked) && asked > 0 ? asked : 0;
}

/** Whether the typed text is found in any of the texts (case-insensitive); empty text: yes. */
export function matchesFilter(
	filter: string | undefined,
	...texts: Array<string | undefined>
): boolean {
	const wanted = filter?.trim().toLowerCase() ?? '';
	if (wanted === '') return true;
	return texts.some((text) => text?.toLowerCase().includes(wanted));
}

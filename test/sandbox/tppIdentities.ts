import type { ServerResponse } from 'node:http';

import { sendJson } from './http';

/**
 * POST Identity/Browse, as TPP's WebSDK reference describes it: `Filter` (optional, the name to
 * search for; AD matches its ambiguous-name attributes), `Limit` (optional; local provider
 * default 50), `IdentityType` (required for the local provider: 1 users, 2 security groups,
 * 8 distribution groups, or their sum). The answer is `{ Identities: [Identity Entry] }` with
 * FullName, IsContainer, IsGroup, Name, Prefix, PrefixedName, PrefixedUniversal, Type and
 * Universal. Token scope: Configuration (the scope table in tpp.ts). Bad arguments answer
 * HTTP 400 with `Error`, as TPP's other Web SDK calls do.
 */

export interface IdentityEntry {
	FullName: string;
	IsContainer: boolean;
	IsGroup: boolean;
	Name: string;
	Prefix: string;
	PrefixedName: string;
	PrefixedUniversal: string;
	Type: number;
	Universal: string;
}

const LOCAL_DEFAULT_LIMIT = 50;

/** An Identity Entry from the prefixed name and universal TPP shows for it. */
export function identityEntry(prefixedName: string, prefixedUniversal: string, fullName: string, type = 1): IdentityEntry {
	const prefix = prefixedName.slice(0, prefixedName.indexOf(':'));
	return {
		FullName: fullName,
		IsContainer: false,
		IsGroup: type !== 1,
		Name: prefixedName.slice(prefix.length + 1),
		Prefix: prefix,
		PrefixedName: prefixedName,
		PrefixedUniversal: prefixedUniversal,
		Type: type,
		Universal: prefixedUniversal.slice(prefix.length + 1),
	};
}

export function browseIdentities(body: Record<string, unknown>, directory: IdentityEntry[], res: ServerResponse): void {
	const type = Number(body.IdentityType);
	if (body.IdentityType === undefined || !Number.isInteger(type) || type < 1 || (type & ~11) !== 0) {
		sendJson(res, 400, { Error: 'IdentityType is required: 1 (User), 2 (SecurityGroups), 8 (DistributionGroups) or their sum.' });
		return;
	}
	if (body.Filter !== undefined && typeof body.Filter !== 'string') {
		sendJson(res, 400, { Error: 'Filter must be a string.' });
		return;
	}
	const limit = body.Limit === undefined ? LOCAL_DEFAULT_LIMIT : Number(body.Limit);
	if (!Number.isInteger(limit) || limit < 1) {
		sendJson(res, 400, { Error: 'Limit must be a positive whole number.' });
		return;
	}
	const filter = (body.Filter ?? '').trim().toLowerCase();
	const found = directory
		.filter((identity) => (identity.Type & type) !== 0)
		.filter((identity) => filter === '' || identity.Name.toLowerCase().includes(filter) || identity.FullName.toLowerCase().includes(filter))
		.slice(0, limit);
	sendJson(res, 200, { Identities: found });
}

/**
 * POST Identity/Validate, as TPP's WebSDK reference describes it: `ID`, one Identity Entry
 * (PrefixedUniversal, PrefixedName, or Prefix with Universal or Name); the answer is
 * `{ ID: Identity Entry }` with the missing fields filled in (FullName, Name, PrefixedName,
 * PrefixedUniversal, Type, Universal...). "If the ID of the person or group is not present in
 * Trust Protection Platform, the response body is empty" (HTTP 200, no body). One identity per
 * call: the reference offers no list form. Token scope: Configuration (the scope table in
 * tpp.ts); no special permission. A missing or malformed ID is HTTP 400 with `Error`, as TPP's
 * other Web SDK calls answer bad arguments.
 */
export function validateIdentity(body: Record<string, unknown>, directory: IdentityEntry[], res: ServerResponse): void {
	const id = body.ID;
	if (typeof id !== 'object' || id === null || Array.isArray(id)) {
		sendJson(res, 400, { Error: 'ID is required: an identity with PrefixedUniversal, PrefixedName, or Prefix with Universal or Name.' });
		return;
	}
	const entry = id as Record<string, unknown>;
	const text = (key: string) => (typeof entry[key] === 'string' ? (entry[key] as string).trim() : '');
	let match: ((identity: IdentityEntry) => boolean) | undefined;
	if (text('PrefixedUniversal') !== '') {
		const wanted = normalizeUniversal(text('PrefixedUniversal'));
		match = (identity) => normalizeUniversal(identity.PrefixedUniversal) === wanted;
	} else if (text('PrefixedName') !== '') {
		const wanted = text('PrefixedName').toLowerCase();
		match = (identity) => identity.PrefixedName.toLowerCase() === wanted;
	} else if (text('Prefix') !== '' && text('Universal') !== '') {
		const wanted = normalizeUniversal(`${text('Prefix')}:${text('Universal')}`);
		match = (identity) => normalizeUniversal(identity.PrefixedUniversal) === wanted;
	} else if (text('Prefix') !== '' && text('Name') !== '') {
		const wanted = `${text('Prefix')}:${text('Name')}`.toLowerCase();
		match = (identity) => identity.PrefixedName.toLowerCase() === wanted;
	}
	if (match === undefined) {
		sendJson(res, 400, { Error: 'ID needs PrefixedUniversal, PrefixedName, or Prefix with Universal or Name.' });
		return;
	}
	const found = directory.find(match);
	if (found === undefined) {
		sendJson(res, 200);
		return;
	}
	sendJson(res, 200, { ID: found });
}

/** `AD+corp:{GUID}` and `ad+corp:guid` name the same identity (TPP ignores case and braces here). */
function normalizeUniversal(prefixed: string): string {
	const colon = prefixed.indexOf(':');
	return `${prefixed.slice(0, colon).toLowerCase()}:${prefixed.slice(colon + 1).replace(/^\{(.*)\}$/, '$1').toLowerCase()}`;
}

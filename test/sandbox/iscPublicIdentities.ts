import type { ServerResponse } from 'node:http';

import type { SandboxRequest } from './http';
import { sendJson } from './http';

/**
 * GET /public-identities/v1 (and the deprecated /v3/public-identities), as SailPoint's
 * get-public-identities reference describes it: the V3 collection parameters (`limit` 0..250,
 * `offset`, `count` giving X-Total-Count), `filters` on id (eq, in) and on alias, email,
 * firstname, lastname (eq, sw), joined here by `or`; `sorters=name`. Anything else in
 * `filters` is a 400 with ISC's body, as ISC answers an unsupported filter. Each identity is
 * `{ id, name, alias, email, status, identityState, manager, attributes }`.
 */

export interface PublicIdentity {
	id: string;
	name: string;
	alias: string;
	email: string;
	firstname: string;
	lastname: string;
	status: string;
	identityState: string;
}

/** The caller's own, the seeded owners and a few more, so search and paging have something to do. */
export function seedPublicIdentities(owners: ReadonlyArray<{ id: string; name: string }>): PublicIdentity[] {
	const people = [...owners];
	for (let index = 0; index < 6; index++) {
		people.push({ id: `2c91808a7e0f4d10017e${index.toString(16).padStart(12, '0')}`, name: `Test User ${index + 1}` });
	}
	return people.map(({ id, name }) => {
		const [firstname, ...rest] = name.split(' ');
		const lastname = rest.join(' ');
		const alias = `${firstname}.${lastname}`.toLowerCase().replace(/\s+/g, '');
		return { id, name, alias, email: `${alias}@acme-solar.example`, firstname, lastname, status: 'Active', identityState: 'ACTIVE' };
	});
}

const FILTER_TERM = /^(id|alias|email|firstname|lastname)\s+(eq|sw|in)\s+(?:"((?:[^"\\]|\\.)*)"|\(([^)]*)\))$/i;

/** One `or`-joined filter as a predicate; undefined for what the reference does not support. */
export function parsePublicIdentityFilter(filters: string): ((identity: PublicIdentity) => boolean) | undefined {
	const terms: Array<(identity: PublicIdentity) => boolean> = [];
	for (const raw of filters.split(/\s+or\s+/i)) {
		const match = FILTER_TERM.exec(raw.trim());
		if (!match) return undefined;
		const field = match[1].toLowerCase() as keyof PublicIdentity;
		const operator = match[2].toLowerCase();
		if (operator === 'in' && field !== 'id') return undefined;
		if (operator === 'sw' && field === 'id') return undefined;
		const values =
			operator === 'in'
				? (match[4] ?? '').split(',').map((entry) => entry.trim().replace(/^"|"$/g, ''))
				: [(match[3] ?? '').replace(/\\(.)/g, '$1')];
		terms.push((identity) => {
			const actual = identity[field].toLowerCase();
			return values.some((value) => (operator === 'sw' ? actual.startsWith(value.toLowerCase()) : actual === value.toLowerCase()));
		});
	}
	return (identity) => terms.some((term) => term(identity));
}

export function listPublicIdentities(
	req: SandboxRequest,
	res: ServerResponse,
	identities: PublicIdentity[],
	badRequest: (res: ServerResponse, cause: string) => void,
): void {
	const limitText = req.query.get('limit');
	const offsetText = req.query.get('offset');
	const limit = limitText === null ? 250 : /^\d+$/.test(limitText) ? Number(limitText) : -1;
	const offset = offsetText === null ? 0 : /^\d+$/.test(offsetText) ? Number(offsetText) : -1;
	if (limit < 0 || limit > 250) return badRequest(res, `limit: must be an integer between 0 and 250, but it is '${limitText}'`);
	if (offset < 0) return badRequest(res, `offset: must be a non-negative integer, but it is '${offsetText}'`);
	const filters = req.query.get('filters');
	let matching = identities;
	if (filters !== null && filters.trim() !== '') {
		const predicate = parsePublicIdentityFilter(filters);
		if (!predicate) return badRequest(res, `filters: unsupported filter '${filters}'`);
		matching = identities.filter(predicate);
	}
	const sorters = req.query.get('sorters');
	if (sorters !== null && sorters !== '' && !/^-?name$/.test(sorters)) return badRequest(res, `sorters: unsupported sorter '${sorters}'`);
	if (sorters) {
		const direction = sorters.startsWith('-') ? -1 : 1;
		matching = [...matching].sort((a, b) => direction * a.name.localeCompare(b.name));
	}
	const headers: Record<string, string> = {};
	if (req.query.get('count') === 'true') headers['X-Total-Count'] = String(matching.length);
	const page = matching.slice(offset, offset + limit).map(({ firstname: _first, lastname: _last, ...identity }) => ({
		...identity,
		manager: null,
		attributes: {},
	}));
	sendJson(res, 200, page, headers);
}

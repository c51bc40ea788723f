import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { pageOf } from '../../shared/locators';
import { retrySettings } from '../../shared/transport/retry';
import { iscConnection, iscList } from '../transport';

/**
 * The identity pickers (Owner ID, Target Owner ID, New Owner ID, Reassign To...): GET
 * /public-identities/v1 (or /v3/public-identities), made for non-administrators (approvers,
 * reviewers) to look identities up. ISC filters
 * on the typed text (first name, last name, email or alias starting with it); pages follow
 * `offset`.
 */

const PAGE_SIZE = 50;

/** ISC's filter syntax quotes with "", escaping " and \ with a backslash. */
function quoted(text: string): string {
	return `"${text.replace(/["\\]/g, (character) => `\\${character}`)}"`;
}

export async function searchIdentities(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const text = filter?.trim() ?? '';
	const qs: IDataObject = { limit: PAGE_SIZE, offset: page * PAGE_SIZE, sorters: 'name' };
	if (text !== '') {
		qs.filters = ['firstname', 'lastname', 'email', 'alias']
			.map((field) => `${field} sw ${quoted(text)}`)
			.join(' or ');
	}
	const connection = iscConnection(this, { idempotent: true, retry: retrySettings() });
	const request = {
		method: 'GET' as const,
		endpoint: 'public-identities',
		qs,
		itemIndex: 0,
		forbiddenHint:
			"ISC refused to list identities (GET /public-identities) for this token's identity; enter the identity's ID By ID instead.",
	};
	const identities = await iscList(connection, request);
	return {
		results: identities.map((identity) => {
			const name = typeof identity.name === 'string' ? identity.name : String(identity.id);
			const email = typeof identity.email === 'string' ? identity.email : undefined;
			return {
				name: email ? `${name} (${email})` : name,
				value: String(identity.id),
				description: [identity.alias, identity.status].filter(Boolean).join(' · ') || undefined,
			};
		}),
		paginationToken: identities.length === PAGE_SIZE ? String(page + 1) : undefined,
	};
}

import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { apiError } from '../../shared/errors';
import { retrySettings } from '../../shared/transport/retry';
import { tppConnection, tppRequest } from '../transport';
import { needingConfigurationScope } from './scopeNeeded';
import { identityDisplayName } from '../helpers/identities';

/**
 * The Approvers list (Venafi TPP Ticket version 2, Create): POST Identity/Browse (token scope
 * "Configuration"), which lists the identities of the signed-in user's identity providers
 * (local, AD, LDAP). Several approvers are picked from one list (n8n's resource locator holds
 * one value), so this is a load-options list: n8n filters it as the user types. TPP does not
 * page Identity/Browse; the list holds up to BROWSE_LIMIT identities, and an approver beyond
 * them is given by an expression (the field's description says so).
 */

const BROWSE_LIMIT = 250;

/** Users, security groups and distribution groups (1 + 2 + 8): all may approve. */
const ANY_IDENTITY = 11;

/** The name carries the prefixed name and whether it is a group, so equal names differ. */
function identityOption(identity: IDataObject): INodePropertyOptions {
	const group = identity.IsGroup === true ? ', group' : '';
	return {
		name: `${identityDisplayName(identity)} (${String(identity.PrefixedName)}${group})`,
		value: String(identity.PrefixedUniversal),
		description: typeof identity.FullName === 'string' ? identity.FullName : undefined,
	};
}

export async function getIdentities(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const connection = tppConnection(this, { idempotent: true, retry: retrySettings() });
	const response = await needingConfigurationScope(
		this,
		async () =>
			await tppRequest(connection, {
				method: 'POST',
				endpoint: 'Identity/Browse',
				body: { Limit: BROWSE_LIMIT, IdentityType: ANY_IDENTITY },
				itemIndex: 0,
			}),
	);
	const answer = (response.body ?? {}) as IDataObject;
	if (!Array.isArray(answer.Identities)) {
		const said = typeof answer.Error === 'string' ? `: ${answer.Error}` : '';
		throw apiError(this.getNode(), {
			message: `Venafi TPP could not list identities (Identity/Browse${said})`,
			httpCode: response.statusCode,
			itemIndex: 0,
		});
	}
	const identities = (answer.Identities as IDataObject[]).filter(
		(identity) =>
			typeof identity.PrefixedUniversal === 'string' && identity.PrefixedUniversal !== '',
	);
	return identities.map(identityOption).sort((a, b) => a.name.localeCompare(b.name));
}

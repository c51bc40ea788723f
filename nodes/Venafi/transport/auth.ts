import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { hasHttpScheme } from '../../shared/transport/baseUrl';
import { originOf, postForToken, renewOnce, SignInError, text, type TokenResponse } from '../../shared/signIn';
import { normalizeTppBaseUrl } from './baseUrl';

/**
 * The "OAuth (username and password)" way into TPP: a token from POST /vedauth/authorize/oauth,
 * renewed with the refresh token at POST /vedauth/authorize/token (which rotates it: the
 * returned refresh token replaces the used one), and a fresh sign-in when refreshing fails.
 * n8n calls this through the credential's preAuthentication and stores what it returns.
 */

const SERVICE = 'Venafi TPP';

export const TPP_OAUTH = 'oauth';

export async function tppPreAuthentication(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	// With a plain access token there is nothing to fetch; an empty answer tells n8n so.
	if (credentials.authentication !== TPP_OAUTH) return {};
	const baseUrl = normalizeTppBaseUrl(credentials.baseUrl);
	const account = `tpp|${baseUrl}|${String(credentials.clientId)}|${String(credentials.username)}`;
	return await renewOnce(account, String(credentials.sessionToken ?? ''), async () => await signIn(helper, credentials, baseUrl));
}

async function signIn(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	baseUrl: string,
): Promise<IDataObject> {
	if (!hasHttpScheme(baseUrl)) {
		throw new SignInError(SERVICE, `the Base URL must start with https:// (or http://), but it is "${baseUrl}"`);
	}
	const clientId = text(credentials.clientId);
	const username = text(credentials.username);
	const password = typeof credentials.password === 'string' ? credentials.password : '';
	if (!clientId) throw new SignInError(SERVICE, 'the Client ID is empty; enter the ID of the API integration registered in TPP');
	if (!username || password === '') throw new SignInError(SERVICE, 'the Username and Password are required for OAuth sign-in');
	const skipSslCertificateValidation = credentials.allowUnauthorizedCerts === true;

	const refreshToken = text(credentials.refreshToken);
	if (refreshToken) {
		const refreshed = await postForToken(helper, SERVICE, {
			url: `${baseUrl}/vedauth/authorize/token`,
			body: { client_id: clientId, refresh_token: refreshToken },
			skipSslCertificateValidation,
		});
		if (refreshed.status === 200 && text(refreshed.body.access_token)) return grant(refreshed);
		// A used, expired or revoked refresh token: sign in again with the password.
	}

	const login = await postForToken(helper, SERVICE, {
		url: `${baseUrl}/vedauth/authorize/oauth`,
		body: { client_id: clientId, username, password, scope: text(credentials.scope) ?? '' },
		skipSslCertificateValidation,
	});
	if (login.status === 200 && text(login.body.access_token)) return grant(login);
	throw new SignInError(SERVICE, explain(login, baseUrl, text(credentials.scope) ?? ''));
}

function grant(response: TokenResponse): IDataObject {
	return {
		sessionToken: String(response.body.access_token),
		refreshToken: text(response.body.refresh_token) ?? '',
	};
}

function explain(response: TokenResponse, baseUrl: string, scope: string): string {
	const error = text(response.body.error);
	const detail = text(response.body.error_description);
	const said = detail ? ` (TPP: ${detail})` : '';
	switch (error) {
		case 'invalid_client':
			return `the Client ID is not accepted; check that an API integration with this ID exists in TPP and is enabled${said}`;
		case 'invalid_grant':
			return `the Username or Password is not accepted${said}`;
		case 'invalid_scope':
			return `the scope "${scope}" is not allowed for this API integration; ask for a scope it grants${said}`;
		case 'unauthorized_client':
			return `this API integration may not sign in with a username and password${said}`;
		default:
			if (response.status === 404) {
				return `${originOf(baseUrl)} has no /vedauth/authorize/oauth; check that the Base URL is the TPP server`;
			}
			return `TPP answered HTTP ${response.status}${error ? ` ${error}` : ''}${said}`;
	}
}

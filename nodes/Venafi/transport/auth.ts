import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { hasHttpScheme } from '../../shared/transport/baseUrl';
import { looksLikeHtml } from '../../shared/errors';
import {
	originOf,
	postForToken,
	renewOnce,
	signInAccount,
	SignInError,
	text,
	tokenFingerprint,
	tokenMatches,
	type TokenResponse,
} from '../../shared/signIn';
import { missingSchemeMessage, normalizeTppBaseUrl } from './baseUrl';

/**
 * The "OAuth (username and password)" way into TPP: a token from POST /vedauth/authorize/oauth,
 * renewed with the refresh token at POST /vedauth/authorize/token (which rotates it: the
 * returned refresh token replaces the used one), and a fresh sign-in when refreshing fails.
 * n8n calls this through the credential's preAuthentication and stores what it returns.
 */

const SERVICE = 'Venafi TPP';

export const TPP_OAUTH = 'oauth';

export const TPP_ACCESS_TOKEN = 'accessToken';

/** What n8n fills in for a credential saved without the Authentication field. */
export const TPP_DEFAULT_AUTHENTICATION = TPP_OAUTH;

/**
 * Whether the credential signs in with OAuth. A credential saved while Access Token was the
 * default has no Authentication field (n8n saves only values that differ from the default), so
 * n8n now fills in OAuth for it: such a credential holds an access token and none of the OAuth
 * fields, and keeps working as the Access Token credential it was saved as.
 */
export function tppSignsIn(credentials: ICredentialDataDecryptedObject): boolean {
	// Without the field at all (data n8n has not completed with the defaults) it is what every
	// credential was before the field existed.
	const chosen = credentials.authentication ?? TPP_ACCESS_TOKEN;
	if (chosen !== TPP_OAUTH) return false;
	const oauthFilledIn = [credentials.clientId, credentials.username, credentials.password].some(
		(value) => text(value) !== undefined,
	);
	return oauthFilledIn || text(credentials.accessToken) === undefined;
}

/** Everything a TPP sign-in depends on: a change to any of them needs a new sign-in. */
function signInInputs(credentials: ICredentialDataDecryptedObject, baseUrl: string): unknown[] {
	return [
		baseUrl,
		text(credentials.clientId) ?? '',
		text(credentials.username) ?? '',
		typeof credentials.password === 'string' ? credentials.password : '',
		text(credentials.scope) ?? '',
		credentials.allowUnauthorizedCerts === true,
	];
}

/**
 * The bearer token to send: the access token, or with OAuth the token n8n obtained, but only
 * while it belongs to the sign-in fields as they are now. After an edit none is sent, TPP
 * answers 401 and n8n runs preAuthentication again, which signs in with the new values.
 */
export function tppBearerToken(credentials: ICredentialDataDecryptedObject): string {
	if (!tppSignsIn(credentials))
		return typeof credentials.accessToken === 'string' ? credentials.accessToken.trim() : '';
	const inputs = signInInputs(credentials, normalizeTppBaseUrl(credentials.baseUrl));
	return tokenMatches(credentials.sessionToken, credentials.signInFingerprint, inputs)
		? credentials.sessionToken
		: '';
}

export async function tppPreAuthentication(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	const baseUrl = normalizeTppBaseUrl(credentials.baseUrl);
	// n8n runs this before every credential test too: a Base URL without a scheme is explained
	// here rather than left to fail as "Invalid URL".
	if (!hasHttpScheme(baseUrl)) {
		const problem = missingSchemeMessage(baseUrl);
		throw tppSignsIn(credentials)
			? new SignInError(SERVICE, `the Base URL ${problem}`)
			: new Error(`The Base URL in the ${SERVICE} credential ${problem}`);
	}
	// With a plain access token there is nothing to fetch; an empty answer tells n8n so.
	if (!tppSignsIn(credentials)) return {};
	const inputs = signInInputs(credentials, baseUrl);
	// Tokens obtained with other sign-in values (an edited password, client ID, URL...) are not
	// renewed: the sign-in starts afresh with the values as they are now.
	const tokensStillValid = tokenMatches(
		credentials.sessionToken,
		credentials.signInFingerprint,
		inputs,
	);
	return await renewOnce(
		signInAccount('tpp', inputs),
		String(credentials.sessionToken ?? ''),
		async () => await signIn(helper, credentials, baseUrl, inputs, tokensStillValid),
	);
}

async function signIn(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	baseUrl: string,
	inputs: unknown[],
	mayRefresh: boolean,
): Promise<IDataObject> {
	const clientId = text(credentials.clientId);
	const username = text(credentials.username);
	const password = typeof credentials.password === 'string' ? credentials.password : '';
	if (!clientId)
		throw new SignInError(
			SERVICE,
			'the Client ID is empty; enter the ID of the API integration registered in TPP',
		);
	if (!username || password === '')
		throw new SignInError(SERVICE, 'the Username and Password are required for OAuth sign-in');
	const skipSslCertificateValidation = credentials.allowUnauthorizedCerts === true;

	const refreshToken = mayRefresh ? text(credentials.refreshToken) : undefined;
	if (refreshToken) {
		const refreshed = await postForToken(helper, SERVICE, {
			url: `${baseUrl}/vedauth/authorize/token`,
			body: { client_id: clientId, refresh_token: refreshToken },
			skipSslCertificateValidation,
		});
		if (refreshed.status === 200 && text(refreshed.body.access_token))
			return grant(refreshed, inputs);
		// A used, expired or revoked refresh token: sign in again with the password.
	}

	const login = await postForToken(helper, SERVICE, {
		url: `${baseUrl}/vedauth/authorize/oauth`,
		body: { client_id: clientId, username, password, scope: text(credentials.scope) ?? '' },
		skipSslCertificateValidation,
	});
	if (login.status === 200 && text(login.body.access_token)) return grant(login, inputs);
	throw new SignInError(SERVICE, explain(login, baseUrl, text(credentials.scope) ?? ''));
}

function grant(response: TokenResponse, inputs: unknown[]): IDataObject {
	const sessionToken = String(response.body.access_token);
	return {
		sessionToken,
		refreshToken: text(response.body.refresh_token) ?? '',
		signInFingerprint: tokenFingerprint(sessionToken, inputs),
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
			if (looksLikeHtml(response.body.text)) {
				return `${originOf(baseUrl)} answers with a web page, not with TPP's WebSDK; use the address of the TPP server, whose WebSDK answers at /vedsdk, e.g. https://tpp.example.com/vedsdk`;
			}
			if (response.status === 404) {
				return `${originOf(baseUrl)} has no /vedauth/authorize/oauth; check that the Base URL is the TPP server`;
			}
			return `TPP answered HTTP ${response.status}${error ? ` ${error}` : ''}${said}`;
	}
}

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
import { missingSchemeMessage, normalizeIscBaseUrl } from './baseUrl';

/**
 * The "Client Credentials (personal access token)" way into Identity Security Cloud: an access
 * token from POST {baseUrl}/oauth/token with grant_type=client_credentials, fetched again when
 * it expires. n8n calls this through the credential's preAuthentication and stores the token.
 */

const SERVICE = 'SailPoint ISC';

export const ISC_CLIENT_CREDENTIALS = 'clientCredentials';

export const ISC_ACCESS_TOKEN = 'accessToken';

/** What n8n fills in for a credential saved without the Authentication field. */
export const ISC_DEFAULT_AUTHENTICATION = ISC_CLIENT_CREDENTIALS;

/**
 * Whether the credential gets its tokens with client credentials. A credential saved while
 * Access Token was the default has no Authentication field (n8n saves only values that differ
 * from the default), so n8n now fills in Client Credentials for it: such a credential holds an
 * access token and no client ID or secret, and keeps working as the Access Token credential it
 * was saved as.
 */
export function iscSignsIn(credentials: ICredentialDataDecryptedObject): boolean {
	// Without the field at all (data n8n has not completed with the defaults) it is what every
	// credential was before the field existed.
	const chosen = credentials.authentication ?? ISC_ACCESS_TOKEN;
	if (chosen !== ISC_CLIENT_CREDENTIALS) return false;
	const clientFilledIn = [credentials.clientId, credentials.clientSecret].some(
		(value) => text(value) !== undefined,
	);
	return clientFilledIn || text(credentials.accessToken) === undefined;
}

/** Everything a token request depends on: a change to any of them needs a new token. */
function signInInputs(credentials: ICredentialDataDecryptedObject, baseUrl: string): unknown[] {
	return [
		baseUrl,
		text(credentials.clientId) ?? '',
		typeof credentials.clientSecret === 'string' ? credentials.clientSecret : '',
	];
}

/**
 * The bearer token to send: the access token, or with client credentials the token n8n
 * obtained, but only while it belongs to the credential's values as they are now. After an
 * edit none is sent, ISC answers 401 and n8n runs preAuthentication again for a new token.
 */
export function iscBearerToken(credentials: ICredentialDataDecryptedObject): string {
	if (!iscSignsIn(credentials))
		return typeof credentials.accessToken === 'string' ? credentials.accessToken.trim() : '';
	const inputs = signInInputs(credentials, normalizeIscBaseUrl(credentials.baseUrl));
	return tokenMatches(credentials.sessionToken, credentials.signInFingerprint, inputs)
		? credentials.sessionToken
		: '';
}

export async function iscPreAuthentication(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	const baseUrl = normalizeIscBaseUrl(credentials.baseUrl);
	// n8n runs this before every credential test too: a Base URL without a scheme is explained
	// here rather than left to fail as "Invalid URL".
	if (!hasHttpScheme(baseUrl)) {
		const problem = missingSchemeMessage(baseUrl);
		throw iscSignsIn(credentials)
			? new SignInError(SERVICE, `the Base URL ${problem}`)
			: new Error(`The Base URL in the ${SERVICE} credential ${problem}`);
	}
	if (!iscSignsIn(credentials)) return {};
	const inputs = signInInputs(credentials, baseUrl);
	return await renewOnce(
		signInAccount('isc', inputs),
		String(credentials.sessionToken ?? ''),
		async () => await fetchToken(helper, credentials, baseUrl, inputs),
	);
}

async function fetchToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	baseUrl: string,
	inputs: unknown[],
): Promise<IDataObject> {
	const clientId = text(credentials.clientId);
	const clientSecret = typeof credentials.clientSecret === 'string' ? credentials.clientSecret : '';
	if (!clientId || clientSecret === '') {
		throw new SignInError(
			SERVICE,
			'the Client ID and Client Secret of a personal access token are required',
		);
	}
	const response = await postForToken(helper, SERVICE, {
		url: `${baseUrl}/oauth/token`,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: clientId,
			client_secret: clientSecret,
		}).toString(),
		skipSslCertificateValidation: false,
	});
	if (response.status === 200 && text(response.body.access_token)) {
		const sessionToken = String(response.body.access_token);
		return { sessionToken, signInFingerprint: tokenFingerprint(sessionToken, inputs) };
	}
	throw new SignInError(SERVICE, explain(response, baseUrl));
}

function explain(response: TokenResponse, baseUrl: string): string {
	const error = text(response.body.error);
	const detail = text(response.body.error_description);
	const said = detail ? ` (ISC: ${detail})` : '';
	if (error === 'invalid_client' || response.status === 401) {
		return `the Client ID or Client Secret is not accepted; check the personal access token in ISC (Preferences → Personal Access Tokens)${said}`;
	}
	if (looksLikeHtml(response.body.text)) {
		return `${originOf(baseUrl)} answers with a web page; use the tenant's API URL, https://<tenant>.api.identitynow.com`;
	}
	if (error === 'invalid_scope') return `the personal access token lacks a required scope${said}`;
	if (response.status === 404) {
		return `${originOf(baseUrl)} has no /oauth/token; the Base URL should be the tenant's API URL, e.g. https://acme.api.identitynow.com`;
	}
	return `ISC answered HTTP ${response.status}${error ? ` ${error}` : ''}${said}`;
}

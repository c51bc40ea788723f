import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { hasHttpScheme } from '../../shared/transport/baseUrl';
import { originOf, postForToken, renewOnce, SignInError, text, type TokenResponse } from '../../shared/signIn';
import { normalizeIscBaseUrl } from './baseUrl';

/**
 * The "Client Credentials (personal access token)" way into Identity Security Cloud: an access
 * token from POST {baseUrl}/oauth/token with grant_type=client_credentials, fetched again when
 * it expires. n8n calls this through the credential's preAuthentication and stores the token.
 */

const SERVICE = 'SailPoint ISC';

export const ISC_CLIENT_CREDENTIALS = 'clientCredentials';

export async function iscPreAuthentication(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	if (credentials.authentication !== ISC_CLIENT_CREDENTIALS) return {};
	const baseUrl = normalizeIscBaseUrl(credentials.baseUrl);
	const account = `isc|${baseUrl}|${String(credentials.clientId)}`;
	return await renewOnce(account, String(credentials.sessionToken ?? ''), async () => await fetchToken(helper, credentials, baseUrl));
}

async function fetchToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	baseUrl: string,
): Promise<IDataObject> {
	if (!hasHttpScheme(baseUrl)) {
		throw new SignInError(SERVICE, `the Base URL must start with https://, e.g. https://acme.api.identitynow.com, but it is "${baseUrl}"`);
	}
	const clientId = text(credentials.clientId);
	const clientSecret = typeof credentials.clientSecret === 'string' ? credentials.clientSecret : '';
	if (!clientId || clientSecret === '') {
		throw new SignInError(SERVICE, 'the Client ID and Client Secret of a personal access token are required');
	}
	const response = await postForToken(helper, SERVICE, {
		url: `${baseUrl}/oauth/token`,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
		skipSslCertificateValidation: false,
	});
	if (response.status === 200 && text(response.body.access_token)) {
		return { sessionToken: String(response.body.access_token) };
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
	if (error === 'invalid_scope') return `the personal access token lacks a required scope${said}`;
	if (response.status === 404) {
		return `${originOf(baseUrl)} has no /oauth/token; the Base URL should be the tenant's API URL, e.g. https://acme.api.identitynow.com`;
	}
	return `ISC answered HTTP ${response.status}${error ? ` ${error}` : ''}${said}`;
}

import { looksLikeHtml } from '../../shared/errors';
import { originOf, text } from '../../shared/text';
import { SignInError } from '../../shared/transport/auth/signInError';
import {
	grantOf,
	isGrant,
	postForToken,
	tokenError,
	type TokenResponse,
} from '../../shared/transport/auth/tokenEndpoint';
import {
	ACCESS_TOKEN_CHOICE,
	tokenSignIn,
	type TokenRequest,
} from '../../shared/transport/auth/tokenSignIn';
import { missingSchemeMessage, normalizeIscBaseUrl } from './baseUrl';

/**
 * The "Client Credentials (personal access token)" way into Identity Security Cloud: an access
 * token from POST {baseUrl}/oauth/token with grant_type=client_credentials, fetched again when
 * it expires. n8n calls this through the credential's preAuthentication and stores the token;
 * what both vendors' sign-ins share is in shared/transport/auth/.
 */

const SERVICE = 'SailPoint ISC';

export const ISC_CLIENT_CREDENTIALS = 'clientCredentials';

export const ISC_ACCESS_TOKEN = ACCESS_TOKEN_CHOICE;

/** What n8n fills in for a credential saved without the Authentication field. */
export const ISC_DEFAULT_AUTHENTICATION = ISC_CLIENT_CREDENTIALS;

const clientCredentials = tokenSignIn({
	service: SERVICE,
	account: 'isc',
	signInChoice: ISC_CLIENT_CREDENTIALS,
	signInFields: ['clientId', 'clientSecret'],
	baseUrl: (credentials) => normalizeIscBaseUrl(credentials.baseUrl),
	missingSchemeMessage,
	inputs: (credentials, baseUrl) => [
		baseUrl,
		text(credentials.clientId) ?? '',
		typeof credentials.clientSecret === 'string' ? credentials.clientSecret : '',
	],
	fetchToken,
});

/** Whether the credential gets its tokens with client credentials (see tokenSignIn). */
export const iscSignsIn = clientCredentials.signsIn;

export const iscPreAuthentication = clientCredentials.preAuthentication;

/** The credential's authenticate: the bearer token, or a fresh sign-in after an edit (see authenticateWith). */
export const iscAuthenticate = clientCredentials.authenticate;

async function fetchToken({ helper, credentials, baseUrl, inputs, retry }: TokenRequest) {
	const clientId = text(credentials.clientId);
	const clientSecret = typeof credentials.clientSecret === 'string' ? credentials.clientSecret : '';
	if (!clientId || clientSecret === '') {
		throw new SignInError(
			SERVICE,
			'the Client ID and Client Secret of a personal access token are required',
		);
	}
	const response = await postForToken(
		helper,
		SERVICE,
		{
			url: `${baseUrl}/oauth/token`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: clientId,
				client_secret: clientSecret,
			}).toString(),
			skipSslCertificateValidation: false,
		},
		retry,
	);
	if (isGrant(response)) return grantOf(response, inputs);
	throw new SignInError(SERVICE, explain(response, baseUrl));
}

function explain(response: TokenResponse, baseUrl: string): string {
	const { error, said, otherwise } = tokenError(response, 'ISC');
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
	return otherwise;
}

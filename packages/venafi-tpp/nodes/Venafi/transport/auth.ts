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
import { missingSchemeMessage, normalizeTppBaseUrl } from './baseUrl';

/**
 * The "OAuth (username and password)" way into TPP: a token from POST /vedauth/authorize/oauth,
 * renewed with the refresh token at POST /vedauth/authorize/token (which rotates it: the
 * returned refresh token replaces the used one), and a fresh sign-in when refreshing fails.
 * n8n calls this through the credential's preAuthentication and stores what it returns; what
 * both vendors' sign-ins share is in shared/transport/auth/.
 */

const SERVICE = 'Venafi TPP';

export const TPP_OAUTH = 'oauth';

export const TPP_ACCESS_TOKEN = ACCESS_TOKEN_CHOICE;

/** What n8n fills in for a credential saved without the Authentication field. */
export const TPP_DEFAULT_AUTHENTICATION = TPP_OAUTH;

const oauth = tokenSignIn({
	service: SERVICE,
	account: 'tpp',
	signInChoice: TPP_OAUTH,
	signInFields: ['clientId', 'username', 'password'],
	baseUrl: (credentials) => normalizeTppBaseUrl(credentials.baseUrl),
	missingSchemeMessage,
	inputs: (credentials, baseUrl) => [
		baseUrl,
		text(credentials.clientId) ?? '',
		text(credentials.username) ?? '',
		typeof credentials.password === 'string' ? credentials.password : '',
		text(credentials.scope) ?? '',
		credentials.allowUnauthorizedCerts === true,
	],
	fetchToken: signIn,
});

/** Whether the credential signs in with OAuth (see tokenSignIn). */
export const tppSignsIn = oauth.signsIn;

export const tppPreAuthentication = oauth.preAuthentication;

/** The credential's authenticate: the bearer token, or a fresh sign-in after an edit (see authenticateWith). */
export const tppAuthenticate = oauth.authenticate;

async function signIn({
	helper,
	credentials,
	baseUrl,
	inputs,
	tokensStillValid,
	retry,
}: TokenRequest) {
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
	const grant = (response: TokenResponse) =>
		grantOf(response, inputs, { refreshToken: text(response.body.refresh_token) ?? '' });

	const refreshToken = tokensStillValid ? text(credentials.refreshToken) : undefined;
	if (refreshToken) {
		const refreshed = await postForToken(
			helper,
			SERVICE,
			{
				url: `${baseUrl}/vedauth/authorize/token`,
				body: { client_id: clientId, refresh_token: refreshToken },
				skipSslCertificateValidation,
			},
			retry,
		);
		if (isGrant(refreshed)) return grant(refreshed);
		// A used, expired or revoked refresh token: sign in again with the password.
	}

	const login = await postForToken(
		helper,
		SERVICE,
		{
			url: `${baseUrl}/vedauth/authorize/oauth`,
			body: { client_id: clientId, username, password, scope: text(credentials.scope) ?? '' },
			skipSslCertificateValidation,
		},
		retry,
	);
	if (isGrant(login)) return grant(login);
	throw new SignInError(SERVICE, explain(login, baseUrl, text(credentials.scope) ?? ''));
}

function explain(response: TokenResponse, baseUrl: string, scope: string): string {
	const { error, said, otherwise } = tokenError(response, 'TPP');
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
			return otherwise;
	}
}

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { text } from '../../text';
import { hasHttpScheme } from '../baseUrl';
import type { RetrySettings } from '../retry';
import { signInAccount, tokenExpired, tokenMatches } from './fingerprint';
import { renewOnce } from './renewalLock';
import { recordSignInFailure, SignInError } from './signInError';
import { signInRetryOf } from './signInRetry';

/**
 * What both vendors' token sign-ins share, behind the credentials' `preAuthentication` and
 * `authenticate`: which credentials sign in, the bearer token bound to the sign-in inputs
 * (fingerprint.ts), the Base URL check, one renewal at a time per account (renewalLock.ts),
 * and a fresh sign-in after any edit of a sign-in field. The vendor says for itself how it
 * gets a token (SignInMethod).
 */

/** The Authentication value of a plain access token, the same for both vendors. */
export const ACCESS_TOKEN_CHOICE = 'accessToken';

interface SignInMethod {
	/** Shown in messages, e.g. "Venafi TPP". */
	service: string;
	/** Names the vendor in renewal slots, e.g. "tpp". */
	account: string;
	/** The Authentication value that signs in, e.g. "oauth". */
	signInChoice: string;
	/** Fields that, filled in, show that a credential without the Authentication field signs in. */
	signInFields: readonly string[];
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** Why a Base URL without http:// or https:// cannot be used. */
	missingSchemeMessage(baseUrl: string): string;
	/** Everything a token request depends on: a change to any of them needs a new token. */
	inputs(credentials: ICredentialDataDecryptedObject, baseUrl: string): unknown[];
	/** Gets a token; `tokensStillValid`: the stored tokens belong to these inputs (may be refreshed). */
	fetchToken(request: TokenRequest): Promise<IDataObject>;
}

export interface TokenRequest {
	helper: IHttpRequestHelper;
	credentials: ICredentialDataDecryptedObject;
	baseUrl: string;
	inputs: unknown[];
	tokensStillValid: boolean;
	retry: RetrySettings;
}

interface TokenSignIn {
	/**
	 * Whether the credential signs in. A credential saved while Access Token was the default has
	 * no Authentication field (n8n saves only values that differ from the default), so n8n now
	 * fills in the sign-in choice for it: such a credential holds an access token and none of the
	 * sign-in fields, and keeps working as the Access Token credential it was saved as.
	 */
	signsIn(credentials: ICredentialDataDecryptedObject): boolean;
	/**
	 * The bearer token to send: the access token, or when signing in the token n8n obtained, but
	 * only while it belongs to the sign-in inputs as they are now ('' otherwise).
	 */
	bearerToken(credentials: ICredentialDataDecryptedObject): string;
	/** The credential's preAuthentication. */
	preAuthentication(
		helper: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject>;
	/** The credential's authenticate (see authenticateWith). */
	authenticate(
		credentials: ICredentialDataDecryptedObject,
		options: IHttpRequestOptions,
	): IHttpRequestOptions;
}

export function tokenSignIn(method: SignInMethod): TokenSignIn {
	const signsIn = (credentials: ICredentialDataDecryptedObject): boolean => {
		// Without the field at all (data n8n has not completed with the defaults) it is what every
		// credential was before the field existed: an access token.
		if ((credentials.authentication ?? ACCESS_TOKEN_CHOICE) !== method.signInChoice) return false;
		const filledIn = method.signInFields.some((field) => text(credentials[field]) !== undefined);
		return filledIn || text(credentials.accessToken) === undefined;
	};
	const stillValid = (credentials: ICredentialDataDecryptedObject, inputs: unknown[]) =>
		tokenMatches(credentials.sessionToken, credentials.signInFingerprint, inputs);
	const bearerToken = (credentials: ICredentialDataDecryptedObject): string => {
		if (!signsIn(credentials))
			return typeof credentials.accessToken === 'string' ? credentials.accessToken.trim() : '';
		const inputs = method.inputs(credentials, method.baseUrl(credentials));
		// A token past its stored expiry is as good as none: sent, its refusal would read as a
		// bad pasted token (the credential test ignores HTTP statuses), so n8n signs in afresh.
		if (tokenExpired(credentials.sessionTokenExpires)) return '';
		return stillValid(credentials, inputs) ? (credentials.sessionToken as string) : '';
	};
	return {
		signsIn,
		bearerToken,
		authenticate: (credentials, options) =>
			authenticateWith(options, bearerToken(credentials), signsIn(credentials)),
		async preAuthentication(helper, credentials) {
			const outcome = await signIn(helper, credentials).then(
				(grant) => ({ grant }),
				(error: unknown) => ({ error }),
			);
			if ('grant' in outcome) return outcome.grant;
			// The transport reads the failure from the data n8n signed in with (see signInError.ts).
			if (outcome.error instanceof SignInError) recordSignInFailure(credentials, outcome.error);
			throw outcome.error;
		},
	};

	async function signIn(
		helper: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const baseUrl = method.baseUrl(credentials);
		// n8n runs this before every credential test too: a Base URL without a scheme is
		// explained here rather than left to fail as "Invalid URL".
		if (!hasHttpScheme(baseUrl)) {
			const problem = method.missingSchemeMessage(baseUrl);
			throw signsIn(credentials)
				? new SignInError(method.service, `the Base URL ${problem}`)
				: new Error(`The Base URL in the ${method.service} credential ${problem}`);
		}
		// With a plain access token there is nothing to fetch; an empty answer tells n8n so.
		if (!signsIn(credentials)) return {};
		const inputs = method.inputs(credentials, baseUrl);
		// Tokens obtained with other sign-in values (an edited password, client ID, URL...) are
		// not renewed: the sign-in starts afresh with the values as they are now.
		const tokensStillValid = stillValid(credentials, inputs);
		const retry = signInRetryOf(credentials);
		return await renewOnce(
			signInAccount(method.account, inputs),
			String(credentials.sessionToken ?? ''),
			async () =>
				await method.fetchToken({
					helper,
					credentials,
					baseUrl,
					inputs,
					tokensStillValid,
					retry,
				}),
		);
	}
}

/** Where authenticateWith keeps a request's own `ignoreHttpStatusErrors` while it is overridden. */
const OWN_STATUS_HANDLING = Symbol('ownStatusHandling');

/**
 * Both credentials' `authenticate`: the bearer token, or, for a credential that signs in and
 * holds no token for its sign-in fields as they are now (one was edited since the last
 * sign-in), a request that makes n8n sign in afresh. n8n runs preAuthentication only while the
 * stored token is empty, or after a request failed with 401; its credential test means to run
 * it always, but n8n 2.8 does not (it looks for the node type `n8n-nodes-base.noOp` where its
 * test node is typed `noOp`). So the request goes without a token and, its 401 no longer
 * ignored, fails: n8n then runs preAuthentication (a sign-in with the edited values, or its
 * error), calls this again and repeats the request with the new token and its own handling of
 * statuses. A node run's first request after an edit takes the same way.
 */
export function authenticateWith(
	options: IHttpRequestOptions,
	token: string,
	signsIn: boolean,
): IHttpRequestOptions {
	const own = (options as { [OWN_STATUS_HANDLING]?: boolean | undefined })[OWN_STATUS_HANDLING];
	const ownStatusHandling = OWN_STATUS_HANDLING in options ? own : options.ignoreHttpStatusErrors;
	if (token === '' && signsIn) {
		const asked: IHttpRequestOptions = { ...options, ignoreHttpStatusErrors: false };
		Object.defineProperty(asked, OWN_STATUS_HANDLING, { value: ownStatusHandling });
		return asked;
	}
	const sent: IHttpRequestOptions = { ...options };
	if (OWN_STATUS_HANDLING in options) sent.ignoreHttpStatusErrors = ownStatusHandling;
	if (token === '') return sent;
	return { ...sent, headers: { ...sent.headers, Authorization: `Bearer ${token}` } };
}

import { createHash, createHmac } from 'node:crypto';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	backoffMs,
	retryDelayMs,
	RETRYABLE_STATUS,
	DEFAULT_RETRY,
	type RetrySettings,
} from './transport/retry';
import { explainNetworkFailure, networkCodeOf } from './transport/networkErrors';
import { hasHttpScheme } from './transport/baseUrl';
import { originOf, text } from './text';

/**
 * What credentials' `preAuthentication` share: posting to a token endpoint (with a short retry
 * for 429/5xx), clear sign-in errors, and one renewal at a time per account so that items
 * running concurrently do not each fetch a token (or each spend the same refresh token).
 */

/** Every sign-in error message contains this, so the transport can tell it from network trouble. */
export const SIGN_IN_FAILED = 'could not sign in';

export class SignInError extends Error {
	constructor(service: string, reason: string) {
		super(`${service} ${SIGN_IN_FAILED}: ${reason}`);
		this.name = 'SignInError';
	}
}

export interface TokenResponse {
	status: number;
	body: IDataObject;
}

/** A sign-in gives up sooner than a request: it runs before the request's own retries. */
const SIGN_IN_ATTEMPTS = 3;

/**
 * Where a node run's retry settings ride on the credential data it hands n8n: a symbol, so the
 * settings are never saved with the credential (n8n stores the data as JSON, which drops it).
 */
const SIGN_IN_RETRY = Symbol('signInRetry');

/** Lets the sign-ins n8n runs with this credential data follow a node run's retry settings. */
export function withSignInRetry<Data extends object>(data: Data, retry: RetrySettings): Data {
	Object.defineProperty(data, SIGN_IN_RETRY, { value: retry, configurable: true });
	return data;
}

/** The run's retry settings, or the defaults (a credential test, or data from elsewhere). */
export function signInRetryOf(data: object): RetrySettings {
	return (data as { [SIGN_IN_RETRY]?: RetrySettings })[SIGN_IN_RETRY] ?? DEFAULT_RETRY;
}

export async function postForToken(
	helper: IHttpRequestHelper,
	service: string,
	options: Pick<IHttpRequestOptions, 'url' | 'body' | 'headers' | 'skipSslCertificateValidation'>,
	retry: RetrySettings = DEFAULT_RETRY,
): Promise<TokenResponse> {
	const attempts = Math.min(SIGN_IN_ATTEMPTS, retry.maxAttempts);
	for (let attempt = 1; ; attempt++) {
		let status = 0;
		let body: unknown;
		let retryAfter: unknown;
		let unreachable: string | undefined;
		try {
			const response = (await helper.helpers.httpRequest({
				method: 'POST',
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: retry.timeoutMs,
				...options,
			})) as { statusCode: number; body: unknown; headers?: Record<string, unknown> };
			status = response.statusCode;
			body = response.body;
			retryAfter = response.headers?.['retry-after'];
		} catch (error) {
			const code = networkCodeOf(error);
			if (
				attempt < attempts &&
				(code === 'ECONNRESET' || code === 'ECONNABORTED' || code === 'ETIMEDOUT')
			) {
				await sleep(backoffMs(attempt, retry));
				continue;
			}
			unreachable = `${originOf(String(options.url))} is unreachable: ${explainNetworkFailure(code, error)}`;
		}
		if (unreachable !== undefined) throw new SignInError(service, unreachable);
		if (RETRYABLE_STATUS.has(status) && attempt < attempts) {
			await sleep(retryDelayMs(attempt, status, retryAfter, retry));
			continue;
		}
		return {
			status,
			body:
				typeof body === 'object' && body !== null
					? (body as IDataObject)
					: { text: String(body ?? '') },
		};
	}
}

/**
 * The token-renewal lock, process-wide on purpose (with pacing.ts, the only module-level state):
 * n8n runs preAuthentication per request, from any execution, so only a lock shared by the
 * process keeps concurrent requests from each fetching a token or spending the same refresh token.
 */
const renewals = new Map<string, { replaced: string; result: Promise<IDataObject>; at: number }>();

/**
 * Runs `renew` once for an account whose token `current` stopped working; callers that come
 * with the same stale token while it runs, or shortly after, get the same new token.
 */
export async function renewOnce(
	account: string,
	current: string,
	renew: () => Promise<IDataObject>,
): Promise<IDataObject> {
	const known = renewals.get(account);
	if (known && known.replaced === current && Date.now() - known.at < 60_000)
		return await known.result;
	const result = renew();
	renewals.set(account, { replaced: current, result, at: Date.now() });
	result.catch(() => {
		if (renewals.get(account)?.result === result) renewals.delete(account);
	});
	return await result;
}

/** Forgets renewals in progress or just done (tests start each case from a clean slate). */
export function forgetRenewals(): void {
	renewals.clear();
}

export { originOf, text } from './text';

/**
 * Names one set of sign-in inputs (URL, client, user, password or secret, scope...) without
 * holding any of them: a SHA-256 over all of them, so that changing any input, the password
 * included, gives another account (another renewal slot) while no secret shows in the key.
 */
export function signInAccount(service: string, inputs: readonly unknown[]): string {
	return `${service}|${createHash('sha256')
		.update(JSON.stringify(inputs.map(asText)))
		.digest('hex')}`;
}

/**
 * Binds a token to the sign-in inputs it was obtained with: an HMAC of the inputs keyed by the
 * token itself. Stored next to the token, it tells whether the token still belongs to the
 * credential as it is now (any edited input makes it differ), and it reveals nothing about the
 * inputs to whoever sees it without the token.
 */
export function tokenFingerprint(token: string, inputs: readonly unknown[]): string {
	return createHmac('sha256', token)
		.update(JSON.stringify(inputs.map(asText)))
		.digest('hex');
}

/** Whether `token` was obtained with exactly these sign-in inputs (see tokenFingerprint). */
export function tokenMatches(
	token: unknown,
	fingerprint: unknown,
	inputs: readonly unknown[],
): token is string {
	return (
		typeof token === 'string' &&
		token !== '' &&
		typeof fingerprint === 'string' &&
		fingerprint === tokenFingerprint(token, inputs)
	);
}

function asText(value: unknown): string {
	return typeof value === 'string'
		? value
		: value === undefined || value === null
			? ''
			: JSON.stringify(value);
}

/**
 * What a vendor's token sign-in says for itself; `tokenSignIn` adds what both vendors share:
 * which credentials sign in, the bearer token bound to the sign-in inputs, the Base URL check
 * and one renewal at a time per account.
 */
/** The Authentication value of a plain access token, the same for both vendors. */
export const ACCESS_TOKEN_CHOICE = 'accessToken';

export interface SignInMethod {
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

export interface TokenSignIn {
	/**
	 * Whether the credential signs in. A credential saved while Access Token was the default has
	 * no Authentication field (n8n saves only values that differ from the default), so n8n now
	 * fills in the sign-in choice for it: such a credential holds an access token and none of the
	 * sign-in fields, and keeps working as the Access Token credential it was saved as.
	 */
	signsIn(credentials: ICredentialDataDecryptedObject): boolean;
	/**
	 * The bearer token to send: the access token, or when signing in the token n8n obtained, but
	 * only while it belongs to the sign-in inputs as they are now. After an edit none is sent,
	 * the vendor answers 401 and n8n runs preAuthentication again with the new values.
	 */
	bearerToken(credentials: ICredentialDataDecryptedObject): string;
	/** The credential's preAuthentication. */
	preAuthentication(
		helper: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject>;
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
	return {
		signsIn,
		bearerToken(credentials) {
			if (!signsIn(credentials))
				return typeof credentials.accessToken === 'string' ? credentials.accessToken.trim() : '';
			const inputs = method.inputs(credentials, method.baseUrl(credentials));
			return stillValid(credentials, inputs) ? (credentials.sessionToken as string) : '';
		},
		async preAuthentication(helper, credentials) {
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
		},
	};
}

/** What a successful token answer stores: the token, bound to the inputs, and `extra` fields. */
export function grantOf(
	response: TokenResponse,
	inputs: unknown[],
	extra: IDataObject = {},
): IDataObject {
	const sessionToken = String(response.body.access_token);
	return { sessionToken, ...extra, signInFingerprint: tokenFingerprint(sessionToken, inputs) };
}

/** Whether a token answer carries an access token. */
export function isGrant(response: TokenResponse): boolean {
	return response.status === 200 && text(response.body.access_token) !== undefined;
}

/** The vendor's error and its description, as a message's parts; `who` names it, e.g. "TPP". */
export function tokenError(
	response: TokenResponse,
	who: string,
): { error?: string; said: string; otherwise: string } {
	const error = text(response.body.error);
	const detail = text(response.body.error_description);
	const said = detail ? ` (${who}: ${detail})` : '';
	return {
		error,
		said,
		otherwise: `${who} answered HTTP ${response.status}${error ? ` ${error}` : ''}${said}`,
	};
}

/** Both credentials' `authenticate`: the bearer token, left out when there is none to send. */
export function withBearer(options: IHttpRequestOptions, token: string): IHttpRequestOptions {
	if (token === '') return options;
	return { ...options, headers: { ...options.headers, Authorization: `Bearer ${token}` } };
}

/**
 * The hidden field that binds the stored tokens to the sign-in fields they were obtained with
 * (a hash keyed by the token, so it reveals nothing without it): after any edit they are not
 * used and n8n signs in afresh.
 */
export const signInFingerprintProperty: INodeProperties = {
	displayName: 'Sign-In Fingerprint',
	name: 'signInFingerprint',
	type: 'hidden',
	default: '',
};

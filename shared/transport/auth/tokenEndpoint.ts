import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { originOf, text } from '../../text';
import { explainNetworkFailure, networkCodeOf } from '../networkErrors';
import {
	backoffMs,
	DEFAULT_RETRY,
	retryDelayMs,
	RETRYABLE_STATUS,
	type RetrySettings,
} from '../retry';
import { tokenFingerprint } from './fingerprint';
import { SignInError } from './signInError';

/**
 * A vendor's token endpoint: posting to it (with a short retry for 429/5xx and dropped
 * connections), and reading its answer: a grant, or the vendor's error.
 */

export interface TokenResponse {
	status: number;
	body: IDataObject;
}

/** A sign-in gives up sooner than a request: it runs before the request's own retries. */
const SIGN_IN_ATTEMPTS = 3;

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

/** Whether a token answer carries an access token. */
export function isGrant(response: TokenResponse): boolean {
	return response.status === 200 && text(response.body.access_token) !== undefined;
}

/** What a successful token answer stores: the token, bound to the inputs, and `extra` fields. */
export function grantOf(
	response: TokenResponse,
	inputs: unknown[],
	extra: IDataObject = {},
): IDataObject {
	const sessionToken = String(response.body.access_token);
	return {
		sessionToken,
		...extra,
		signInFingerprint: tokenFingerprint(sessionToken, inputs),
		sessionTokenExpires: expiryOf(response.body),
	};
}

/**
 * When the token is taken as expired, as ISO 8601: from `expires_in` (seconds, RFC 6749 5.1;
 * both vendors send it), a tenth of its lifetime (at most 30 s) early so it does not run out on
 * its way, else TPP's `expires` (Unix time, seconds); '' when the answer gives neither.
 */
function expiryOf(body: IDataObject, now = Date.now()): string {
	const seconds = Number(body.expires_in);
	if (body.expires_in !== undefined && Number.isFinite(seconds) && seconds > 0)
		return new Date(now + seconds * 1000 - Math.min(30_000, seconds * 100)).toISOString();
	const unix = Number(body.expires);
	if (body.expires !== undefined && Number.isFinite(unix) && unix > 0)
		return new Date(unix * 1000).toISOString();
	return '';
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

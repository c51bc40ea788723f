import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { backoffMs, retryDelayMs, RETRYABLE_STATUS, DEFAULT_RETRY } from './transport/retry';
import { explainNetworkFailure, networkCodeOf } from './transport/networkErrors';
import { originOf } from './text';

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

export async function postForToken(
	helper: IHttpRequestHelper,
	service: string,
	options: Pick<IHttpRequestOptions, 'url' | 'body' | 'headers' | 'skipSslCertificateValidation'>,
): Promise<TokenResponse> {
	const attempts = 3;
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
				timeout: DEFAULT_RETRY.timeoutMs,
				...options,
			})) as { statusCode: number; body: unknown; headers?: Record<string, unknown> };
			status = response.statusCode;
			body = response.body;
			retryAfter = response.headers?.['retry-after'];
		} catch (error) {
			const code = networkCodeOf(error);
			if (attempt < attempts && (code === 'ECONNRESET' || code === 'ECONNABORTED' || code === 'ETIMEDOUT')) {
				await sleep(backoffMs(attempt));
				continue;
			}
			unreachable = `${originOf(String(options.url))} is unreachable: ${explainNetworkFailure(code, error)}`;
		}
		if (unreachable !== undefined) throw new SignInError(service, unreachable);
		if (RETRYABLE_STATUS.has(status) && attempt < attempts) {
			await sleep(retryDelayMs(attempt, status, retryAfter));
			continue;
		}
		return { status, body: typeof body === 'object' && body !== null ? (body as IDataObject) : { text: String(body ?? '') } };
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
	if (known && known.replaced === current && Date.now() - known.at < 60_000) return await known.result;
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

import type {
	ICredentialsDecrypted,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { apiError } from '../errors';
import type { RunCredential } from './auth/runCredential';
import { takeSignInFailure, type SignInError } from './auth/signInError';
import { TokenRefusals } from './auth/tokenRefusals';
import type { ApiContext } from './context';
import { gaveUp, unreachable } from './failures';
import { messagesOf, networkCodeOf } from './networkErrors';
import { rateLimited, waitForSlot } from './pacing';
import {
	backoffMs,
	mayRetryNetworkFailure,
	mayRetryStatus,
	retryDelayMs,
	type RetrySettings,
} from './retry';

/**
 * The one place that calls n8n's `httpRequestWithAuthentication`, so the credential's own
 * `authenticate` (and `preAuthentication`), n8n's proxy and TLS settings apply to every
 * request. It reads in three steps: `send` one attempt, `classify` what n8n threw, and
 * `callApi` retrying: 429 always, 502/503/504 and dropped connections for idempotent
 * operations (retry.ts), and a refused token by renewing it (auth/tokenRefusals.ts). It
 * returns every HTTP answer the vendor layer must interpret (2xx, 3xx, 4xx, 5xx) and turns
 * unreachable servers and failed sign-ins into clear errors (failures.ts).
 */

interface HttpCall {
	credentialType: string;
	/** Shown in messages, e.g. "Venafi TPP". */
	serviceName: string;
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	skipSslCertificateValidation?: boolean;
	itemIndex?: number;
	/** Credential values that must never appear in a message. */
	secrets?: readonly string[];
	/** The credential signs in by itself: on a 401, let n8n renew the token and repeat once. */
	renewOnUnauthorized?: boolean;
	/** The run's credential, read once: n8n then neither reads nor decrypts it per request. */
	credential?: RunCredential;
	/**
	 * The operation's declaration: repeating the request after a 5xx or a dropped connection is
	 * harmless (reads, and writes that set a state). When false only 429 is retried, the one
	 * answer that guarantees the server did nothing; a create or an approval is not sent twice.
	 */
	idempotent: boolean;
	retry: RetrySettings;
	/** Keep to this many requests per window for the account (retries included). */
	pace?: { account: string; requests: number; windowMs: number };
}

export interface HttpResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

interface NetworkFailure {
	code: string;
	message: string;
}

/** What one attempt came to: an answer, no answer, or a sign-in that failed before sending. */
type Attempt =
	{ response: HttpResponse } | { failure: NetworkFailure } | { signInFailed: SignInError };

export async function callApi(context: ApiContext, call: HttpCall): Promise<HttpResponse> {
	const started = Date.now();
	const refusals = new Map<number | string, number>();
	const { credential } = call;
	const tokenRefusals = new TokenRefusals(credential);
	let renewing = false;

	for (let attempt = 1; ; attempt++) {
		const startedAt = call.pace
			? await waitForSlot(call.pace.account, call.pace.requests, call.pace.windowMs)
			: 0;
		// A renewal works on a copy of the run's credential (see RunCredential.forRenewal).
		const renewal = renewing ? credential?.forRenewal() : undefined;
		const tokenBefore = credential?.token();
		const outcome = await send(context, call, renewal);
		// The token the answer is to: a renewal's copy holds the one n8n obtained and sent.
		const sentWith = renewal ? credential?.tokenOf(renewal) : tokenBefore;
		const wasRenewal = renewing;
		renewing = false;

		if ('signInFailed' in outcome) {
			throw apiError(context.getNode(), {
				message: outcome.signInFailed.message,
				itemIndex: call.itemIndex,
				secrets: call.secrets,
			});
		}

		if ('response' in outcome) {
			const { response } = outcome;
			if (response.statusCode !== 401) credential?.accepted(sentWith);
			if (response.statusCode === 401 && call.renewOnUnauthorized) {
				const next = await tokenRefusals.next(sentWith, wasRenewal);
				// Neither a repeat with a newer token nor a renewal counts against the retry budget.
				if (next !== 'answer') {
					renewing = next === 'renew';
					attempt--;
					continue;
				}
			}
			// Another process (a queue-mode worker) spends the same account: take a smaller share.
			if (response.statusCode === 429 && call.pace) rateLimited(call.pace.account, startedAt);
			if (!mayRetryStatus(response.statusCode, call.idempotent)) return response;
			refusals.set(response.statusCode, (refusals.get(response.statusCode) ?? 0) + 1);
			if (attempt >= call.retry.maxAttempts) {
				throw gaveUp(context, call, refusals, started, response.statusCode);
			}
			await sleep(
				retryDelayMs(attempt, response.statusCode, response.headers['retry-after'], call.retry),
			);
			continue;
		}

		const { failure } = outcome;
		if (!mayRetryNetworkFailure(failure.code, call.idempotent)) {
			throw unreachable(context, call, failure);
		}
		refusals.set(failure.code, (refusals.get(failure.code) ?? 0) + 1);
		if (attempt >= call.retry.maxAttempts) {
			throw gaveUp(context, call, refusals, started, failure.code);
		}
		await sleep(backoffMs(attempt, call.retry));
	}
}

/**
 * One attempt. Normally every HTTP status comes back as a response. With a `renewal` copy of
 * the credential, n8n is left to see a 401 itself: that is what makes it run the credential's
 * preAuthentication with "expired" set, store the new token and send the request again.
 */
async function send(
	context: ApiContext,
	call: HttpCall,
	renewal: ICredentialsDecrypted | undefined,
): Promise<Attempt> {
	// n8n writes a renewed token into the credential it is given (see RunCredential.forRenewal).
	const credentialsDecrypted = renewal ?? call.credential?.decrypted;
	const options: IHttpRequestOptions = {
		method: call.method,
		url: call.url,
		qs: call.qs,
		body: call.body,
		json: true,
		returnFullResponse: true,
		// Every status comes back with its headers and body (Retry-After, Location, the vendor's
		// error body); n8n's own error wrapping would keep only part of them.
		ignoreHttpStatusErrors: renewal === undefined,
		// A redirect is reported, not followed: TPP answers 307 to a missing trailing slash
		// and following it would hide a wrong URL (and could resend the token elsewhere).
		disableFollowRedirect: true,
		timeout: call.retry.timeoutMs,
		skipSslCertificateValidation: call.skipSslCertificateValidation === true,
	};
	try {
		const full = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			call.credentialType,
			options,
			credentialsDecrypted && { credentialsDecrypted },
		)) as IN8nHttpFullResponse;
		return {
			response: {
				statusCode: full.statusCode,
				headers: (full.headers ?? {}) as Record<string, unknown>,
				body: full.body,
			},
		};
	} catch (error) {
		return classify(error, credentialsDecrypted?.data);
	}
}

/**
 * What n8n threw instead of returning a response: a credential sign-in that failed (recorded on
 * the credential data n8n signed in with, see auth/signInError.ts), a request that got no
 * answer, or, on the renewal path, an HTTP error, which n8n reports with its status code.
 */
function classify(error: unknown, signedInWith: object | undefined): Attempt {
	const signInFailed = takeSignInFailure(signedInWith);
	if (signInFailed) return { signInFailed };
	const httpCode = Number((error as { httpCode?: unknown })?.httpCode);
	if (error instanceof NodeApiError && httpCode >= 300) {
		const data = (error.context as { data?: unknown })?.data;
		return {
			response: { statusCode: httpCode, headers: {}, body: data ?? { error: error.message } },
		};
	}
	const code = networkCodeOf(error);
	// Anything else n8n raised before a request left (a missing credential) has its own message.
	if (code === undefined && !(error instanceof NodeApiError) && error instanceof Error) throw error;
	const messages = messagesOf(error);
	return {
		failure: {
			code: code ?? 'UNKNOWN',
			message: messages.find((m) => !m.startsWith('The ')) ?? messages[0] ?? 'no answer',
		},
	};
}

import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { apiError } from '../errors';
import { explainNetworkFailure, messagesOf, networkCodeOf } from './networkErrors';
import type { RunCredential } from './connection';
import { rateLimited, waitForSlot } from './pacing';
import { SIGN_IN_FAILED } from '../signIn';
import { originOf } from '../text';
import {
	RETRYABLE_NETWORK_CODES,
	backoffMs,
	mayRetryNetworkFailure,
	mayRetryStatus,
	retryDelayMs,
	type RetrySettings,
} from './retry';

/**
 * The one place that calls n8n's `httpRequestWithAuthentication`, so the credential's own
 * `authenticate` (and later `preAuthentication`), n8n's proxy and TLS settings apply to
 * every request. It returns every HTTP answer the vendor layer must interpret (2xx, 3xx,
 * 4xx, 5xx) and settles only the generic part here: retrying 429, and 502/503/504 and dropped
 * connections for idempotent operations (retry.ts), and turning unreachable servers into clear
 * errors.
 */

/** Who may call a vendor: a node run, a poll, the editor's list loading, a webhook trigger's (de)activation. */
export type ApiContext =
	IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface HttpCall {
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

type Attempt = { response: HttpResponse } | { failure: NetworkFailure };

/**
 * A renewed token that is refused without ever having been accepted is wrong, not expired; stop
 * asking then. One that others used and that ran out before this request's turn came (a long
 * run renewing at the same time as many items in flight) is simply renewed again.
 */
const MAX_REFUSED_RENEWALS = 2;

/** Renewals for one request, whatever their outcome: bounds a run whose tokens keep running out. */
const MAX_RENEWALS = 8;

/** Repeats with a token someone else renewed meanwhile; bounded in case tokens keep changing. */
const MAX_TAKEN_OVER_TOKENS = 3;

export async function callApi(context: ApiContext, call: HttpCall): Promise<HttpResponse> {
	const started = Date.now();
	const refusals = new Map<number | string, number>();
	let renewing = false;
	// Renewals answered 401 again; a renewal cut short by a 429/503/drop does not count.
	let renewalsRefused = 0;
	let renewals = 0;
	let tokensTakenOver = 0;

	for (let attempt = 1; ; attempt++) {
		const startedAt = call.pace
			? await waitForSlot(call.pace.account, call.pace.requests, call.pace.windowMs)
			: 0;
		const { credential } = call;
		// A renewal works on a copy of the run's credential (see RunCredential.forRenewal).
		const renewal = renewing ? credential?.forRenewal() : undefined;
		const sentWith = credential?.token();
		const outcome = await attemptOnce(context, call, renewing, renewal);
		const wasRenewal = renewing;
		renewing = false;

		if ('response' in outcome) {
			const { response } = outcome;
			if (response.statusCode !== 401) {
				credential?.accepted(renewal ? credential.tokenOf(renewal) : sentWith);
			}
			if (response.statusCode === 401 && call.renewOnUnauthorized) {
				// Another request (of this run, or another run) renewed the token since this one
				// left, or since the renewal handed this request a token that others have spent
				// meanwhile: send it again with the newer token instead of signing in once more.
				const refused = renewal ? credential?.tokenOf(renewal) : sentWith;
				if (
					credential &&
					tokensTakenOver < MAX_TAKEN_OVER_TOKENS &&
					(await credential.hasNewerToken(refused))
				) {
					tokensTakenOver++;
					attempt--;
					continue;
				}
				if (wasRenewal && !credential?.wasAccepted(refused)) renewalsRefused++;
				if (renewalsRefused < MAX_REFUSED_RENEWALS && renewals < MAX_RENEWALS) {
					// The token expired: renewing it does not count against the retry budget.
					renewing = true;
					renewals++;
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
 * One request. Normally every HTTP status comes back as a response. When `renew` is set, n8n
 * is left to see a 401 itself: that is what makes it run the credential's preAuthentication
 * with "expired" set, store the new token and send the request again.
 */
async function attemptOnce(
	context: ApiContext,
	call: HttpCall,
	renew: boolean,
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
		ignoreHttpStatusErrors: !renew,
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
		return classify(error);
	}
}

/**
 * What n8n threw instead of returning a response. With `ignoreHttpStatusErrors` that is a
 * request that got no answer, or a credential sign-in that failed; on the renewal path (see
 * callApi) it may also be an HTTP error, which n8n reports with its status code.
 */
function classify(error: unknown): Attempt {
	const httpCode = Number((error as { httpCode?: unknown })?.httpCode);
	const messages = messagesOf(error);
	const signIn = messages.find((message) => message.includes(SIGN_IN_FAILED));
	if (signIn) return { failure: { code: 'SIGN_IN', message: signIn } };
	if (error instanceof NodeApiError && httpCode >= 300) {
		const data = (error.context as { data?: unknown })?.data;
		return {
			response: { statusCode: httpCode, headers: {}, body: data ?? { error: error.message } },
		};
	}
	const code = networkCodeOf(error);
	// Anything else n8n raised before a request left (a missing credential) has its own message.
	if (code === undefined && !(error instanceof NodeApiError) && error instanceof Error) throw error;
	return {
		failure: {
			code: code ?? 'UNKNOWN',
			message: messages.find((m) => !m.startsWith('The ')) ?? messages[0] ?? 'no answer',
		},
	};
}

function unreachable(context: ApiContext, call: HttpCall, failure: NetworkFailure): NodeApiError {
	if (failure.code === 'SIGN_IN') {
		return apiError(context.getNode(), {
			message: failure.message,
			itemIndex: call.itemIndex,
			secrets: call.secrets,
		});
	}
	const where = originOf(call.url);
	if (!call.idempotent && RETRYABLE_NETWORK_CODES.has(failure.code)) {
		return apiError(context.getNode(), {
			message: `${call.serviceName} did not answer (${explainNetworkFailure(failure.code, failure.message)}); the request may or may not have been carried out`,
			description:
				'It was not repeated automatically because it is not safe to send twice. Check its effect before running it again.',
			itemIndex: call.itemIndex,
			secrets: call.secrets,
		});
	}
	return apiError(context.getNode(), {
		message: `${call.serviceName} could not be reached at ${where}: ${explainNetworkFailure(failure.code, failure.message)}`,
		description: `Network error ${failure.code}.`,
		itemIndex: call.itemIndex,
		secrets: call.secrets,
	});
}

function gaveUp(
	context: ApiContext,
	call: HttpCall,
	refusals: Map<number | string, number>,
	started: number,
	last: number | string,
): NodeApiError {
	const elapsed = duration(Date.now() - started);
	const parts = [...refusals].map(
		([reason, times]) => `${describeRefusal(reason)} ${times} time${times === 1 ? '' : 's'}`,
	);
	const timedOut = last === 'ECONNABORTED' || last === 'ETIMEDOUT';
	const headline =
		last === 429
			? `${call.serviceName} rate limited this request`
			: timedOut
				? `${call.serviceName} timed out after ${duration(call.retry.timeoutMs)} per attempt`
				: `${call.serviceName} is unavailable`;
	return apiError(context.getNode(), {
		message: `${headline}: ${parts.join(', ')} over ${elapsed}; gave up after ${call.retry.maxAttempts} attempts`,
		description:
			last === 429
				? 'The server kept answering 429 Too Many Requests. Slow the node down, or run the workflow later.'
				: typeof last === 'string' && !timedOut
					? "The server kept closing the connection. If it happens on every request, check the Base URL's scheme (http:// or https://) and port."
					: 'The server kept failing with a temporary error. Try again later; the request is safe to repeat.',
		httpCode: typeof last === 'number' ? last : undefined,
		itemIndex: call.itemIndex,
		secrets: call.secrets,
	});
}

function duration(ms: number): string {
	return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function describeRefusal(reason: number | string): string {
	switch (reason) {
		case 429:
			return 'rate limited (429)';
		case 502:
			return 'bad gateway (502)';
		case 503:
			return 'server unavailable (503)';
		case 504:
			return 'gateway timeout (504)';
		case 'ECONNABORTED':
		case 'ETIMEDOUT':
			return 'timed out';
		default:
			return `connection dropped (${reason})`;
	}
}

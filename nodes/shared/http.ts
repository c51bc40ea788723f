import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { apiError } from './errors';
import {
	RETRYABLE_NETWORK_CODES,
	RETRYABLE_STATUS,
	backoffMs,
	retryDelayMs,
	retryPolicy,
} from './retryPolicy';

/**
 * The one place that calls n8n's `httpRequestWithAuthentication`, so the credential's own
 * `authenticate` (and later `preAuthentication`), n8n's proxy and TLS settings apply to
 * every request. It returns every HTTP answer the vendor layer must interpret (2xx, 3xx,
 * 4xx, 5xx) and settles only the generic part here: retrying 429/502/503/504 and dropped
 * connections, and turning unreachable servers into clear errors.
 */

export type ApiContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

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

export async function callApi(context: ApiContext, call: HttpCall): Promise<HttpResponse> {
	const started = Date.now();
	const refusals = new Map<number | string, number>();

	for (let attempt = 1; ; attempt++) {
		const outcome = await attemptOnce(context, call);

		if ('response' in outcome) {
			const { response } = outcome;
			if (!RETRYABLE_STATUS.has(response.statusCode)) return response;
			refusals.set(response.statusCode, (refusals.get(response.statusCode) ?? 0) + 1);
			if (attempt >= retryPolicy.maxAttempts) {
				throw gaveUp(context, call, refusals, started, response.statusCode);
			}
			await sleep(retryDelayMs(attempt, response.statusCode, response.headers['retry-after']));
			continue;
		}

		const { failure } = outcome;
		if (!RETRYABLE_NETWORK_CODES.has(failure.code)) throw unreachable(context, call, failure);
		refusals.set(failure.code, (refusals.get(failure.code) ?? 0) + 1);
		if (attempt >= retryPolicy.maxAttempts) {
			throw gaveUp(context, call, refusals, started, failure.code);
		}
		await sleep(backoffMs(attempt));
	}
}

async function attemptOnce(context: ApiContext, call: HttpCall): Promise<Attempt> {
	const options: IHttpRequestOptions = {
		method: call.method,
		url: call.url,
		qs: call.qs,
		body: call.body,
		json: true,
		returnFullResponse: true,
		// Every status comes back with its headers and body (Retry-After, Location, the vendor's
		// error body); n8n's own error wrapping would keep only part of them.
		ignoreHttpStatusErrors: true,
		// A redirect is reported, not followed: TPP answers 307 to a missing trailing slash
		// and following it would hide a wrong URL (and could resend the token elsewhere).
		disableFollowRedirect: true,
		timeout: retryPolicy.timeoutMs,
		skipSslCertificateValidation: call.skipSslCertificateValidation === true,
	};
	try {
		const full = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			call.credentialType,
			options,
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
 * With `ignoreHttpStatusErrors` every HTTP answer comes back as a response, so what is thrown
 * here is a request that got no answer. n8n wraps it in a NodeApiError that drops the original
 * error's `code` but keeps its message among `messages`; the code is read back from those.
 */
function classify(error: unknown): Attempt {
	const thrown = error as { code?: unknown; message?: unknown; messages?: unknown; cause?: { code?: unknown; message?: unknown } };
	const texts = [thrown?.cause?.message, thrown?.message, ...(Array.isArray(thrown?.messages) ? thrown.messages : [])]
		.filter((text): text is string => typeof text === 'string' && text !== '');
	const declared = [thrown?.cause?.code, thrown?.code].find((code): code is string => typeof code === 'string');
	const code = declared ?? codeFromText(texts.join(' | '));
	// Anything n8n raised before a request left (a missing credential, a failed sign-in)
	// already carries a message of its own.
	if (code === undefined && !(error instanceof NodeApiError) && error instanceof Error) throw error;
	const original = texts.find((text) => !text.startsWith('The ')) ?? texts[0] ?? 'no answer';
	return { failure: { code: code ?? 'UNKNOWN', message: original } };
}

const CODE_PATTERN =
	/\b(E[A-Z0-9_]{3,}|ERR_[A-Z0-9_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED)\b/;

const CODE_PHRASES: Array<[RegExp, string]> = [
	[/self[- ]signed certificate in certificate chain/i, 'SELF_SIGNED_CERT_IN_CHAIN'],
	[/self[- ]signed certificate/i, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
	[/unable to verify the first certificate|unable to get local issuer/i, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
	[/certificate has expired/i, 'CERT_HAS_EXPIRED'],
	[/does not match certificate's altnames|Hostname\/IP does not match/i, 'ERR_TLS_CERT_ALTNAME_INVALID'],
	[/wrong version number|packet length too long/i, 'ERR_SSL_WRONG_VERSION_NUMBER'],
	[/socket hang up|closed unexpectedly|aborted/i, 'ECONNRESET'],
	[/timeout of \d+ms exceeded|timed out/i, 'ECONNABORTED'],
	[/refused the connection/i, 'ECONNREFUSED'],
	[/incorrect host|getaddrinfo/i, 'ENOTFOUND'],
];

function codeFromText(text: string): string | undefined {
	const explicit = CODE_PATTERN.exec(text);
	if (explicit) return explicit[1];
	return CODE_PHRASES.find(([pattern]) => pattern.test(text))?.[1];
}

const NETWORK_EXPLANATIONS: Record<string, string> = {
	ENOTFOUND: 'the host name does not resolve; check the Base URL in the credential',
	EAI_AGAIN: 'the host name could not be resolved right now (DNS); check the Base URL',
	ECONNREFUSED: 'nothing is listening at that address and port; check the Base URL',
	EHOSTUNREACH: 'the host is unreachable from n8n; check the Base URL and the network',
	DEPTH_ZERO_SELF_SIGNED_CERT:
		'its TLS certificate is self-signed; if you trust this server, turn on "Allow Unauthorized Certificates" in the credential',
	SELF_SIGNED_CERT_IN_CHAIN:
		'its TLS certificate chain includes a self-signed certificate; if you trust this server, turn on "Allow Unauthorized Certificates" in the credential',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE:
		'its TLS certificate could not be verified; if you trust this server, turn on "Allow Unauthorized Certificates" in the credential',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate does not match the host name in the Base URL',
	EPROTO: 'the TLS handshake failed; check whether the Base URL should use http:// or https://',
	ERR_SSL_WRONG_VERSION_NUMBER:
		'the server does not speak TLS on that port; check whether the Base URL should use http://',
};

function unreachable(context: ApiContext, call: HttpCall, failure: NetworkFailure): NodeApiError {
	const where = originOf(call.url);
	const explanation =
		NETWORK_EXPLANATIONS[failure.code] ??
		(/wrong version number/i.test(failure.message)
			? NETWORK_EXPLANATIONS.ERR_SSL_WRONG_VERSION_NUMBER
			: failure.message);
	return apiError(context.getNode(), {
		message: `${call.serviceName} could not be reached at ${where}: ${explanation}`,
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
	const seconds = Math.round((Date.now() - started) / 1000);
	const parts = [...refusals].map(([reason, times]) => `${describeRefusal(reason)} ${times} time${times === 1 ? '' : 's'}`);
	const timedOut = last === 'ECONNABORTED' || last === 'ETIMEDOUT';
	const headline =
		last === 429
			? `${call.serviceName} rate limited this request`
			: timedOut
				? `${call.serviceName} timed out after ${Math.round(retryPolicy.timeoutMs / 1000)} s`
				: `${call.serviceName} is unavailable`;
	return apiError(context.getNode(), {
		message: `${headline}: ${parts.join(', ')} over ${seconds} s; gave up after ${retryPolicy.maxAttempts} attempts`,
		description:
			last === 429
				? 'The server kept answering 429 Too Many Requests. Slow the node down, or run the workflow later.'
				: typeof last === 'string' && !timedOut
					? 'The server kept closing the connection. If it happens on every request, check the Base URL\'s scheme (http:// or https://) and port.'
					: 'The server kept failing with a temporary error. Try again later; the request is safe to repeat.',
		httpCode: typeof last === 'number' ? last : undefined,
		itemIndex: call.itemIndex,
		secrets: call.secrets,
	});
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

function originOf(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return url;
	}
}

import type { NodeApiError } from 'n8n-workflow';

import { apiError } from '../errors';
import { originOf } from '../text';
import type { ApiContext } from './context';
import { explainNetworkFailure } from './networkErrors';
import { RETRYABLE_NETWORK_CODES, type RetrySettings } from './retry';

/** The errors a request ends with when the vendor gave no usable answer (see http.ts). */

/** What a failed request is about, for its message. */
interface FailedCall {
	serviceName: string;
	url: string;
	idempotent: boolean;
	retry: RetrySettings;
	itemIndex?: number;
	secrets?: readonly string[];
}

/** A request that got no answer: it was not sent again (see retry.ts). */
export function unreachable(
	context: ApiContext,
	call: FailedCall,
	failure: { code: string; message: string },
): NodeApiError {
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
		message: `${call.serviceName} could not be reached at ${originOf(call.url)}: ${explainNetworkFailure(failure.code, failure.message)}`,
		description: `Network error ${failure.code}.`,
		itemIndex: call.itemIndex,
		secrets: call.secrets,
	});
}

/** A request that failed every attempt, with what each attempt met. */
export function gaveUp(
	context: ApiContext,
	call: FailedCall,
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

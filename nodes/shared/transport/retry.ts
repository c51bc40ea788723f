/**
 * When a failed HTTP call is worth repeating, and how long to wait first. One policy for
 * every operation of every node: each call these nodes make is a read or an idempotent write
 * (setting a ticket's status twice leaves it as once), so repeating it is safe.
 */

export interface RetryPolicy {
	/** Attempts in all, the first one included. */
	maxAttempts: number;
	/** First back-off for 5xx and dropped connections; doubles each attempt, with jitter. */
	baseDelayMs: number;
	/** No single wait is longer than this, whatever the server asks. */
	maxDelayMs: number;
	/** Per-request timeout. */
	timeoutMs: number;
}

export const retryPolicy: RetryPolicy = {
	maxAttempts: 8,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	timeoutMs: 60_000,
};

export const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

export const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** Parses `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Exponential back-off with full jitter: a random wait in [base·2^n / 2, base·2^n]. */
export function backoffMs(attempt: number, policy: RetryPolicy = retryPolicy): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

export function retryDelayMs(
	attempt: number,
	statusCode: number | undefined,
	retryAfterHeader: unknown,
	policy: RetryPolicy = retryPolicy,
): number {
	const asked = statusCode === 429 || statusCode === 503 ? parseRetryAfterMs(retryAfterHeader) : undefined;
	const wait = asked ?? backoffMs(attempt, policy);
	return Math.min(wait, policy.maxDelayMs);
}

/**
 * When a failed HTTP call is worth repeating, and how long to wait first. One rule for both
 * vendors: 429 is always retried (the server did nothing); a 5xx gateway answer or a dropped
 * connection only for an operation that declares itself idempotent (sending it twice leaves
 * the same result as once: reads, and writes that set a state), since the first try may have
 * gone through.
 */

export interface RetrySettings {
	/** Attempts in all, the first one included. */
	maxAttempts: number;
	/** First back-off for 5xx and dropped connections; doubles each attempt, with jitter. */
	baseDelayMs: number;
	/** No single wait is longer than this, whatever the server asks. */
	maxDelayMs: number;
	/** Per-request timeout. */
	timeoutMs: number;
}

/** What the nodes use unless a test hands its own settings to the node's constructor. */
export const DEFAULT_RETRY: Readonly<RetrySettings> = Object.freeze({
	maxAttempts: 8,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	timeoutMs: 60_000,
});

export function retrySettings(overrides: Partial<RetrySettings> = {}): RetrySettings {
	return { ...DEFAULT_RETRY, ...overrides };
}

export const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

export const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** Whether an answer with this status may be repeated, given the operation's declaration. */
export function mayRetryStatus(statusCode: number, idempotent: boolean): boolean {
	return RETRYABLE_STATUS.has(statusCode) && (idempotent || statusCode === 429);
}

/** Whether a request that got no answer may be repeated, given the operation's declaration. */
export function mayRetryNetworkFailure(code: string, idempotent: boolean): boolean {
	return idempotent && RETRYABLE_NETWORK_CODES.has(code);
}

/** Parses `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unreadable. */
function parseRetryAfterMs(header: unknown, now = Date.now()): number | undefined {
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
export function backoffMs(attempt: number, settings: RetrySettings = DEFAULT_RETRY): number {
	const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

export function retryDelayMs(
	attempt: number,
	statusCode: number | undefined,
	retryAfterHeader: unknown,
	settings: RetrySettings = DEFAULT_RETRY,
): number {
	const asked =
		statusCode === 429 || statusCode === 503 ? parseRetryAfterMs(retryAfterHeader) : undefined;
	const wait = asked ?? backoffMs(attempt, settings);
	return Math.min(wait, settings.maxDelayMs);
}

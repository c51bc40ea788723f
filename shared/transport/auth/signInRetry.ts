import { DEFAULT_RETRY, type RetrySettings } from '../retry';

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

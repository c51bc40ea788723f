/**
 * A server address as a user types it into a credential, without trailing slashes or the API's
 * own path prefix (e.g. `/vedsdk`, `/v3`), which the transports add themselves.
 */
export function normalizeBaseUrl(raw: unknown, apiPrefix: string): string {
	const prefix = new RegExp(`/${apiPrefix}$`, 'i');
	return String(raw ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(prefix, '')
		.replace(/\/+$/, '');
}

/** Whether the base URL can be used at all (a scheme and a host). */
export function hasHttpScheme(baseUrl: string): boolean {
	return /^https?:\/\/[^/\s]+/i.test(baseUrl);
}

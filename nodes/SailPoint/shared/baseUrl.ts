/** The tenant's API URL as the credential gives it, without a trailing slash or /v3. */
export function normalizeIscBaseUrl(raw: unknown): string {
	return String(raw ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/v3$/i, '')
		.replace(/\/+$/, '');
}

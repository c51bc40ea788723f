/** The TPP server as the credential gives it, without a trailing slash or /vedsdk. */
export function normalizeTppBaseUrl(raw: unknown): string {
	return String(raw ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/vedsdk$/i, '')
		.replace(/\/+$/, '');
}

import { normalizeBaseUrl } from '../../shared/transport/baseUrl';

/** The TPP server as the credential gives it, without a trailing slash or /vedsdk. */
export function normalizeTppBaseUrl(raw: unknown): string {
	return normalizeBaseUrl(raw, 'vedsdk');
}

/**
 * What to say about a Base URL without http(s)://, suggesting the address with https:// when
 * what was typed looks like a host name.
 */
export function missingSchemeMessage(baseUrl: string): string {
	const example = /^[a-z0-9.-]+(:\d+)?(\/.*)?$/i.test(baseUrl)
		? `https://${baseUrl}`
		: 'https://tpp.venafi.example';
	return `must start with https:// (or http://), e.g. ${example}, but it is "${baseUrl}"`;
}

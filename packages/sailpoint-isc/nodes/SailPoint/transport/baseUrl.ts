import { normalizeBaseUrl } from '../../shared/transport/baseUrl';

/** The tenant's API URL as the credential gives it, without a trailing slash or /v3. */
export function normalizeIscBaseUrl(raw: unknown): string {
	return normalizeBaseUrl(raw, 'v3');
}

/**
 * What to say about a Base URL without https://, suggesting the address with https:// when
 * what was typed looks like a host name.
 */
export function missingSchemeMessage(baseUrl: string): string {
	const uiAddress = /^([a-z0-9-]+)\.identitynow\.com$/i.exec(baseUrl);
	const example = uiAddress
		? `https://${uiAddress[1]}.api.identitynow.com`
		: /^[a-z0-9.-]+(:\d+)?(\/.*)?$/i.test(baseUrl)
			? `https://${baseUrl}`
			: 'https://acme.api.identitynow.com';
	return `must start with https://, e.g. ${example}, but it is "${baseUrl}"`;
}

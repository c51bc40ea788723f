import { normalizeBaseUrl } from '../../shared/transport/baseUrl';

/** The tenant's API URL as the credential gives it, without a trailing slash or /v3. */
export function normalizeIscBaseUrl(raw: unknown): string {
	return normalizeBaseUrl(raw, 'v3');
}

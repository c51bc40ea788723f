import { normalizeBaseUrl } from '../../shared/transport/baseUrl';

/** The TPP server as the credential gives it, without a trailing slash or /vedsdk. */
export function normalizeTppBaseUrl(raw: unknown): string {
	return normalizeBaseUrl(raw, 'vedsdk');
}

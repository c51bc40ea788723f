/**
 * The one place that turns a logical ISC endpoint into the path of the API Version the
 * credential chose. Logical endpoints are written service first, as `/v3` spells them
 * (`work-items`, `work-items/count`, `access-request-approvals/pending`): SailPoint moved each
 * service to its own version (`/work-items/v1/count`) and lists `/v3` as deprecated.
 */

/** The credential's API Version values. */
export const ISC_API_CURRENT = 'current';
export const ISC_API_V3 = 'v3';
export type IscApiVersion = typeof ISC_API_CURRENT | typeof ISC_API_V3;

/**
 * A credential saved before the field existed has none; n8n gives it the field's default
 * (current) when it loads it, and so does this, so both agree on what such a credential uses.
 */
export function iscApiVersion(value: unknown): IscApiVersion {
	return value === ISC_API_V3 ? ISC_API_V3 : ISC_API_CURRENT;
}

/** Services that /v3 never had: their per-service path is used whatever the API Version. */
const CURRENT_ONLY = new Set([
	'generic-approvals',
	// The event trigger service was /beta before /v1; /v3 never had it.
	'triggers',
	'trigger-subscriptions',
	'trigger-invocations',
]);

/**
 * Endpoints of a /v3 service that /v3 itself lacks: `access-request-approvals/{id}/approvers`
 * exists as /access-request-approvals/v1/{id}/approvers (and in the yearly versions), but the v3
 * document lists only pending, completed, approve, reject, forward and approval-summary; nor has
 * it `access-request-approvals/bulk-approve` (the access-requests service's /v1).
 */
function currentOnlyEndpoint(service: string, rest: string[]): boolean {
	if (service !== 'access-request-approvals') return false;
	return (
		(rest.length === 2 && rest[1] === 'approvers') ||
		(rest.length === 1 && rest[0] === 'bulk-approve')
	);
}

/** `work-items/count` → `work-items/v1/count` (current) or `v3/work-items/count` (v3). */
export function iscPath(version: IscApiVersion, endpoint: string): string {
	const [service, ...rest] = endpoint.split('/');
	if (version === ISC_API_V3 && !CURRENT_ONLY.has(service) && !currentOnlyEndpoint(service, rest))
		return ['v3', service, ...rest].join('/');
	return [service, 'v1', ...rest].join('/');
}

/** `work-items/{id}` (and what follows) with the ID encoded (it was validated, this is a second guard). */
export function workItemPath(workItemId: string, ...rest: string[]): string {
	return ['work-items', encodeURIComponent(workItemId), ...rest.map(encodeURIComponent)].join('/');
}

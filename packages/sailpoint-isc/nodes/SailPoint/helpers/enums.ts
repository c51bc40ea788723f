/**
 * ISC spells its enums differently by API and document: the current specs say `Pending`,
 * `Approval`, the v3 reference page `PENDING`, `APPROVAL`. Whatever the package matches on
 * (work item states, types, approval item states) is compared through this key, so either
 * spelling matches; what ISC sent is output unchanged.
 */
export function enumKey(value: unknown): string {
	return typeof value === 'string' ? value.trim().toUpperCase() : '';
}

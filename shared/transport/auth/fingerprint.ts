import { createHash, createHmac } from 'node:crypto';

import type { INodeProperties } from 'n8n-workflow';

/**
 * What ties a token to the sign-in inputs (URL, client, user, password or secret, scope...) it
 * was obtained with, without holding any of them.
 */

/**
 * Names one set of sign-in inputs: a SHA-256 over all of them, so that changing any input, the
 * password included, gives another account (another renewal slot) while no secret shows in it.
 */
export function signInAccount(service: string, inputs: readonly unknown[]): string {
	return `${service}|${createHash('sha256')
		.update(JSON.stringify(inputs.map(asText)))
		.digest('hex')}`;
}

/**
 * Binds a token to the sign-in inputs it was obtained with: an HMAC of the inputs keyed by the
 * token itself. Stored next to the token, it tells whether the token still belongs to the
 * credential as it is now (any edited input makes it differ), and it reveals nothing about the
 * inputs to whoever sees it without the token.
 */
export function tokenFingerprint(token: string, inputs: readonly unknown[]): string {
	return createHmac('sha256', token)
		.update(JSON.stringify(inputs.map(asText)))
		.digest('hex');
}

/** Whether `token` was obtained with exactly these sign-in inputs (see tokenFingerprint). */
export function tokenMatches(
	token: unknown,
	fingerprint: unknown,
	inputs: readonly unknown[],
): token is string {
	return (
		typeof token === 'string' &&
		token !== '' &&
		typeof fingerprint === 'string' &&
		fingerprint === tokenFingerprint(token, inputs)
	);
}

function asText(value: unknown): string {
	return typeof value === 'string'
		? value
		: value === undefined || value === null
			? ''
			: JSON.stringify(value);
}

/**
 * The credentials' hidden field that binds the stored tokens to the sign-in fields they were
 * obtained with (a hash keyed by the token, so it reveals nothing without it): after any edit
 * they are not used and n8n signs in afresh.
 */
export const signInFingerprintProperty: INodeProperties = {
	displayName: 'Sign-In Fingerprint',
	name: 'signInFingerprint',
	type: 'hidden',
	default: '',
};

/**
 * The credentials' hidden field holding when the stored token expires (ISO 8601), from the
 * token answer's `expires_in` (or TPP's `expires`): an expired token is treated as absent, so
 * a credential test or a run signs in afresh instead of sending it and reading the refusal as
 * a bad pasted token. Empty (tokens stored before it existed, or an answer without either
 * field): the token is used until the vendor refuses it, as before.
 */
export const tokenExpiryProperty: INodeProperties = {
	displayName: 'Session Token Expires',
	name: 'sessionTokenExpires',
	type: 'hidden',
	default: '',
};

/** Whether a stored expiry (see tokenExpiryProperty) has passed; unknown is not expired. */
export function tokenExpired(expires: unknown, now = Date.now()): boolean {
	if (typeof expires !== 'string' || expires === '') return false;
	const at = Date.parse(expires);
	return Number.isFinite(at) && at <= now;
}

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

/**
 * A failed sign-in, as a type: the credentials' preAuthentication throws it (n8n shows its
 * message) and records it on the credential data (recordSignInFailure), where the transport
 * reads it back instead of matching the message.
 */

export class SignInError extends Error {
	constructor(
		readonly service: string,
		readonly reason: string,
	) {
		super(`${service} could not sign in: ${reason}`);
		this.name = 'SignInError';
	}
}

/**
 * Where a failed sign-in is recorded on the credential data n8n signed in with: n8n wraps what
 * preAuthentication throws in its own error and keeps only the text, so the transport, which
 * hands n8n that very data object, reads the failure from it (a symbol: never stored or shown).
 */
const SIGN_IN_FAILURE = Symbol('signInFailure');

/** Records that signing in with `credentials` failed (see takeSignInFailure). */
export function recordSignInFailure(credentials: object, error: SignInError): void {
	Object.defineProperty(credentials, SIGN_IN_FAILURE, { value: error, configurable: true });
}

/** The sign-in failure recorded on `credentials` since the last call, if any; forgets it. */
export function takeSignInFailure(credentials: object | undefined): SignInError | undefined {
	if (credentials === undefined) return undefined;
	const failure = (credentials as { [SIGN_IN_FAILURE]?: SignInError })[SIGN_IN_FAILURE];
	if (failure !== undefined)
		delete (credentials as { [SIGN_IN_FAILURE]?: SignInError })[SIGN_IN_FAILURE];
	return failure;
}

import type { ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';

import type { ApiContext } from '../context';
import { signInRetryOf, withSignInRetry } from './signInRetry';

/** Both credentials' `expirable` field: the token their preAuthentication obtains. */
const TOKEN_FIELD = 'sessionToken';

/**
 * The credential as read once for the run, given to `httpRequestWithAuthentication` as
 * `credentialsDecrypted` so n8n does not read and decrypt it again for every request. n8n
 * writes what preAuthentication returns (a new token, TPP's rotated refresh token) into this
 * very object, besides storing it, so the run's later requests send the renewed token.
 */
export class RunCredential {
	readonly decrypted: ICredentialsDecrypted;

	/** One reload from n8n's store per token found refused, shared by the requests that found it. */
	private reload?: { refused: unknown; done: Promise<void> };

	/** Tokens the vendor refused during this run. */
	private readonly refusedTokens = new Set<unknown>();

	/** Tokens the vendor accepted during this run: refused later, they ran out, they were not wrong. */
	private readonly acceptedTokens = new Set<unknown>();

	constructor(
		private readonly context: ApiContext,
		private readonly type: string,
		data: ICredentialDataDecryptedObject,
	) {
		const stored = context.getNode().credentials?.[type];
		this.decrypted = { id: stored?.id ?? '', name: stored?.name ?? '', type, data };
	}

	get data(): ICredentialDataDecryptedObject {
		return this.decrypted.data as ICredentialDataDecryptedObject;
	}

	/** The token requests send now (empty until the first sign-in of a signing-in credential). */
	token(): unknown {
		return this.data[TOKEN_FIELD];
	}

	/** The vendor answered a request sent with `token` with something other than 401. */
	accepted(token: unknown): void {
		if (token !== undefined && token !== '') this.acceptedTokens.add(token);
	}

	/** Whether the vendor has accepted `token` during this run. */
	wasAccepted(token: unknown): boolean {
		return this.acceptedTokens.has(token);
	}

	/** The token a renewal's copy holds (the one its repeated request was sent with). */
	tokenOf(copy: ICredentialsDecrypted): unknown {
		return copy.data?.[TOKEN_FIELD];
	}

	/**
	 * After a 401 to a request sent with `refused`: whether a newer token is at hand, so the
	 * request only needs repeating. Another request of this run may have renewed it already, or
	 * another run or worker may have renewed and stored it (read once more from n8n, once per
	 * refused token); only when neither did is a sign-in needed.
	 */
	async hasNewerToken(refused: unknown): Promise<boolean> {
		this.refusedTokens.add(refused);
		if (this.token() !== refused) return true;
		let reload: { refused: unknown; done: Promise<void> } | undefined = this.reload;
		if (reload === undefined || reload.refused !== refused) {
			const done = this.context.getCredentials(this.type).then(
				(stored) => {
					const token = stored[TOKEN_FIELD];
					if (
						this.token() === refused &&
						typeof token === 'string' &&
						token !== '' &&
						// n8n stores each renewal once per request that asked for it, and those writes
						// can land late: a token this run already saw refused is older, not newer.
						!this.refusedTokens.has(token)
					)
						Object.assign(this.data, stored);
				},
				// Without a fresh read the run signs in as it would have anyway.
				() => undefined,
			);
			reload = { refused, done };
			this.reload = reload;
		}
		await reload.done;
		return this.token() !== refused;
	}

	/**
	 * A copy for a request that lets n8n renew the token. n8n's preAuthentication must see the
	 * token that was refused (the renewal lock in renewalLock.ts hands every request that comes with
	 * it the same new token), not one another request wrote into the run's credential since.
	 * What n8n writes into the copy (the new token, TPP's rotated refresh token) reaches the
	 * run's credential at once, before the repeated request is answered, unless the run has
	 * moved on to another token meanwhile.
	 */
	forRenewal(): ICredentialsDecrypted {
		const refused = this.token();
		const run = this.data;
		const data = new Proxy(
			// The sign-in n8n runs with the copy keeps the run's retry settings (not enumerable).
			withSignInRetry({ ...run }, signInRetryOf(run)),
			{
				set(copy, field, value) {
					copy[field as string] = value;
					const runToken = run[TOKEN_FIELD];
					if (runToken === refused || runToken === copy[TOKEN_FIELD]) run[field as string] = value;
					return true;
				},
			},
		);
		return { ...this.decrypted, data };
	}
}

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { RunCredential } from './auth/runCredential';
import { withSignInRetry } from './auth/signInRetry';
import type { ApiContext } from './context';
import type { RetrySettings } from './retry';

/**
 * One node run's way to a vendor: created in `execute()` or `poll()` and handed to the
 * transport. It reads the credential once, on the first request (n8n reads it from its
 * database and decrypts it on every read), hands that decrypted credential to n8n with every
 * request of the run (RunCredential), and carries what the run decided: whether its requests
 * may be repeated after a 5xx or a dropped connection, the retry settings, and the pacing. A
 * run or poll creates a new one, so an edited credential applies from the next run on.
 */

/** What a transport needs from its credential. */
interface CredentialSettings {
	baseUrl: string;
	skipSslCertificateValidation: boolean;
	/** The credential signs in by itself (preAuthentication), so a 401 may mean "renew". */
	signsIn: boolean;
	/** Values that must never show in a message. */
	secrets: string[];
	/** Tells accounts apart (for pacing), without holding a whole secret. */
	account?: string;
	/** The API version the credential chose, for vendors that offer several. */
	apiVersion?: string;
	/** The decrypted credential every request of the run sends (see RunCredential). */
	credential?: RunCredential;
}

type CredentialReader = (
	credentials: ICredentialDataDecryptedObject,
) => Omit<CredentialSettings, 'secrets'>;

export interface ConnectionOptions {
	/** The operation's declaration: sending its requests twice leaves the same result as once. */
	idempotent: boolean;
	retry: RetrySettings;
	/** Requests per window the client keeps to; undefined when pacing is off. */
	pace?: { requests: number; windowMs: number };
}

/** Credential fields whose values are secrets, whichever vendor. */
const SECRET_FIELDS = ['accessToken', 'password', 'clientSecret', 'refreshToken', 'sessionToken'];

export class Connection {
	private credential?: Promise<CredentialSettings>;

	private readonly done = new Map<string, Promise<unknown>>();

	constructor(
		readonly context: ApiContext,
		readonly credentialType: string,
		private readonly read: CredentialReader,
		readonly options: ConnectionOptions,
	) {}

	/**
	 * The credential's settings, read on first use and kept for the rest of the run. The data
	 * carries the run's retry settings for the sign-ins n8n runs with it (auth/signInRetry.ts).
	 */
	async settings(): Promise<CredentialSettings> {
		this.credential ??= this.context.getCredentials(this.credentialType).then((data) => {
			const credentials = withSignInRetry(data, this.options.retry);
			const credential = new RunCredential(this.context, this.credentialType, credentials);
			return {
				...this.read(credentials),
				credential,
				// Read when a message is made, so a token renewed during the run is hidden too.
				get secrets() {
					return SECRET_FIELDS.map((field) => credential.data[field]).filter(
						(value): value is string => typeof value === 'string' && value !== '',
					);
				},
			};
		});
		return await this.credential;
	}

	/** Runs `work` once for this run, whichever item asks first (e.g. a permissions refresh). */
	async once(key: string, work: () => Promise<void>): Promise<void> {
		let pending = this.done.get(key);
		if (!pending) {
			pending = work();
			this.done.set(key, pending);
		}
		await pending;
	}
}

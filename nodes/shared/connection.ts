import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { ApiContext } from './http';

/**
 * What a transport needs from its credential, read once per node run (the credential is
 * decrypted on every read) rather than once per request.
 */
export interface Connection {
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
}

/** Credential fields whose values are secrets, whichever vendor. */
const SECRET_FIELDS = ['accessToken', 'password', 'clientSecret', 'refreshToken', 'sessionToken'];

const connections = new WeakMap<object, Map<string, Promise<Connection>>>();

export async function connectionFor(
	context: ApiContext,
	credentialType: string,
	read: (credentials: ICredentialDataDecryptedObject) => Omit<Connection, 'secrets'>,
): Promise<Connection> {
	let byType = connections.get(context);
	if (!byType) {
		byType = new Map();
		connections.set(context, byType);
	}
	let pending = byType.get(credentialType);
	if (!pending) {
		pending = context.getCredentials(credentialType).then((credentials) => ({
			...read(credentials),
			secrets: SECRET_FIELDS.map((field) => credentials[field]).filter(
				(value): value is string => typeof value === 'string' && value !== '',
			),
		}));
		byType.set(credentialType, pending);
	}
	return await pending;
}

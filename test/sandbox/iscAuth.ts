import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import type { SandboxRequest } from './http';
import { sendJson } from './http';
import { ISC_IDENTITY_ID, type IscSandbox } from './isc';
import { TokenUses } from './tokenUses';

/**
 * ISC's token endpoint for personal access tokens: POST /oauth/token with
 * grant_type=client_credentials, client_id and client_secret (form fields or query
 * parameters). Tokens live as long as a test wants, so they can expire mid-run.
 */

export const ISC_CLIENT_ID = 'a7f1c2e3d4b5469788990abcdef01234';
export const ISC_CLIENT_SECRET = 'sandbox-isc-client-secret-9f8e7d6c5b4a';

export interface IscAuthOptions {
	accessTokenLifetimeMs?: number;
	/** How many requests a token serves before ISC answers 401 (see TppAuthOptions.accessTokenUses). */
	accessTokenUses?: number;
}

export class IscAuthority {
	accessTokenLifetimeMs: number;
	readonly issued: string[] = [];
	grants = 0;
	private readonly tokenUses: TokenUses;

	constructor(
		private readonly isc: IscSandbox,
		options: IscAuthOptions = {},
	) {
		this.accessTokenLifetimeMs = options.accessTokenLifetimeMs ?? 43_200_000;
		this.tokenUses = new TokenUses(options.accessTokenUses, (token) => this.isc.tokens.delete(token));
	}

	/** Every token issued so far expires now, as time would do. */
	expireTokens(): void {
		for (const token of this.issued) this.isc.tokens.delete(token);
		this.tokenUses.forget();
	}

	/** How many requests a token serves (counted for tokens issued while it is set; undefined: no limit). */
	get accessTokenUses(): number | undefined {
		return this.tokenUses.limit;
	}

	set accessTokenUses(limit: number | undefined) {
		this.tokenUses.limit = limit;
	}

	/** Counts a resource request made with `token`; past its allowance the token has expired. */
	spend(token: string | undefined): void {
		this.tokenUses.spend(token);
	}

	handles(path: string): boolean {
		return path === '/oauth/token';
	}

	handle(req: SandboxRequest, res: ServerResponse): void {
		const fields = new URLSearchParams(typeof req.body === 'string' ? req.body : '');
		for (const [key, value] of req.query) if (!fields.has(key)) fields.set(key, value);
		if (req.method !== 'POST') {
			sendJson(res, 405, { error: 'method_not_allowed' });
			return;
		}
		if (fields.get('grant_type') !== 'client_credentials') {
			sendJson(res, 400, { error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${fields.get('grant_type') ?? ''}` });
			return;
		}
		if (fields.get('client_id') !== ISC_CLIENT_ID || fields.get('client_secret') !== ISC_CLIENT_SECRET) {
			sendJson(res, 401, { error: 'invalid_client', error_description: 'Bad credentials' });
			return;
		}
		const token = `eyJhbGciOiJSUzI1NiJ9.${randomBytes(16).toString('base64url')}.${randomBytes(16).toString('base64url')}`;
		this.issued.push(token);
		this.grants++;
		this.isc.tokens.set(token, { id: ISC_IDENTITY_ID, admin: true });
		this.tokenUses.issued(token);
		setTimeout(() => this.isc.tokens.delete(token), this.accessTokenLifetimeMs).unref();
		sendJson(res, 200, {
			access_token: token,
			token_type: 'bearer',
			expires_in: Math.ceil(this.accessTokenLifetimeMs / 1000),
			scope: 'sp:scopes:all',
			tenant_id: '2c9180835d2e5168015d32f890ca1581',
			pod: 'sandbox',
			strong_auth_supported: false,
			org: 'acme',
			identity_id: ISC_IDENTITY_ID,
			user_name: 'sandbox.admin',
			strong_auth: false,
			jti: randomBytes(8).toString('hex'),
		});
	}
}

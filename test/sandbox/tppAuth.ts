import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import type { SandboxRequest } from './http';
import { sendJson } from './http';
import { TokenUses } from './tokenUses';

/**
 * TPP's OAuth endpoints as the WebSDK documents them: POST /vedauth/authorize/oauth (client
 * id, username, password, scope) and POST /vedauth/authorize/token (client id, refresh
 * token). Refresh tokens rotate: a used one answers invalid_grant. Access tokens live as long
 * as a test wants, so they can expire in the middle of a run.
 */

export const TPP_CLIENT_ID = 'n8n-sandbox';
export const TPP_USERNAME = 'sandbox-approver';
export const TPP_PASSWORD = 'sandbox-password-Tr0ub4dor';

export interface TppAuthOptions {
	/** How long an issued access token is accepted, in ms. */
	accessTokenLifetimeMs?: number;
	/**
	 * How many requests an access token serves before TPP refuses it as expired. Tests that need
	 * tokens to expire during a run use this rather than a short lifetime, so the outcome does
	 * not depend on how fast the machine is.
	 */
	accessTokenUses?: number;
}

export class TppAuthority {
	accessTokenLifetimeMs: number;
	/** Tokens handed out so far, so tests can check that none leaked. */
	readonly issued: string[] = [];
	logins = 0;
	refreshes = 0;
	/** Live refresh tokens and the scope of the grant each renews. */
	private readonly liveRefreshTokens = new Map<string, string>();
	/** Access tokens that expire by use (tests set accessTokenUses). */
	private readonly tokenUses: TokenUses;

	constructor(
		private readonly acceptedTokens: Set<string>,
		options: TppAuthOptions = {},
		/** Where the resource endpoints look up each access token's scope. */
		private readonly tokenScopes: Map<string, string> = new Map(),
	) {
		this.accessTokenLifetimeMs = options.accessTokenLifetimeMs ?? 3_600_000;
		this.tokenUses = new TokenUses(options.accessTokenUses, (token) => this.acceptedTokens.delete(token));
	}

	/** Every access token issued so far expires now (refresh tokens stay valid), as time would do. */
	expireTokens(): void {
		for (const token of this.issued) if (token.startsWith('tpp-at-')) this.acceptedTokens.delete(token);
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
		return /^\/vedauth\/authorize\/(oauth|token)$/i.test(path);
	}

	handle(req: SandboxRequest, res: ServerResponse): void {
		const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
		if (req.method !== 'POST') {
			sendJson(res, 405, { error: 'invalid_request', error_description: 'Use POST.' });
			return;
		}
		if (body.client_id !== TPP_CLIENT_ID) {
			sendJson(res, 400, { error: 'invalid_client', error_description: 'The client_id is not registered as an API integration.' });
			return;
		}
		if (/\/oauth$/i.test(req.path)) {
			if (body.username !== TPP_USERNAME || body.password !== TPP_PASSWORD) {
				sendJson(res, 400, { error: 'invalid_grant', error_description: 'Username/password combination not valid' });
				return;
			}
			const scope = typeof body.scope === 'string' ? body.scope : '';
			if (!/^[a-z:;,]+$/i.test(scope) || /forbidden/i.test(scope)) {
				sendJson(res, 400, { error: 'invalid_scope', error_description: `The requested scope "${scope}" is not allowed for this application.` });
				return;
			}
			this.logins++;
			sendJson(res, 200, this.grant(scope));
			return;
		}
		const refresh = typeof body.refresh_token === 'string' ? body.refresh_token : '';
		const renewedScope = this.liveRefreshTokens.get(refresh);
		if (renewedScope === undefined) {
			sendJson(res, 400, { error: 'invalid_grant', error_description: 'The refresh token is invalid, expired or was already used.' });
			return;
		}
		this.liveRefreshTokens.delete(refresh);
		this.refreshes++;
		sendJson(res, 200, this.grant(renewedScope));
	}

	private grant(scope: string) {
		const accessToken = `tpp-at-${randomBytes(12).toString('hex')}`;
		const refreshToken = `tpp-rt-${randomBytes(12).toString('hex')}`;
		this.issued.push(accessToken, refreshToken);
		this.liveRefreshTokens.set(refreshToken, scope);
		this.acceptedTokens.add(accessToken);
		this.tokenScopes.set(accessToken, scope);
		this.tokenUses.issued(accessToken);
		setTimeout(() => this.acceptedTokens.delete(accessToken), this.accessTokenLifetimeMs).unref();
		const now = Math.floor(Date.now() / 1000);
		return {
			access_token: accessToken,
			refresh_token: refreshToken,
			expires: now + Math.ceil(this.accessTokenLifetimeMs / 1000),
			expires_in: Math.ceil(this.accessTokenLifetimeMs / 1000),
			identity: 'local:{e3fc9359-77cf-4940-bd1d-0c67433a76e5}',
			refresh_until: now + 86_400,
			scope,
			token_type: 'Bearer',
		};
	}
}

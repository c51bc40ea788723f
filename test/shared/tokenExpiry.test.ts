import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { VenafiWork } from '../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node';
import { tokenExpired } from '../../shared/transport/auth/fingerprint';
import { forgetRenewals } from '../../shared/transport/auth/renewalLock';
import { testCredential } from '../harness/credentialTest';
import { runNode } from '../harness/run';
import { ISC_CLIENT_ID, ISC_CLIENT_SECRET } from '../sandbox/iscAuth';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { TPP_CLIENT_ID, TPP_PASSWORD, TPP_USERNAME } from '../sandbox/tppAuth';

/**
 * Issue 27 (ask 3 family): a credential that signs in holds a token that has expired since its
 * last use, and nothing was edited. The stored expiry tells it: the token is treated as absent,
 * so the credential test (which ignores HTTP statuses) and a run sign in afresh instead of
 * sending it and reporting "Paste a new one" on a credential that signs in by itself. A pasted
 * Access Token keeps its message.
 */

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.stop());
beforeEach(() => {
	forgetRenewals();
	sandbox.clearLog();
});

const past = () => new Date(Date.now() - 60_000).toISOString();
const withToken = (token: unknown) => `Bearer ${String(token)}`;

describe('Venafi TPP, OAuth (Username and Password)', () => {
	const TYPE = 'venafiTppApi';
	const oauth = (): ICredentialDataDecryptedObject => ({
		authentication: 'oauth',
		baseUrl: sandbox.url,
		clientId: TPP_CLIENT_ID,
		username: TPP_USERNAME,
		password: TPP_PASSWORD,
	});

	test('the sign-in stores when the token expires (from expires_in)', async () => {
		const before = Date.now();
		const { stored } = await testCredential(TYPE, oauth());
		const expires = Date.parse(String(stored.sessionTokenExpires));
		// The sandbox grants an hour; the stored expiry is at most 30 s early.
		expect(expires).toBeGreaterThanOrEqual(before + 3_600_000 - 30_000);
		expect(expires).toBeLessThanOrEqual(Date.now() + 3_600_000);
		expect(tokenExpired(stored.sessionTokenExpires)).toBe(false);
	});

	test('an expired token, nothing edited: the test renews it and passes, instead of "Paste a new one"', async () => {
		const { stored } = await testCredential(TYPE, oauth());
		// Time passes: TPP no longer accepts the token, and its stored expiry is behind us.
		sandbox.tppAuth.expireTokens();
		const refreshesBefore = sandbox.tppAuth.refreshes;
		sandbox.clearLog();

		const result = await testCredential(TYPE, { ...stored, sessionTokenExpires: past() });
		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		// Renewed with the refresh token (the sign-in fields are unchanged), and the expired token was never sent.
		expect(sandbox.tppAuth.refreshes - refreshesBefore).toBe(1);
		expect(sandbox.requests.some((request) => request.authorization === withToken(stored.sessionToken))).toBe(false);
		expect(result.stored.sessionToken).not.toBe(stored.sessionToken);
		expect(tokenExpired(result.stored.sessionTokenExpires)).toBe(false);
		const verify = sandbox.requests.filter((request) => request.path === '/vedauth/authorize/verify');
		expect(verify[verify.length - 1].authorization).toBe(withToken(result.stored.sessionToken));
	});

	test('the same credential stored before the expiry was kept (no expiry): the message it gave before', async () => {
		const { stored } = await testCredential(TYPE, oauth());
		sandbox.tppAuth.expireTokens();
		const { sessionTokenExpires: _unknown, ...older } = stored;
		const result = await testCredential(TYPE, older);
		// What the issue reported: the token is sent as if valid and its refusal read as a pasted token's.
		expect(result.status).toBe('Error');
		expect(result.message).toContain('TPP does not accept the access token (invalid_token)');
	});

	test('a run with an expired token signs in afresh before its first request', async () => {
		const { stored } = await testCredential(TYPE, oauth());
		sandbox.tppAuth.expireTokens();
		sandbox.clearLog();
		const result = await runNode(new VenafiWork(), { operation: 'getAll', workType: '' }, {
			credentials: { venafiTppApi: { ...stored, sessionTokenExpires: past() } },
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.some((request) => request.authorization === withToken(stored.sessionToken))).toBe(false);
	});

	test('a pasted Access Token that expired keeps its message', async () => {
		const result = await testCredential(TYPE, {
			authentication: 'accessToken',
			baseUrl: sandbox.url,
			accessToken: 'expired-token-0123456789',
			sessionTokenExpires: past(),
		});
		expect(result.message).toBe(
			'TPP does not accept the access token (invalid_token): it has expired or was revoked. Paste a new one, or choose "OAuth (Username and Password)" so n8n signs in and renews tokens by itself.',
		);
	});
});

describe('SailPoint ISC, Client Credentials (the same shared sign-in)', () => {
	const TYPE = 'sailPointIscApi';
	const clientCredentials = (): ICredentialDataDecryptedObject => ({
		authentication: 'clientCredentials',
		baseUrl: sandbox.url,
		clientId: ISC_CLIENT_ID,
		clientSecret: ISC_CLIENT_SECRET,
	});

	test('an expired token, nothing edited: the test gets a new one and passes, instead of "Paste a new one"', async () => {
		const { stored } = await testCredential(TYPE, clientCredentials());
		expect(tokenExpired(stored.sessionTokenExpires)).toBe(false);
		sandbox.iscAuth.expireTokens();
		const grantsBefore = sandbox.iscAuth.grants;
		sandbox.clearLog();

		const result = await testCredential(TYPE, { ...stored, sessionTokenExpires: past() });
		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.iscAuth.grants - grantsBefore).toBe(1);
		expect(sandbox.requests.some((request) => request.authorization === withToken(stored.sessionToken))).toBe(false);
	});

	test('stored without an expiry, the same expired token gives the message the issue reported', async () => {
		const { stored } = await testCredential(TYPE, clientCredentials());
		sandbox.iscAuth.expireTokens();
		const { sessionTokenExpires: _unknown, ...older } = stored;
		const result = await testCredential(TYPE, older);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Paste a new one');
	});
});

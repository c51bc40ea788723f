import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { CREDENTIAL_EMPTY_VALUE, NodeHelpers } from 'n8n-workflow';

import { VenafiTppApi } from '../../../packages/venafi-tpp/credentials/VenafiTppApi.credentials';
import { VenafiWork } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node';
import { signInAccount } from '../../../shared/transport/auth/fingerprint';
import { forgetRenewals } from '../../../shared/transport/auth/renewalLock';
import { expectNoSecrets } from '../../harness/assertions';
import { asEditorSavesIt, asN8nReadsIt, testCredential } from '../../harness/credentialTest';
import { runNode } from '../../harness/run';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { TPP_TOKEN } from '../../sandbox/tpp';
import { TPP_CLIENT_ID, TPP_PASSWORD, TPP_USERNAME } from '../../sandbox/tppAuth';
import { useTppSandbox } from '../context';

/**
 * The Venafi TPP credential's Test button, run as n8n's credential tester runs it (see
 * test/harness/credentialTest.ts), and what editing a credential does to the tokens n8n keeps.
 */

const TYPE = 'venafiTppApi';
const WEBSDK_HINT = 'use the address of the TPP server, whose WebSDK answers at /vedsdk, e.g. https://tpp.example.com/vedsdk';

const tpp = useTppSandbox();
let otherServer: Sandbox;
beforeAll(async () => {
	otherServer = await startSandbox();
});
afterAll(async () => await otherServer.stop());
beforeEach(() => {
	forgetRenewals();
	tpp.sandbox.webSite = false;
	tpp.sandbox.tppAuth.logins = 0;
	tpp.sandbox.tppAuth.refreshes = 0;
	otherServer.clearLog();
	otherServer.tppAuth.logins = 0;
	otherServer.tppAuth.refreshes = 0;
});

const accessToken = (overrides: ICredentialDataDecryptedObject = {}) => ({
	authentication: 'accessToken',
	baseUrl: tpp.sandbox.url,
	accessToken: TPP_TOKEN,
	...overrides,
});
const oauth = (overrides: ICredentialDataDecryptedObject = {}) => ({
	authentication: 'oauth',
	baseUrl: tpp.sandbox.url,
	clientId: TPP_CLIENT_ID,
	username: TPP_USERNAME,
	password: TPP_PASSWORD,
	...overrides,
});
const verifyRequests = () => tpp.sandbox.requests.filter((request) => request.path === '/vedauth/authorize/verify');

describe('Access Token', () => {
	test.each(['', '/', '/vedsdk', '/vedsdk/'])('a good token passes (Base URL "<server>%s")', async (suffix) => {
		const result = await testCredential(TYPE, accessToken({ baseUrl: `${tpp.sandbox.url}${suffix}` }));
		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		expect(verifyRequests()).toHaveLength(1);
		expect(verifyRequests()[0]).toMatchObject({ method: 'GET', authorization: `Bearer ${TPP_TOKEN}` });
	});

	test('a wrong token is reported as such, not as n8n\'s generic "Authorization failed"', async () => {
		const result = await testCredential(TYPE, accessToken({ accessToken: 'expired-token-0123456789' }));
		expect(result).toEqual(
			expect.objectContaining({
				status: 'Error',
				message:
					'TPP does not accept the access token (invalid_token): it has expired or was revoked. Paste a new one, or choose "OAuth (Username and Password)" so n8n signs in and renews tokens by itself.',
			}),
		);
	});

	test('a Base URL without https:// is explained, not "Invalid URL", and nothing is sent', async () => {
		const result = await testCredential(TYPE, accessToken({ baseUrl: 'tpp.example.com/vedsdk' }));
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'The Base URL in the Venafi TPP credential must start with https:// (or http://), e.g. https://tpp.example.com, but it is "tpp.example.com"',
		);
		expect(tpp.sandbox.requests).toHaveLength(0);
	});

	test('an address that answers every path with a web page fails the test and says so', async () => {
		tpp.sandbox.webSite = true;
		const result = await testCredential(TYPE, accessToken({ accessToken: 'any-token-at-all-012345' }));
		expect(result).toMatchObject({ status: 'Error', message: `This address answers with a web page, not with TPP's WebSDK: ${WEBSDK_HINT}` });
		expect(verifyRequests()).toHaveLength(1);
	});

	test('a JSON answer that is not verify\'s fails the test', async () => {
		tpp.sandbox.queue('/vedauth/authorize/verify', { status: 200, body: { status: 'ok' } });
		const result = await testCredential(TYPE, accessToken());
		expect(result).toMatchObject({
			status: 'Error',
			message: `The answer to GET /vedauth/authorize/verify names no identity, so TPP did not accept the token or this is not a TPP server: ${WEBSDK_HINT}`,
		});
	});

	test('a server error fails the test instead of passing', async () => {
		tpp.sandbox.queue('/vedauth/authorize/verify', { status: 500, body: { error: 'server_error' } });
		const result = await testCredential(TYPE, accessToken());
		expect(result.status).toBe('Error');
		expect(result.message).toContain('names no identity');
	});
});

describe('OAuth', () => {
	test('the test signs in, verifies the new token and stores it with a fingerprint of the sign-in fields', async () => {
		const result = await testCredential(TYPE, oauth());
		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		expect(tpp.sandbox.tppAuth.logins).toBe(1);
		expect(result.stored.sessionToken).toMatch(/^tpp-at-/);
		expect(result.stored.refreshToken).toMatch(/^tpp-rt-/);
		expect(result.stored.signInFingerprint).toMatch(/^[0-9a-f]{64}$/);
		expect(verifyRequests()[0].authorization).toBe(`Bearer ${String(result.stored.sessionToken)}`);
	});

	test('a web page address fails at sign-in and says so', async () => {
		tpp.sandbox.webSite = true;
		const result = await testCredential(TYPE, oauth());
		expect(result).toMatchObject({
			status: 'Error',
			message: `Venafi TPP could not sign in: ${tpp.sandbox.url} answers with a web page, not with TPP's WebSDK; ${WEBSDK_HINT}`,
		});
	});

	// Each sign-in field edited to a wrong value, on a credential holding working tokens from
	// the last test: the test must sign in afresh with the new value and report it.
	test.each([
		['password', { password: 'wrong-password-123' }, 'Venafi TPP could not sign in: the Username or Password is not accepted (TPP: Username/password combination not valid)'],
		['username', { username: 'someone-else' }, 'Venafi TPP could not sign in: the Username or Password is not accepted (TPP: Username/password combination not valid)'],
		['client ID', { clientId: 'unknown-app' }, 'Venafi TPP could not sign in: the Client ID is not accepted; check that an API integration with this ID exists in TPP and is enabled (TPP: The client_id is not registered as an API integration.)'],
		['scope', { scope: 'forbidden:everything' }, 'Venafi TPP could not sign in: the scope "forbidden:everything" is not allowed for this API integration; ask for a scope it grants (TPP: The requested scope "forbidden:everything" is not allowed for this application.)'],
		// The test request goes to the new address first (n8n signs in only after a 401): n8n's own words.
		['base URL', { baseUrl: 'http://127.0.0.1:9' }, 'The service refused the connection - perhaps it is offline'],
	])('editing the %s to a wrong value fails the test; editing it back passes again', async (_field, wrong, message) => {
		const good = (await testCredential(TYPE, oauth())).stored;
		const refreshesBefore = tpp.sandbox.tppAuth.refreshes;

		const edited = await testCredential(TYPE, { ...good, ...wrong });
		expect(edited).toMatchObject({ status: 'Error', message });
		// The stored refresh token (still valid for the old values) was not used.
		expect(tpp.sandbox.tppAuth.refreshes).toBe(refreshesBefore);

		const back = await testCredential(TYPE, good);
		expect(back).toMatchObject({ status: 'OK', message: 'Connection successful!' });
	});

	test('the tokens stored before this fingerprint existed are not reused: the test signs in afresh', async () => {
		const good = (await testCredential(TYPE, oauth())).stored;
		const { signInFingerprint: _none, ...older } = good;
		const result = await testCredential(TYPE, { ...older, password: 'wrong-password-123' });
		expect(result.message).toContain('the Username or Password is not accepted');
	});

	test('unchanged fields: the test sends the stored token, without signing in or refreshing', async () => {
		const good = (await testCredential(TYPE, oauth())).stored;
		const again = await testCredential(TYPE, good);
		expect(again.status).toBe('OK');
		expect(tpp.sandbox.tppAuth.refreshes).toBe(0);
		expect(tpp.sandbox.tppAuth.logins).toBe(1);
		expect(verifyRequests()[1].authorization).toBe(`Bearer ${String(good.sessionToken)}`);
	});

	// Issue 27, item 3: n8n runs preAuthentication in a test only while the stored token is empty
	// or after a 401 (see the harness), so a stored token of the old values must not be sent as
	// if valid: the test signs in afresh with the edited value, passes, and stores the new token.
	test.each([
		['scope', () => ({ scope: 'agent;certificate:approve;configuration' })],
		['base URL', () => ({ baseUrl: otherServer.url })],
		['Allow Unauthorized Certificates switch', () => ({ allowUnauthorizedCerts: true })],
	])('editing the %s to another good value: the test signs in afresh with it and passes', async (field, edit) => {
		const good = (await testCredential(TYPE, oauth())).stored;
		const target = field === 'base URL' ? otherServer : tpp.sandbox;
		const loginsBefore = target.tppAuth.logins;
		const edited = await testCredential(TYPE, { ...good, ...edit() });
		expect(edited).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		expect(target.tppAuth.logins - loginsBefore).toBe(1);
		expect(edited.stored.sessionToken).not.toBe(good.sessionToken);
		const verified = target.requests.filter((request) => request.path === '/vedauth/authorize/verify');
		expect(verified[verified.length - 1].authorization).toBe(`Bearer ${String(edited.stored.sessionToken)}`);
		// The old token was never sent with the new values; nor was the old refresh token used.
		expect(target.requests.filter((request) => request.authorization === `Bearer ${String(good.sessionToken)}`)).toHaveLength(field === 'base URL' ? 0 : 1);
		expect(target.tppAuth.refreshes).toBe(0);
		if (field === 'scope') expect(tpp.sandbox.tpp.tokenScopes.get(String(edited.stored.sessionToken))).toBe('agent;certificate:approve;configuration');
		// Tested again unchanged, it keeps the new token.
		expect(await testCredential(TYPE, edited.stored)).toMatchObject({ status: 'OK' });
		expect(target.tppAuth.logins - loginsBefore).toBe(1);
	});
});

describe('workflow runs after an edit', () => {
	// Each sign-in field edited on a credential holding working tokens: the next run signs in
	// with the new value (passing with a good one, stopping with the sign-in error otherwise).
	test.each([
		['scope', { scope: 'agent;certificate:approve;configuration' }, undefined],
		['Allow Unauthorized Certificates switch', { allowUnauthorizedCerts: true }, undefined],
		['password', { password: 'wrong-password-123' }, 'Venafi TPP could not sign in: the Username or Password is not accepted (TPP: Username/password combination not valid)'],
		['username', { username: 'someone-else' }, 'Venafi TPP could not sign in: the Username or Password is not accepted (TPP: Username/password combination not valid)'],
		['client ID', { clientId: 'unknown-app' }, 'Venafi TPP could not sign in: the Client ID is not accepted; check that an API integration with this ID exists in TPP and is enabled (TPP: The client_id is not registered as an API integration.)'],
	])('editing the %s: the next run signs in afresh with it', async (_field, edit, error) => {
		const good = (await testCredential(TYPE, oauth())).stored;
		tpp.sandbox.clearLog();
		const result = await runNode(new VenafiWork(), { operation: 'getAll', workType: '' }, { credentials: { venafiTppApi: { ...good, ...edit } } });
		expect(result.error?.message).toBe(error);
		expect(tpp.sandbox.tppAuth.logins).toBe(error === undefined ? 2 : 1);
		expect(tpp.sandbox.tppAuth.refreshes).toBe(0);
		const old = `Bearer ${String(good.sessionToken)}`;
		expect(tpp.sandbox.requests.some((request) => request.authorization === old)).toBe(false);
		if (error === undefined) {
			const work = tpp.sandbox.requests.filter((request) => request.path.startsWith('/vedsdk/'));
			expect(work.length).toBeGreaterThan(0);
			const newest = tpp.sandbox.tppAuth.issued.filter((token) => token.startsWith('tpp-at-')).pop();
			expect(work[work.length - 1].authorization).toBe(`Bearer ${String(newest)}`);
		}
	});

	test('a wrong password stops the run with the sign-in error, although the stored token still works', async () => {
		const good = (await testCredential(TYPE, oauth())).stored;
		tpp.sandbox.clearLog();
		const result = await runNode(new VenafiWork(), { operation: 'getAll', workType: '' }, {
			credentials: { venafiTppApi: { ...good, password: 'wrong-password-123' } },
		});
		expect(result.error?.message).toBe(
			'Venafi TPP could not sign in: the Username or Password is not accepted (TPP: Username/password combination not valid)',
		);
		const stale = `Bearer ${String(good.sessionToken)}`;
		expect(tpp.sandbox.requests.some((request) => request.authorization === stale)).toBe(false);
		expectNoSecrets(result, TPP_PASSWORD, 'wrong-password-123', String(good.sessionToken), String(good.refreshToken));
	});

	test('a new Base URL never receives the token obtained from the old one', async () => {
		const good = (await testCredential(TYPE, oauth())).stored;
		const result = await runNode(new VenafiWork(), { operation: 'getAll', workType: '' }, {
			credentials: { venafiTppApi: { ...good, baseUrl: otherServer.url } },
		});
		expect(result.error).toBeUndefined();
		expect(otherServer.requests.some((request) => request.authorization === `Bearer ${String(good.sessionToken)}`)).toBe(false);
		// It signed in to the new server with the password instead.
		expect(otherServer.tppAuth.logins).toBe(1);
	});

	test('unchanged fields keep using the stored token without signing in again', async () => {
		const good = (await testCredential(TYPE, oauth())).stored;
		const result = await runNode(new VenafiWork(), { operation: 'getAll', workType: '' }, { credentials: { venafiTppApi: good } });
		expect(result.error).toBeUndefined();
		expect(tpp.sandbox.tppAuth.logins).toBe(1);
		expect(tpp.sandbox.tppAuth.refreshes).toBe(0);
	});
});

describe('defaults and credentials saved before', () => {
	test('a new credential defaults to OAuth; Access Token stays a choice', () => {
		const authentication = new VenafiTppApi().properties.find((property) => property.name === 'authentication');
		expect(authentication?.default).toBe('oauth');
		expect(authentication?.options?.map((option) => (option as { value: string }).value)).toEqual(['oauth', 'accessToken']);
	});

	test('a new OAuth credential as the editor saves it (no Authentication field) signs in', async () => {
		const saved = asEditorSavesIt(TYPE, asN8nReadsIt(TYPE, oauth()));
		expect(saved.authentication).toBeUndefined();
		expect(await testCredential(TYPE, saved)).toMatchObject({ status: 'OK' });
		expect(tpp.sandbox.tppAuth.logins).toBe(1);
	});

	// n8n saves only values that differ from the defaults, so both a credential saved before
	// Authentication existed and one saved while Access Token was its default hold no
	// Authentication field; n8n now fills in OAuth for them.
	test.each([
		['saved before Authentication existed', { baseUrl: '<server>', accessToken: TPP_TOKEN, allowUnauthorizedCerts: false }],
		['saved while Access Token was the default', { baseUrl: '<server>/vedsdk', accessToken: TPP_TOKEN }],
	])('a credential %s keeps using its token (Test and runs)', async (_when, data) => {
		const saved = { ...data, baseUrl: data.baseUrl.replace('<server>', tpp.sandbox.url) };
		expect(asN8nReadsIt(TYPE, saved)).toMatchObject({ authentication: 'oauth', accessToken: TPP_TOKEN });

		expect(await testCredential(TYPE, saved)).toMatchObject({ status: 'OK' });
		const result = await runNode(new VenafiWork(), { operation: 'getAll', workType: '' }, {
			credentials: { venafiTppApi: asN8nReadsIt(TYPE, saved) },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBeGreaterThan(0);
		expect(tpp.sandbox.tppAuth.logins).toBe(0);
		expect(tpp.sandbox.requests.filter((request) => request.path.startsWith('/vedsdk')).every((request) => request.authorization === `Bearer ${TPP_TOKEN}`)).toBe(true);
	});

	test('the editor shows a notice on such a credential, and only there', () => {
		const notice = new VenafiTppApi().properties.find((property) => property.name === 'savedMethodNotice')!;
		// What the editor holds: defaults filled in, stored password fields as n8n's placeholders
		// (the server's CREDENTIAL_BLANKING_VALUE for a value, CREDENTIAL_EMPTY_VALUE for none).
		const BLANKING = '__n8n_BLANK_VALUE_e5362baf-c777-4d57-a609-6eaf1f9e87f6';
		const shown = (data: ICredentialDataDecryptedObject) =>
			NodeHelpers.displayParameter({ ...asN8nReadsIt(TYPE, {}), ...data } as never, notice, null, null);
		expect(shown({ baseUrl: 'https://tpp.example.com', accessToken: BLANKING })).toBe(true);
		expect(shown({ baseUrl: 'https://tpp.example.com', accessToken: CREDENTIAL_EMPTY_VALUE, clientId: TPP_CLIENT_ID, password: BLANKING })).toBe(false);
		expect(shown({ baseUrl: 'https://tpp.example.com' })).toBe(false);
		expect(shown({ authentication: 'accessToken', accessToken: BLANKING })).toBe(false);
	});

	test('an Access Token credential saved now keeps its choice', async () => {
		const saved = asEditorSavesIt(TYPE, asN8nReadsIt(TYPE, accessToken()));
		expect(saved.authentication).toBe('accessToken');
		expect(await testCredential(TYPE, saved)).toMatchObject({ status: 'OK' });
	});

	test('the sign-in cache key covers every sign-in field without holding any', () => {
		const inputs = [tpp.sandbox.url, TPP_CLIENT_ID, TPP_USERNAME, TPP_PASSWORD, 'agent', false];
		const key = signInAccount('tpp', inputs);
		expect(key).not.toContain(TPP_PASSWORD);
		for (let index = 0; index < inputs.length; index++) {
			const changed = [...inputs];
			changed[index] = typeof changed[index] === 'boolean' ? true : `${String(changed[index])}x`;
			expect(signInAccount('tpp', changed)).not.toBe(key);
		}
	});
});

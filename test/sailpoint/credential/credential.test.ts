import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { CREDENTIAL_EMPTY_VALUE, NodeHelpers } from 'n8n-workflow';

import { SailPointIscApi } from '../../../packages/sailpoint-isc/credentials/SailPointIscApi.credentials';
import { WorkItems } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { forgetRenewals } from '../../../shared/transport/auth/renewalLock';
import { expectNoSecrets } from '../../harness/assertions';
import { asEditorSavesIt, asN8nReadsIt, testCredential } from '../../harness/credentialTest';
import { runNode } from '../../harness/run';
import { ISC_TOKEN, ISC_USER_TOKEN } from '../../sandbox/isc';
import { ISC_CLIENT_ID, ISC_CLIENT_SECRET } from '../../sandbox/iscAuth';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { useIscSandbox } from '../context';

/**
 * The SailPoint ISC credential's Test button, run as n8n's credential tester runs it (see
 * test/harness/credentialTest.ts), and what editing a credential does to the token n8n keeps.
 */

const TYPE = 'sailPointIscApi';
const API_URL_HINT = "use the tenant's API URL, https://<tenant>.api.identitynow.com";

const isc = useIscSandbox();
let otherTenant: Sandbox;
beforeAll(async () => {
	otherTenant = await startSandbox();
});
afterAll(async () => await otherTenant.stop());
beforeEach(() => {
	forgetRenewals();
	isc.sandbox.webSite = false;
	isc.sandbox.iscAuth.grants = 0;
	otherTenant.clearLog();
	otherTenant.iscAuth.grants = 0;
});

const accessToken = (overrides: ICredentialDataDecryptedObject = {}) => ({
	authentication: 'accessToken',
	baseUrl: isc.sandbox.url,
	accessToken: ISC_TOKEN,
	...overrides,
});
const clientCredentials = (overrides: ICredentialDataDecryptedObject = {}) => ({
	authentication: 'clientCredentials',
	baseUrl: isc.sandbox.url,
	clientId: ISC_CLIENT_ID,
	clientSecret: ISC_CLIENT_SECRET,
	...overrides,
});
const countRequests = () => isc.sandbox.requests.filter((request) => request.path === '/work-items/v1/count');
const listAll = async (credentials: ICredentialDataDecryptedObject) =>
	await runNode(new WorkItems(), { operation: 'getAll', returnAll: true, requestOptions: { paceRequests: false } }, { credentials: { sailPointIscApi: credentials } });

describe('Access Token', () => {
	test.each(['', '/', '/v3', '/v3/'])('a good token passes: GET /v3/work-items/count (Base URL "<server>%s")', async (suffix) => {
		const result = await testCredential(TYPE, accessToken({ baseUrl: `${isc.sandbox.url}${suffix}` }));
		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		expect(isc.sandbox.requests).toHaveLength(1);
		expect(countRequests()[0]).toMatchObject({ method: 'GET', authorization: `Bearer ${ISC_TOKEN}` });
	});

	test('a plain user\'s token passes too (it counts its own work items)', async () => {
		expect(await testCredential(TYPE, accessToken({ accessToken: ISC_USER_TOKEN }))).toMatchObject({ status: 'OK' });
	});

	test('an expired token is reported as such, not as n8n\'s generic "Authorization failed"', async () => {
		const result = await testCredential(TYPE, accessToken({ accessToken: 'expired-token-0123456789' }));
		expect(result).toMatchObject({
			status: 'Error',
			message:
				'ISC does not accept the access token: it has expired. Paste a new one, or choose "Client Credentials" so n8n gets and renews tokens by itself.',
		});
	});

	test('a token without the work item scope is told so', async () => {
		isc.sandbox.queue('/work-items/v1/count', { status: 403, body: { detailCode: '403 Forbidden', trackingId: 't', messages: [] } });
		const result = await testCredential(TYPE, accessToken());
		expect(result.message).toBe('ISC accepts the token but does not let it read work items (403 Forbidden): it needs the scope "idn:work-item:read".');
	});

	test('the UI address typed without https:// is explained with the API URL to use', async () => {
		const result = await testCredential(TYPE, accessToken({ baseUrl: 'acme.identitynow.com' }));
		expect(result).toMatchObject({
			status: 'Error',
			message: 'The Base URL in the SailPoint ISC credential must start with https://, e.g. https://acme.api.identitynow.com, but it is "acme.identitynow.com"',
		});
		expect(isc.sandbox.requests).toHaveLength(0);
	});

	test('an address that answers every path with a web page (the tenant\'s UI) fails the test and says so', async () => {
		isc.sandbox.webSite = true;
		const result = await testCredential(TYPE, accessToken({ accessToken: 'a-wrong-token-as-well-0123' }));
		expect(result).toMatchObject({ status: 'Error', message: `This address answers with a web page: ${API_URL_HINT}` });
	});

	test('a JSON answer without a count fails the test', async () => {
		isc.sandbox.queue('/work-items/v1/count', { status: 200, body: { hello: 'world' } });
		const result = await testCredential(TYPE, accessToken());
		expect(result).toMatchObject({
			status: 'Error',
			message: `The answer to the work item count (GET /work-items/v1/count, or /v3/work-items/count with API Version V3) holds no count, so ISC did not accept the token or this is not the tenant's API: ${API_URL_HINT}`,
		});
	});
});

describe('API Version', () => {
	test.each([
		[undefined, '/work-items/v1/count'],
		['current', '/work-items/v1/count'],
		['v3', '/v3/work-items/count'],
	])('%s: the Test button counts work items at %s', async (apiVersion, path) => {
		const data = apiVersion === undefined ? accessToken() : accessToken({ apiVersion });
		expect(await testCredential(TYPE, data)).toMatchObject({ status: 'OK' });
		expect(isc.sandbox.requests.map((request) => request.path)).toEqual([path]);
	});
});

describe('Client Credentials', () => {
	test('the test gets a token, counts with it and stores it with a fingerprint', async () => {
		const result = await testCredential(TYPE, clientCredentials({ baseUrl: `${isc.sandbox.url}/v3/` }));
		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		expect(isc.sandbox.iscAuth.grants).toBe(1);
		expect(result.stored.signInFingerprint).toMatch(/^[0-9a-f]{64}$/);
		expect(countRequests()[0].authorization).toBe(`Bearer ${String(result.stored.sessionToken)}`);
	});

	test('a web page address fails when getting the token and says so', async () => {
		isc.sandbox.webSite = true;
		const result = await testCredential(TYPE, clientCredentials());
		expect(result).toMatchObject({
			status: 'Error',
			message: `SailPoint ISC could not sign in: ${isc.sandbox.url} answers with a web page; ${API_URL_HINT}`,
		});
	});

	test.each([
		['client secret', { clientSecret: 'not-the-secret-0123' }, 'SailPoint ISC could not sign in: the Client ID or Client Secret is not accepted; check the personal access token in ISC (Preferences → Personal Access Tokens) (ISC: Bad credentials)'],
		['client ID', { clientId: 'unknown-client-id' }, 'SailPoint ISC could not sign in: the Client ID or Client Secret is not accepted; check the personal access token in ISC (Preferences → Personal Access Tokens) (ISC: Bad credentials)'],
		// The test request goes to the new address first (n8n signs in only after a 401): n8n's own words.
		['base URL', { baseUrl: 'http://127.0.0.1:9' }, 'The service refused the connection - perhaps it is offline'],
	])('editing the %s to a wrong value fails the test; editing it back passes again', async (_field, wrong, message) => {
		const good = (await testCredential(TYPE, clientCredentials())).stored;
		expect(await testCredential(TYPE, { ...good, ...wrong })).toMatchObject({ status: 'Error', message });
		expect(await testCredential(TYPE, good)).toMatchObject({ status: 'OK' });
	});

	// Issue 27, item 3: n8n runs preAuthentication in a test only while the stored token is empty
	// or after a 401 (see the harness): after an edit the test signs in afresh with the new value.
	test('editing the base URL to another tenant: the test gets a token there and passes', async () => {
		const good = (await testCredential(TYPE, clientCredentials())).stored;
		const edited = await testCredential(TYPE, { ...good, baseUrl: otherTenant.url });
		expect(edited).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		expect(otherTenant.iscAuth.grants).toBe(1);
		expect(edited.stored.sessionToken).not.toBe(good.sessionToken);
		const counted = otherTenant.requests.filter((request) => request.path === '/work-items/v1/count');
		expect(counted[counted.length - 1].authorization).toBe(`Bearer ${String(edited.stored.sessionToken)}`);
		expect(otherTenant.requests.some((request) => request.authorization === `Bearer ${String(good.sessionToken)}`)).toBe(false);
		// Tested again unchanged, it keeps the new token.
		expect(await testCredential(TYPE, edited.stored)).toMatchObject({ status: 'OK' });
		expect(otherTenant.iscAuth.grants).toBe(1);
	});

	test('unchanged fields: the test sends the stored token without getting another', async () => {
		const good = (await testCredential(TYPE, clientCredentials())).stored;
		expect(await testCredential(TYPE, good)).toMatchObject({ status: 'OK' });
		expect(isc.sandbox.iscAuth.grants).toBe(1);
		expect(countRequests()[1].authorization).toBe(`Bearer ${String(good.sessionToken)}`);
	});

	test.each([
		['client secret', { clientSecret: 'not-the-secret-0123' }],
		['client ID', { clientId: 'unknown-client-id' }],
	])('a run after the %s was edited to a wrong one stops with the sign-in error, not with the old token', async (_field, edit) => {
		const good = (await testCredential(TYPE, clientCredentials())).stored;
		isc.sandbox.clearLog();
		const result = await listAll({ ...good, ...edit });
		expect(result.error?.message).toBe(
			'SailPoint ISC could not sign in: the Client ID or Client Secret is not accepted; check the personal access token in ISC (Preferences → Personal Access Tokens) (ISC: Bad credentials)',
		);
		expect(isc.sandbox.requests.some((request) => request.authorization === `Bearer ${String(good.sessionToken)}`)).toBe(false);
		expect(isc.sandbox.iscAuth.grants).toBe(1);
	});

	test('a run after the secret was edited to a wrong one stops with the sign-in error, not with the old token', async () => {
		const good = (await testCredential(TYPE, clientCredentials())).stored;
		isc.sandbox.clearLog();
		const result = await listAll({ ...good, clientSecret: 'not-the-secret-0123' });
		expect(result.error?.message).toContain('SailPoint ISC could not sign in: the Client ID or Client Secret is not accepted');
		expect(isc.sandbox.requests.some((request) => request.authorization === `Bearer ${String(good.sessionToken)}`)).toBe(false);
		expectNoSecrets(result, ISC_CLIENT_SECRET, 'not-the-secret-0123', String(good.sessionToken));
	});

	test('a new Base URL never receives the token obtained from the old one', async () => {
		const good = (await testCredential(TYPE, clientCredentials())).stored;
		const result = await listAll({ ...good, baseUrl: otherTenant.url });
		expect(result.error).toBeUndefined();
		expect(otherTenant.requests.some((request) => request.authorization === `Bearer ${String(good.sessionToken)}`)).toBe(false);
		expect(otherTenant.iscAuth.grants).toBe(1);
	});
});

describe('defaults and credentials saved before', () => {
	test('a new credential defaults to Client Credentials; Access Token stays a choice; secrets are password fields', () => {
		const properties = new SailPointIscApi().properties;
		const byName = Object.fromEntries(properties.map((property) => [property.name, property]));
		expect(byName.authentication.default).toBe('clientCredentials');
		expect(byName.authentication.options?.map((option) => (option as { value: string }).value)).toEqual(['clientCredentials', 'accessToken']);
		expect(byName.baseUrl.required).toBe(true);
		for (const property of properties.filter((entry) => ['accessToken', 'clientSecret', 'sessionToken'].includes(entry.name))) {
			expect(property.typeOptions?.password).toBe(true);
		}
		expect(byName.sessionToken.typeOptions?.expirable).toBe(true);
	});

	test('a new Client Credentials credential as the editor saves it (no Authentication field) gets tokens', async () => {
		const saved = asEditorSavesIt(TYPE, asN8nReadsIt(TYPE, clientCredentials()));
		expect(saved.authentication).toBeUndefined();
		expect(await testCredential(TYPE, saved)).toMatchObject({ status: 'OK' });
		expect(isc.sandbox.iscAuth.grants).toBe(1);
	});

	// n8n saves only values that differ from the defaults: a credential saved while Access Token
	// was the default holds no Authentication field, and n8n now fills in Client Credentials.
	test('an Access Token credential saved while Access Token was the default keeps using its token (Test and runs)', async () => {
		const saved = { baseUrl: `${isc.sandbox.url}/v3`, accessToken: ISC_TOKEN };
		expect(asN8nReadsIt(TYPE, saved)).toMatchObject({ authentication: 'clientCredentials', accessToken: ISC_TOKEN });
		expect(await testCredential(TYPE, saved)).toMatchObject({ status: 'OK' });
		const result = await listAll(asN8nReadsIt(TYPE, saved));
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBeGreaterThan(0);
		expect(isc.sandbox.iscAuth.grants).toBe(0);
		expect(isc.sandbox.requests.every((request) => request.authorization === `Bearer ${ISC_TOKEN}`)).toBe(true);
	});

	test('the editor shows a notice on such a credential, and only there', () => {
		const notice = new SailPointIscApi().properties.find((property) => property.name === 'savedMethodNotice')!;
		// What the editor holds: defaults filled in, stored password fields as n8n's placeholders
		// (the server's CREDENTIAL_BLANKING_VALUE for a value, CREDENTIAL_EMPTY_VALUE for none).
		const BLANKING = '__n8n_BLANK_VALUE_e5362baf-c777-4d57-a609-6eaf1f9e87f6';
		const shown = (data: ICredentialDataDecryptedObject) =>
			NodeHelpers.displayParameter({ ...asN8nReadsIt(TYPE, {}), ...data } as never, notice, null, null);
		expect(shown({ baseUrl: 'https://acme.api.identitynow.com', accessToken: BLANKING })).toBe(true);
		expect(shown({ accessToken: CREDENTIAL_EMPTY_VALUE, clientId: ISC_CLIENT_ID, clientSecret: BLANKING })).toBe(false);
		expect(shown({ baseUrl: 'https://acme.api.identitynow.com' })).toBe(false);
		expect(shown({ authentication: 'accessToken', accessToken: BLANKING })).toBe(false);
	});

	test('an Access Token credential saved now keeps its choice', async () => {
		const saved = asEditorSavesIt(TYPE, asN8nReadsIt(TYPE, accessToken()));
		expect(saved.authentication).toBe('accessToken');
		expect(await testCredential(TYPE, saved)).toMatchObject({ status: 'OK' });
	});
});

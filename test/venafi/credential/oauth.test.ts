import { VenafiTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { VenafiWork } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node';
import { forgetRenewals } from '../../../shared/transport/auth/renewalLock';
import { expectNoSecrets } from '../../harness/assertions';
import { asN8nReadsIt } from '../../harness/credentialTest';
import { runNode } from '../../harness/run';
import { ticketGuid } from '../../sandbox/tpp';
import { TPP_CLIENT_ID, TPP_PASSWORD, TPP_USERNAME } from '../../sandbox/tppAuth';
import { useTppSandbox } from '../context';

const tpp = useTppSandbox();
const oauth = (overrides: Record<string, string> = {}) =>
	tpp.credentials({
		authentication: 'oauth',
		clientId: TPP_CLIENT_ID,
		username: TPP_USERNAME,
		password: TPP_PASSWORD,
		scope: 'agent;certificate:approve',
		accessToken: '',
		...overrides,
	});

beforeEach(() => {
	forgetRenewals();
	tpp.sandbox.tppAuth.logins = 0;
	tpp.sandbox.tppAuth.refreshes = 0;
});

test('signs in once, then reuses the token across items', async () => {
	const credentials = oauth();
	const result = await runNode(
		new VenafiTicket(),
		{ operation: 'get', guid: '={{ $json.guid }}' },
		{ credentials, items: [1, 2, 3, 4, 5].map((index) => ({ guid: ticketGuid(index % 4 || 1) })) },
	);
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(5);
	expect(tpp.sandbox.tppAuth.logins).toBe(1);
	const stored = result.credentialsHelper.updates.at(-1)?.data;
	expect(stored?.sessionToken).toMatch(/^tpp-at-/);
	expect(stored?.refreshToken).toMatch(/^tpp-rt-/);
	expect(tpp.sandbox.requests.filter((r) => r.path.startsWith('/vedsdk')).every((r) => r.authorization === `Bearer ${String(stored?.sessionToken)}`)).toBe(true);
	expectNoSecrets(result, TPP_PASSWORD, String(stored?.sessionToken), String(stored?.refreshToken));
});

test('a token that expires mid-run is renewed with the refresh token, and no item fails', async () => {
	const credentials = oauth();
	const node = new VenafiTicket();
	const first = await runNode(node, { operation: 'get', guid: ticketGuid(1) }, { credentials });
	expect(first.error).toBeUndefined();
	const firstToken = first.credentialsHelper.updates.at(-1)!.data;
	tpp.sandbox.tppAuth.expireTokens();
	const second = await runNode(
		node,
		{ operation: 'get', guid: '={{ $json.guid }}' },
		{ credentials: { venafiTppApi: firstToken }, items: Array.from({ length: 20 }, () => ({ guid: ticketGuid(2) })) },
	);
	expect(second.error).toBeUndefined();
	expect(second.items).toHaveLength(20);
	expect(second.items.every((item) => item.json.Status !== undefined)).toBe(true);
	// Concurrent items that all met the expired token shared one renewal.
	expect(tpp.sandbox.tppAuth.refreshes).toBe(1);
	expect(tpp.sandbox.tppAuth.logins).toBe(1);
	const renewed = second.credentialsHelper.updates.at(-1)!.data;
	expect(renewed.sessionToken).not.toBe(firstToken.sessionToken);
	expect(renewed.refreshToken).not.toBe(firstToken.refreshToken);
});

test('a refresh token that was already used makes it sign in again with the password', async () => {
	const credentials = oauth();
	const first = await runNode(new VenafiWork(), { operation: 'getAll', workType: '' }, { credentials });
	const stale = first.credentialsHelper.updates.at(-1)!.data;
	tpp.sandbox.tppAuth.expireTokens();
	const used = await runNode(new VenafiWork(), { operation: 'getAll', workType: '' }, { credentials: { venafiTppApi: stale } });
	expect(used.error).toBeUndefined();
	tpp.sandbox.tppAuth.expireTokens();
	// The same (now rotated away) refresh token again, as a second n8n holding an old copy would.
	const again = await runNode(new VenafiWork(), { operation: 'getAll', workType: '' }, { credentials: { venafiTppApi: { ...stale, sessionToken: 'expired-token' } } });
	expect(again.error).toBeUndefined();
	expect(tpp.sandbox.tppAuth.logins).toBe(2);
});

test.each([
	[{ clientId: 'unknown-app' }, 'Venafi TPP could not sign in: the Client ID is not accepted; check that an API integration with this ID exists in TPP and is enabled (TPP: The client_id is not registered as an API integration.)'],
	[{ password: 'wrong-password-123' }, 'Venafi TPP could not sign in: the Username or Password is not accepted (TPP: Username/password combination not valid)'],
	[{ scope: 'forbidden:everything' }, 'Venafi TPP could not sign in: the scope "forbidden:everything" is not allowed for this API integration; ask for a scope it grants (TPP: The requested scope "forbidden:everything" is not allowed for this application.)'],
	[{ baseUrl: 'tpp.example' }, 'The Base URL in the Venafi TPP credential must start with https:// (or http://), e.g. https://tpp.venafi.example, but it is "tpp.example"'],
])('a wrong sign-in (%j) says which part is wrong', async (overrides, message) => {
	const result = await runNode(new VenafiWork(), { operation: 'getAll', workType: '' }, { credentials: oauth(overrides) });
	expect(result.error?.message).toBe(message);
	expect(tpp.sandbox.requests.filter((r) => r.path.startsWith('/vedsdk'))).toHaveLength(0);
	expectNoSecrets(result, TPP_PASSWORD, 'wrong-password-123');
});

test('an unreachable server is named as such at sign-in', async () => {
	const result = await runNode(new VenafiWork(), { operation: 'getAll', workType: '' }, { credentials: oauth({ baseUrl: 'http://127.0.0.1:9' }) });
	expect(result.error?.message).toBe(
		'Venafi TPP could not sign in: http://127.0.0.1:9 is unreachable: nothing is listening at that address and port; check the Base URL',
	);
});

test('existing access-token credentials (saved before "Authentication" existed) keep working', async () => {
	const { authentication: _drop, ...legacy } = tpp.credentials().venafiTppApi as Record<string, unknown>;
	// As n8n reads it: the missing Authentication filled in with today's default, OAuth.
	const asRead = asN8nReadsIt('venafiTppApi', legacy as never);
	expect(asRead.authentication).toBe('oauth');
	const result = await runNode(new VenafiWork(), { operation: 'getAll', workType: '' }, { credentials: { venafiTppApi: asRead } });
	expect(result.error).toBeUndefined();
	expect(tpp.sandbox.tppAuth.logins).toBe(0);
});

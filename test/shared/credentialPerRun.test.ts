import { WorkItems } from '../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { VenafiTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { forgetRenewals } from '../../shared/transport/auth/renewalLock';
import { runNode } from '../harness/run';
import { ISC_IDENTITY_ID } from '../sandbox/isc';
import { ISC_CLIENT_ID, ISC_CLIENT_SECRET } from '../sandbox/iscAuth';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { TPP_CLIENT_ID, TPP_PASSWORD, TPP_USERNAME } from '../sandbox/tppAuth';

/**
 * The credential is read once per run and handed to n8n with every request
 * (`credentialsDecrypted`); tokens that expire during a long run are renewed once each, the
 * renewed token is what the following requests send, and what n8n stores is the newest token
 * with TPP's newest (rotated) refresh token. Tokens expire by use (accessTokenUses), so the
 * outcome does not depend on the machine's speed.
 */
const TOKEN_USES = 100;
const ITEMS = 400;
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({
		tppAuth: { accessTokenUses: TOKEN_USES },
		iscAuth: { accessTokenUses: TOKEN_USES },
	});
});
afterAll(async () => await sandbox.stop());
beforeEach(() => {
	forgetRenewals();
	sandbox.clearLog();
	sandbox.tppAuth.logins = 0;
	sandbox.tppAuth.refreshes = 0;
	sandbox.iscAuth.grants = 0;
});

const tppOAuth = () => ({
	venafiTppApi: {
		authentication: 'oauth',
		baseUrl: sandbox.url,
		clientId: TPP_CLIENT_ID,
		username: TPP_USERNAME,
		password: TPP_PASSWORD,
		scope: 'certificate:approve',
		accessToken: '',
		allowUnauthorizedCerts: false,
	},
});

const details = (credentials: object, guids: string[]) =>
	runNode(
		new VenafiTicket(),
		{ operation: 'get', guid: '={{ $json.guid }}' },
		{ credentials: credentials as never, items: guids.map((guid) => ({ guid })) },
	);

jest.setTimeout(180_000);

test(`${ITEMS} Ticket Details read the credential once, and renew the token as it runs out, once each time`, async () => {
	const guids = Array.from({ length: ITEMS }, () => sandbox.tpp.addTicket());
	const result = await details(tppOAuth(), guids);

	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.GUID)).toEqual(guids);
	// Once for the run, and once more per spent token (a token another run may have renewed),
	// where n8n would otherwise read and decrypt it for each of the requests.
	expect(result.credentialsHelper.reads).toBeLessThanOrEqual(1 + sandbox.tppAuth.refreshes);
	// 400 requests at 100 per token need 4 tokens: one sign-in and 3 refreshes when every
	// token is used up before the next is fetched. Concurrent items that meet the same spent
	// token share its renewal; a refresh per item in flight would make hundreds, and reusing a
	// rotated refresh token would force password sign-ins.
	expect(sandbox.tppAuth.logins).toBe(1);
	expect(sandbox.tppAuth.refreshes).toBeGreaterThanOrEqual(ITEMS / TOKEN_USES - 1);
	expect(sandbox.tppAuth.refreshes).toBeLessThanOrEqual(ITEMS / TOKEN_USES);
	// Only the items in flight when a token ran out were sent again: twice (the repeat that
	// makes n8n renew, and the one with the new token), for each of the 3 spent tokens.
	expect(sandbox.requests.filter((request) => request.path.startsWith('/vedsdk')).length).toBeLessThanOrEqual(ITEMS + 3 * 2 * 100);

	// What n8n stored last is the newest token and the newest refresh token: a later run
	// renews with it (a rotated-away refresh token would force a password sign-in).
	const stored = result.credentialsHelper.updates.at(-1)!.data;
	const issued = sandbox.tppAuth.issued;
	expect(stored.sessionToken).toBe(issued.filter((token) => token.startsWith('tpp-at-')).at(-1));
	expect(stored.refreshToken).toBe(issued.filter((token) => token.startsWith('tpp-rt-')).at(-1));
	sandbox.tppAuth.expireTokens();
	const refreshesBefore = sandbox.tppAuth.refreshes;
	const next = await details({ venafiTppApi: stored }, guids.slice(0, 5));
	expect(next.error).toBeUndefined();
	expect(sandbox.tppAuth.refreshes).toBe(refreshesBefore + 1);
	expect(sandbox.tppAuth.logins).toBe(1);
});

test('an edited credential applies from the next run on', async () => {
	const guids = [sandbox.tpp.addTicket()];
	const first = await details(tppOAuth(), guids);
	expect(first.error).toBeUndefined();
	const stored = first.credentialsHelper.updates.at(-1)!.data;
	const edited = await details({ venafiTppApi: { ...stored, password: 'edited-wrong-password' } }, guids);
	// The stored token belongs to the old password, so the run signs in with the new one.
	expect(edited.error?.message).toMatch(/could not sign in: the Username or Password is not accepted/);
	expect(sandbox.tppAuth.logins).toBe(1);
});

test('Return All of 10,000 work items renews the ISC token every 5 pages, once each time', async () => {
	sandbox.iscAuth.accessTokenUses = 5;
	sandbox.isc.reseed(10_000, { owners: [{ id: ISC_IDENTITY_ID, name: 'Sandbox Admin' }] });
	const result = await runNode(
		new WorkItems(),
		{ operation: 'getAll', returnAll: true },
		{
			credentials: {
				sailPointIscApi: { authentication: 'clientCredentials', baseUrl: sandbox.url, clientId: ISC_CLIENT_ID, clientSecret: ISC_CLIENT_SECRET },
			},
		},
	);
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.id)).toEqual(sandbox.isc.workItems.map((item) => item.id));
	expect(result.credentialsHelper.reads).toBeLessThanOrEqual(sandbox.iscAuth.grants);
	// 40 pages of 250 need 8 tokens of 5 uses (9 if a spent token is met by the last page
	// alone). A grant per page in flight that met a spent token would make several times that.
	expect(sandbox.iscAuth.grants).toBeGreaterThanOrEqual(8);
	expect(sandbox.iscAuth.grants).toBeLessThanOrEqual(9);
});

test('a renewed token that others spent before this request used it is renewed again: the items all succeed', async () => {
	// Each token serves one request, and 4 items in flight meet every spent token together:
	// they share one renewal, one of them gets the new token's only use, the others find it
	// spent and renew again. The renewed token was accepted (by another item), so it ran out,
	// it was not wrong: the last item renews a third time rather than giving up.
	sandbox.tppAuth.accessTokenUses = 1;
	try {
		const guids = Array.from({ length: 4 }, () => sandbox.tpp.addTicket());
		const result = await details(tppOAuth(), guids);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.GUID)).toEqual(guids);
		expect(sandbox.tppAuth.logins).toBe(1);
	} finally {
		sandbox.tppAuth.accessTokenUses = TOKEN_USES;
	}
});

test('a renewed token that is refused without ever being accepted is wrong: the item stops after two renewals', async () => {
	// Every token is refused at once (0 uses): renewing cannot help, and the item must not loop.
	sandbox.tppAuth.accessTokenUses = 0;
	try {
		const result = await details(tppOAuth(), [sandbox.tpp.addTicket()]);
		expect(result.error?.message).toMatch(/rejected the access token \(HTTP 401/);
		expect(sandbox.tppAuth.logins + sandbox.tppAuth.refreshes).toBeLessThanOrEqual(3);
	} finally {
		sandbox.tppAuth.accessTokenUses = TOKEN_USES;
	}
});

import { WorkItems } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { forgetRenewals } from '../../../shared/transport/auth/renewalLock';
import { expectNoSecrets } from '../../harness/assertions';
import { runNode } from '../../harness/run';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { ISC_IDENTITY_ID } from '../../sandbox/isc';
import { ISC_CLIENT_ID, ISC_CLIENT_SECRET } from '../../sandbox/iscAuth';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ isc: { workItemCount: 30 } });
});
afterAll(async () => await sandbox.stop());
beforeEach(() => {
	forgetRenewals();
	sandbox.iscAuth.grants = 0;
	sandbox.clearLog();
});

const credentials = (overrides: Record<string, string> = {}) => ({
	sailPointIscApi: {
		authentication: 'clientCredentials',
		baseUrl: `${sandbox.url}/v3/`,
		clientId: ISC_CLIENT_ID,
		clientSecret: ISC_CLIENT_SECRET,
		...overrides,
	},
});
/** Without an owner filter ISC lists the caller's own work items. */
const own = () => sandbox.isc.workItems.filter((item) => item.ownerId === ISC_IDENTITY_ID).length;
const listAll = async (creds: ReturnType<typeof credentials>, items = [{}]) =>
	await runNode(new WorkItems(), { operation: 'getAll', returnAll: true }, { credentials: creds, items });

test('gets a token with the client credentials once and reuses it', async () => {
	const result = await listAll(credentials(), [{}, {}, {}]);
	expect(result.error).toBeUndefined();
	expect(result.items.length).toBe(3 * own());
	expect(own()).toBeGreaterThan(0);
	expect(sandbox.iscAuth.grants).toBe(1);
	const tokenRequest = sandbox.requests.find((request) => request.path === '/oauth/token');
	expect(String(tokenRequest?.body)).toContain('grant_type=client_credentials');
	const token = String(result.credentialsHelper.updates.at(-1)?.data.sessionToken);
	expect(sandbox.requests.filter((r) => r.path.startsWith('/v3')).every((r) => r.authorization === `Bearer ${token}`)).toBe(true);
	expectNoSecrets(result, ISC_CLIENT_SECRET, ...sandbox.iscAuth.issued);
});

test('an expired token is fetched again on the 401 and the listing completes', async () => {
	const first = await listAll(credentials());
	const stored = first.credentialsHelper.updates.at(-1)!.data;
	sandbox.iscAuth.expireTokens();
	const second = await listAll({ sailPointIscApi: stored as never }, [{}, {}, {}, {}]);
	expect(second.error).toBeUndefined();
	expect(second.items.length).toBe(4 * own());
	expect(sandbox.iscAuth.grants).toBe(2);
});

test('a wrong client secret says so, without showing it', async () => {
	const result = await listAll(credentials({ clientSecret: 'not-the-secret-0123' }));
	expect(result.error?.message).toBe(
		'SailPoint ISC could not sign in: the Client ID or Client Secret is not accepted; check the personal access token in ISC (Preferences → Personal Access Tokens) (ISC: Bad credentials)',
	);
	expect(sandbox.requests.filter((r) => r.path.startsWith('/v3'))).toHaveLength(0);
	expectNoSecrets(result, 'not-the-secret-0123', ISC_CLIENT_SECRET);
});

test('a missing client secret is named before anything is sent', async () => {
	const result = await listAll(credentials({ clientSecret: '' }));
	expect(result.error?.message).toBe('SailPoint ISC could not sign in: the Client ID and Client Secret of a personal access token are required');
	expect(sandbox.requests).toHaveLength(0);
});

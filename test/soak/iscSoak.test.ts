import { WorkItems } from '../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { forgetRenewals } from '../../shared/transport/auth/renewalLock';
import { expectNoSecrets } from '../harness/assertions';
import { runNode } from '../harness/run';
import { ISC_IDENTITY_ID } from '../sandbox/isc';
import { ISC_CLIENT_ID, ISC_CLIENT_SECRET } from '../sandbox/iscAuth';
import { startSandbox, type Sandbox } from '../sandbox/server';

/**
 * A 10,000-item Return All while 10% of requests are rate limited, 5% unavailable, 1% of
 * connections dropped, and the client-credentials token expires every 10 requests: the exact id
 * set must come back, in order, each id once.
 */
const ITEMS = 10_000;
let sandbox: Sandbox;
const FAST_RETRY = { baseDelayMs: 2, maxDelayMs: 20 };

beforeAll(async () => {
	sandbox = await startSandbox({
		iscAuth: { accessTokenUses: 10 },
		latencyMs: 15,
		faults: { rateLimited: 0.1, unavailable: 0.05, dropped: 0.01, retryAfterSeconds: 0, seed: 7 },
	});
	sandbox.isc.reseed(ITEMS, { owners: [{ id: ISC_IDENTITY_ID, name: 'Sandbox Admin' }] });
	forgetRenewals();
});
afterAll(async () => {
	await sandbox.stop();
});

test(`Return All of ${ITEMS} work items under injected faults and expiring tokens: exact id set`, async () => {
	const started = Date.now();
	const result = await runNode(
		new WorkItems(FAST_RETRY),
		{ operation: 'getAll', returnAll: true },
		{
			credentials: {
				sailPointIscApi: { authentication: 'clientCredentials', baseUrl: sandbox.url, clientId: ISC_CLIENT_ID, clientSecret: ISC_CLIENT_SECRET },
			},
		},
	);
	const seconds = (Date.now() - started) / 1000;
	expect(result.error).toBeUndefined();
	const ids = result.items.map((item) => item.json.id);
	expect(ids).toEqual(sandbox.isc.workItems.map((item) => item.id));
	expect(new Set(ids).size).toBe(ITEMS);
	const pageRequests = sandbox.requests.filter((request) => request.path === '/work-items/v1');
	// 40 pages of 250 at least, plus the pages that met a fault and were asked again.
	expect(pageRequests.length).toBeGreaterThanOrEqual(ITEMS / 250);
	expect(pageRequests.every((request) => Number(new URLSearchParams(request.query).get('limit')) <= 250)).toBe(true);
	const injected = sandbox.faults!.injected;
	expect(injected.rateLimited + injected.unavailable + injected.dropped).toBeGreaterThan(0);
	expect(sandbox.iscAuth.grants).toBeGreaterThan(2);
	expectNoSecrets(result, ISC_CLIENT_SECRET, ...sandbox.iscAuth.issued);
	process.stdout.write(
		`\nISC soak: Return All of ${ids.length} work items in ${seconds.toFixed(1)} s; ${pageRequests.length} page requests; ` +
			`injected ${injected.rateLimited}x429, ${injected.unavailable}x503, ${injected.dropped} dropped; ` +
			`${sandbox.iscAuth.grants} token grants; 0 duplicates, 0 missing\n`,
	);
}, 120_000);

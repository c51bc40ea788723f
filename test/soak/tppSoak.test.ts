import { VenafiTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { forgetRenewals } from '../../shared/transport/auth/renewalLock';
import { expectNoSecrets } from '../harness/assertions';
import { runNode } from '../harness/run';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { TPP_CLIENT_ID, TPP_PASSWORD, TPP_USERNAME } from '../sandbox/tppAuth';

/**
 * 10,000 UpdateStatus items through the node while the server rate-limits 10% of requests,
 * is unavailable for 5%, drops 1% of connections, and the OAuth token expires every 2,500 requests.
 * Every ticket must end Approved with exactly its own explanation, every item must have its
 * output, paired, and nothing may fail.
 */
const ITEMS = 10_000;
let sandbox: Sandbox;
const FAST_RETRY = { baseDelayMs: 2, maxDelayMs: 20 };

beforeAll(async () => {
	sandbox = await startSandbox({
		tpp: { tickets: [] },
		tppAuth: { accessTokenUses: 2_500 },
		faults: { rateLimited: 0.1, unavailable: 0.05, dropped: 0.01, retryAfterSeconds: 0 },
	});
	forgetRenewals();
});
afterAll(async () => {
	await sandbox.stop();
});

test(`${ITEMS} UpdateStatus items under injected faults and expiring tokens: none lost, none failed`, async () => {
	const guids = Array.from({ length: ITEMS }, () => sandbox.tpp.addTicket());
	const started = Date.now();
	const result = await runNode(
		new VenafiTicket(FAST_RETRY),
		{ operation: 'updateStatus', guid: '={{ $json.guid }}', status: 'Approved', explanation: '={{ "soak " + $json.n }}' },
		{
			credentials: {
				venafiTppApi: {
					authentication: 'oauth',
					baseUrl: sandbox.url,
					clientId: TPP_CLIENT_ID,
					username: TPP_USERNAME,
					password: TPP_PASSWORD,
					scope: 'certificate:approve',
					allowUnauthorizedCerts: false,
				},
			},
			items: guids.map((guid, n) => ({ guid, n })),
		},
	);
	const seconds = (Date.now() - started) / 1000;

	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(ITEMS);
	expect(result.items.filter((item) => item.json.error !== undefined)).toHaveLength(0);
	expect(result.items.map((item) => item.pairedItem)).toEqual(guids.map((_guid, item) => ({ item })));
	expect(result.items.map((item) => item.json.GUID)).toEqual(guids);
	for (const [n, guid] of guids.entries()) {
		const ticket = sandbox.tpp.tickets.get(guid)!;
		expect(ticket.Status).toBe('Approved');
		expect(ticket.ApprovalExplanation).toBe(`soak ${n}`);
	}
	const injected = sandbox.faults!.injected;
	const auth = sandbox.tppAuth;
	expect(injected.rateLimited).toBeGreaterThan(ITEMS * 0.05);
	expect(auth.logins + auth.refreshes).toBeGreaterThan(2);
	expectNoSecrets(result, TPP_PASSWORD, ...auth.issued);

	process.stdout.write(
		`\nTPP soak: ${ITEMS} UpdateStatus items in ${seconds.toFixed(1)} s; ${sandbox.requests.length} requests; ` +
			`injected ${injected.rateLimited}x429, ${injected.unavailable}x503, ${injected.dropped} dropped; ` +
			`token: ${auth.logins} sign-in(s), ${auth.refreshes} refresh(es); ${sandbox.tpp.updates} status updates applied; 0 items lost\n`,
	);
}, 600_000);

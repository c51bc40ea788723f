import { VenafiWork } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node';
import { DEFAULT_RETRY, type RetrySettings } from '../../../shared/transport/retry';
import { expectNoSecrets } from '../../harness/assertions';
import { runNode } from '../../harness/run';
import { selfSignedCertificate } from '../../harness/tls';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { TPP_TOKEN } from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

const tpp = useTppSandbox();
const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 50 };
const listWork = async (
	credentials: Record<string, string | boolean> = {},
	retry: Partial<RetrySettings> = FAST_RETRY,
) => await runNode(new VenafiWork(retry), { operation: 'getAll', workType: '' }, { credentials: tpp.credentials(credentials) });


// The credential's Test button: test/venafi/credential/credential.test.ts.

describe('retries', () => {
	test('429 with Retry-After, then 503, then success: the item succeeds', async () => {
		tpp.sandbox.queue(
			'/vedsdk/client/work/',
			{ status: 429, body: { error: 'too_many_requests' }, headers: { 'Retry-After': '0' } },
			{ status: 503, body: 'Service Unavailable' },
		);
		const result = await listWork();
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(tpp.sandbox.tpp.work.length);
		expect(tpp.sandbox.requests).toHaveLength(3);
	});

	test('a dropped connection is retried', async () => {
		tpp.sandbox.queue('/vedsdk/client/work/', { status: 0, drop: true });
		const result = await listWork();
		expect(result.error).toBeUndefined();
		expect(tpp.sandbox.requests).toHaveLength(2);
	});

	test('a server that keeps answering 429 gives up with what happened', async () => {
		const refusals = Array.from({ length: DEFAULT_RETRY.maxAttempts }, () => ({
			status: 429,
			body: { error: 'too_many_requests' },
			headers: { 'Retry-After': '0' },
		}));
		tpp.sandbox.queue('/vedsdk/client/work/', ...refusals);
		const result = await listWork();
		expect(result.error?.message).toMatch(
			new RegExp(`^Venafi TPP rate limited this request: rate limited \\(429\\) ${DEFAULT_RETRY.maxAttempts} times over \\d+ m?s; gave up after ${DEFAULT_RETRY.maxAttempts} attempts$`),
		);
		expect(tpp.sandbox.requests).toHaveLength(DEFAULT_RETRY.maxAttempts);
	});

	test('Retry-After given as an HTTP date is honoured', async () => {
		// HTTP dates have whole seconds: two seconds ahead stays over the 50 ms cap once truncated.
		const soon = new Date(Date.now() + 2000).toUTCString();
		tpp.sandbox.queue('/vedsdk/client/work/', { status: 429, body: {}, headers: { 'Retry-After': soon } });
		const started = Date.now();
		const result = await listWork();
		expect(result.error).toBeUndefined();
		// Capped by maxDelayMs (50 ms here), so the wait is short but it did wait for the date.
		expect(Date.now() - started).toBeGreaterThanOrEqual(40);
		expect(tpp.sandbox.requests).toHaveLength(2);
	});

	test('a server that never answers in time gives up, saying it timed out', async () => {
		tpp.sandbox.latencyMs = 400;
		try {
			const result = await listWork({}, { ...FAST_RETRY, timeoutMs: 100, maxAttempts: 2 });
			expect(result.error?.message).toMatch(/^Venafi TPP timed out after 100 ms per attempt: timed out 2 times over \d+ m?s; gave up after 2 attempts$/);
		} finally {
			tpp.sandbox.latencyMs = 0;
		}
	});

	test('400 and 401 are not retried', async () => {
		await listWork({ accessToken: 'nope' });
		expect(tpp.sandbox.requests).toHaveLength(1);
	});
});

describe('unreachable servers', () => {
	test('nothing listening', async () => {
		const closed = await startSandbox();
		const url = closed.url;
		await closed.stop();
		const result = await listWork({ baseUrl: url });
		expect(result.error?.message).toBe(
			`Venafi TPP could not be reached at ${url}: nothing is listening at that address and port; check the Base URL`,
		);
	});

	test('a Base URL without a scheme', async () => {
		const result = await listWork({ baseUrl: 'tpp.venafi.example' });
		expect(result.error?.message).toContain('The Base URL in the Venafi TPP credential must start with https://');
	});

	test('a host name that does not resolve', async () => {
		const result = await listWork({ baseUrl: 'https://tpp.invalid' });
		expect(result.error?.message).toMatch(/^Venafi TPP could not be reached at https:\/\/tpp\.invalid: the host name/);
	});
});

describe('self-signed TLS', () => {
	let tls: Sandbox;
	beforeAll(async () => {
		tls = await startSandbox({ tls: selfSignedCertificate() });
	});
	afterAll(async () => await tls.stop());

	test('is refused by default, with advice', async () => {
		const result = await listWork({ baseUrl: tls.url });
		expect(result.error?.message).toBe(
			`Venafi TPP could not be reached at ${tls.url}: its TLS certificate is self-signed; if you trust this server, turn on "Allow Unauthorized Certificates" in the credential`,
		);
		expect(tls.requests).toHaveLength(0);
		expectNoSecrets(result, TPP_TOKEN);
	});

	test('works with Allow Unauthorized Certificates', async () => {
		const result = await listWork({ baseUrl: tls.url, allowUnauthorizedCerts: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(tls.tpp.work.length);
		expect(tls.requests[0].path).toBe('/vedsdk/Client/Work/');
	});

	test('plain http to a TLS port is explained', async () => {
		const result = await listWork({ baseUrl: tls.url.replace('https:', 'http:') });
		expect(result.error?.message).toMatch(/^Venafi TPP is unavailable: connection dropped \(ECONNRESET\) \d+ times/);
		expect(result.error?.description).toContain('check the Base URL\'s scheme (http:// or https://)');
	});
});

import type { INodeParameters } from 'n8n-workflow';

import { VenafiTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { WorkItems } from '../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { runNode } from '../harness/run';
import { ISC_TOKEN } from '../sandbox/isc';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { ticketGuid, TPP_TOKEN } from '../sandbox/tpp';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ latencyMs: 20 });
});
afterAll(async () => await sandbox.stop());
beforeEach(() => {
	sandbox.clearLog();
	sandbox.rateLimit = undefined;
});

const details = async (count: number, requestOptions: INodeParameters) =>
	await runNode(
		new VenafiTicket(),
		{ operation: 'get', guid: '={{ $json.guid }}', requestOptions },
		{
			credentials: { venafiTppApi: { baseUrl: sandbox.url, accessToken: TPP_TOKEN } },
			items: Array.from({ length: count }, (_v, index) => ({ guid: ticketGuid((index % 4) + 1) })),
		},
	);

test('Items in Flight bounds the requests in flight; order and pairing stay', async () => {
	const result = await details(30, { batchSize: 3 });
	expect(result.error).toBeUndefined();
	expect(sandbox.maxInFlight).toBeLessThanOrEqual(3);
	expect(sandbox.maxInFlight).toBeGreaterThanOrEqual(2);
	expect(result.items.map((item) => [item.json.GUID, item.pairedItem])).toEqual(
		Array.from({ length: 30 }, (_v, index) => [ticketGuid((index % 4) + 1), { item: index }]),
	);
});

test('by default up to 100 items are in flight (the HTTP Request node sends all at once)', async () => {
	await details(150, {});
	expect(sandbox.maxInFlight).toBeLessThanOrEqual(100);
	expect(sandbox.maxInFlight).toBeGreaterThan(10);
});

test('a Batch Interval pauses between batches', async () => {
	const started = Date.now();
	const result = await details(6, { batchSize: 2, batchInterval: 150 });
	expect(result.items).toHaveLength(6);
	expect(sandbox.maxInFlight).toBeLessThanOrEqual(2);
	// Three batches, two pauses.
	expect(Date.now() - started).toBeGreaterThanOrEqual(300);
});

describe('pacing to a rate limit (ISC)', () => {

	const reads = async (count: number, requestOptions: INodeParameters) =>
		await runNode(
			new WorkItems({ maxDelayMs: 200 }),
			{ operation: 'getAll', returnAll: false, limit: 1, requestOptions },
			{
				credentials: { sailPointIscApi: { baseUrl: sandbox.url, accessToken: ISC_TOKEN } },
				items: Array.from({ length: count }, () => ({})),
			},
		);

	test('with pacing, every item completes and the server never answers 429', async () => {
		// The server counts arrivals, the node counts departures: on a busy machine a batch can
		// arrive up to ~100 ms late and bunch up with the next one, so the server's window is a
		// little shorter than the pace, as a user would leave headroom below a vendor's limit.
		sandbox.rateLimit = { requests: 10, windowMs: 400 };
		const started = Date.now();
		const result = await reads(30, { rateLimitRequests: 10, rateLimitWindow: 0.5 });
		const elapsed = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(30);
		expect(sandbox.rateLimited).toBe(0);
		// 30 requests at 10 per 0.5 s need at least two full windows.
		expect(elapsed).toBeGreaterThanOrEqual(1000);
		process.stdout.write(`\npacing: 30 reads at 10 per 0.5 s took ${elapsed} ms (the limit allows ${1000} ms at best), 0 refused\n`);
	});

	test('without pacing the same run provokes 429s (and recovers through retries)', async () => {
		sandbox.rateLimit = { requests: 10, windowMs: 500 };
		const result = await reads(30, { paceRequests: false });
		expect(sandbox.rateLimited).toBeGreaterThan(0);
		expect(result.error).toBeUndefined();
	});
});

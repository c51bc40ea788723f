import { request } from 'node:http';

import { ISC_TOKEN } from '../sandbox/isc';
import { startSandbox, type Sandbox } from '../sandbox/server';

/**
 * Several processes sharing one ISC token (queue-mode workers), each with its own pacer: the
 * sandbox enforces its per-token limit, and the pacers, which know nothing of each other, must
 * converge on splitting it. Each "worker" is a separate instance of pacing.ts (its own module
 * state, as in another process), sending its requests through the same calls http.ts makes:
 * waitForSlot before a request, rateLimited after a 429. What is asserted does not depend on
 * the machine's speed: no request lost, how many 429s, and the shares the pacers settle on.
 */
type Pacing = typeof import('../../shared/transport/pacing');

const LIMIT = { requests: 40, windowMs: 1_000 };
// The server counts arrivals, the pacers count departures: on a busy machine a request can
// arrive ~100 ms late and bunch up with the next window's, so the server's window is a little
// shorter than the pace (as a user leaves headroom below a vendor's limit).
const SERVER_LIMIT = { requests: 40, windowMs: 850 };
const WORKERS = 3;
const REQUESTS_PER_WORKER = 160;
const IN_FLIGHT = 10;
const ACCOUNT = 'tenant|token';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: SERVER_LIMIT });
});
afterAll(async () => await sandbox.stop());

jest.setTimeout(120_000);

function loadSeparatePacer(): Pacing {
	let pacing: Pacing | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		pacing = require('../../shared/transport/pacing') as Pacing;
	});
	return pacing!;
}

async function get(url: string): Promise<number> {
	return await new Promise((resolve, reject) => {
		const sent = request(url, { headers: { Authorization: `Bearer ${ISC_TOKEN}` } }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode ?? 0));
		});
		sent.on('error', reject);
		sent.end();
	});
}

interface WorkerFigures {
	done: number;
	rateLimited: number;
	/** 429s in the second half of the worker's requests, once the pacers had time to settle. */
	lateRateLimited: number;
	share: number;
}

/** One worker: REQUESTS_PER_WORKER reads, IN_FLIGHT at a time, each repeated until answered. */
async function worker(pacing: Pacing): Promise<WorkerFigures> {
	const figures: WorkerFigures = { done: 0, rateLimited: 0, lateRateLimited: 0, share: 1 };
	let next = 0;
	const lane = async () => {
		while (next < REQUESTS_PER_WORKER) {
			const index = next++;
			for (;;) {
				const startedAt = await pacing.waitForSlot(ACCOUNT, LIMIT.requests, LIMIT.windowMs);
				const status = await get(`${sandbox.url}/v3/work-items?limit=1`);
				if (status !== 429) break;
				figures.rateLimited++;
				if (index >= REQUESTS_PER_WORKER / 2) figures.lateRateLimited++;
				pacing.rateLimited(ACCOUNT, startedAt);
			}
			figures.done++;
		}
	};
	await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
	figures.share = pacing.paceShare(ACCOUNT);
	return figures;
}

test('one pacer alone keeps to the limit: no 429', async () => {
	sandbox.clearLog();
	const figures = await worker(loadSeparatePacer());
	expect(figures.done).toBe(REQUESTS_PER_WORKER);
	expect(figures.rateLimited).toBe(0);
	expect(sandbox.rateLimited).toBe(0);
	expect(figures.share).toBe(1);
});

test(`${WORKERS} separate pacers on one token converge on sharing its limit`, async () => {
	sandbox.clearLog();
	const pacers = Array.from({ length: WORKERS }, loadSeparatePacer);
	const figures = await Promise.all(pacers.map(worker));
	const total = WORKERS * REQUESTS_PER_WORKER;
	const rateLimited = figures.reduce((sum, worker) => sum + worker.rateLimited, 0);
	const late = figures.reduce((sum, worker) => sum + worker.lateRateLimited, 0);

	// Nothing lost: every request was answered in the end.
	expect(figures.map((worker) => worker.done)).toEqual(Array(WORKERS).fill(REQUESTS_PER_WORKER));
	expect(sandbox.rateLimited).toBe(rateLimited);
	// Each pacer alone would take the whole limit: 2 of every 3 requests refused. Adapting, the
	// start costs a few rounds of 429s, and once settled few requests are refused.
	expect(rateLimited / (total + rateLimited)).toBeLessThan(0.15);
	expect(late / (total / 2 + late)).toBeLessThan(0.05);
	// Each settled well below the whole limit (about a third of it each, with room to recover).
	for (const worker of figures) expect(worker.share).toBeLessThan(0.75);
});

/*
 * One contender of part 2 (Work Items Return All), in a process of its own so that its memory
 * is its own: `node --expose-gc -r ts-node/register/transpile-only bench/returnAllChild.ts
 * <ours|axios|paginator> <sandbox URL>`. Prints one JSON line: items, time, memory.
 */
import { ISC_TOKEN } from '../test/sandbox/isc';

type Contender = 'ours' | 'axios' | 'paginator';

interface ChildResult {
	items: number;
	/** Wall time of the listing (modules already loaded). */
	ms: number;
	/** Ours: the node's executionTime as n8n records it. */
	nodeMs?: number;
	/** Peak resident set size of the process (process.resourceUsage().maxRSS). */
	maxRssBytes: number;
	/** Peak heapUsed sampled during the listing, minus heapUsed just before it. */
	heapGrowthBytes: number;
	/** heapUsed after a full GC at the end, the listing still held, minus the same before it. */
	retainedBytes: number;
	/** CPU time (user + system) of this process during the listing: what it costs beside waiting for the server. */
	cpuMs: number;
	requests?: number;
}

const PAGE = 250;

async function listWithOurs(baseUrl: string): Promise<{ items: number; nodeMs: number }> {
	// Loaded here, not at the top: the other contenders' processes do not load n8n-core.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { runNode } = require('../test/harness/run') as typeof import('../test/harness/run');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { WorkItems } = require('../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node.ts') as typeof import('../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node');
	const node = new WorkItems();
	return await measuredSection(async () => {
		const { run } = await runNode(
			node,
			{ operation: 'getAll', returnAll: true, filters: {}, options: {}, requestOptions: { paceRequests: false } },
			{ credentials: { sailPointIscApi: { baseUrl, accessToken: ISC_TOKEN } }, skipSecretScan: true },
		);
		const name = node.description.defaults.name ?? node.description.displayName;
		const task = run.data.resultData.runData[name]?.[0];
		if (run.data.resultData.error) throw new Error(`Our node failed: ${run.data.resultData.error.message}`);
		return { items: task?.data?.main?.[0]?.length ?? 0, nodeMs: task?.executionTime ?? Number.NaN, keep: run };
	});
}

async function listWithAxios(baseUrl: string): Promise<{ items: number }> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const axios = (require('axios') as typeof import('axios')).default;
	return await measuredSection(async () => {
		const items: unknown[] = [];
		for (let offset = 0; ; offset += PAGE) {
			const response = await axios.get<unknown[]>(`${baseUrl}/v3/work-items`, {
				params: { limit: PAGE, offset },
				headers: { Authorization: `Bearer ${ISC_TOKEN}`, Accept: 'application/json' },
			});
			for (const item of response.data) items.push(item);
			if (response.data.length < PAGE) break;
		}
		return { items: items.length, keep: items };
	});
}

async function listWithPaginator(baseUrl: string): Promise<{ items: number }> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const sdk = require('sailpoint-api-client') as typeof import('sailpoint-api-client');
	const api = new sdk.WorkItemsApi(new sdk.Configuration({ baseurl: baseUrl, accessToken: ISC_TOKEN }));
	// The Paginator logs a line per page; keep the bench output readable.
	console.log = () => {};
	return await measuredSection(async () => {
		const response = await sdk.Paginator.paginate(api, api.listWorkItems, {});
		return { items: response.data.length, keep: response };
	});
}

let section = { ms: 0, heapGrowthBytes: 0, retainedBytes: 0, cpuMs: 0 };

/** Times `work` and samples the heap while it runs; what it returns stays alive until sampled. */
async function measuredSection<T extends { keep: unknown }>(work: () => Promise<T>): Promise<Omit<T, 'keep'>> {
	(globalThis as { gc?: () => void }).gc?.();
	const baseline = process.memoryUsage().heapUsed;
	let peak = baseline;
	const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
	const sampler = setInterval(sample, 5);
	const started = performance.now();
	const cpuBefore = process.cpuUsage();
	const result = await work();
	section.ms = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	section.cpuMs = (cpu.user + cpu.system) / 1000;
	clearInterval(sampler);
	sample();
	section.heapGrowthBytes = peak - baseline;
	(globalThis as { gc?: () => void }).gc?.();
	section.retainedBytes = process.memoryUsage().heapUsed - baseline;
	const { keep: _kept, ...rest } = result;
	return rest;
}

async function main(): Promise<void> {
	const [contender, baseUrl] = process.argv.slice(2) as [Contender, string];
	const listing =
		contender === 'ours' ? await listWithOurs(baseUrl) : contender === 'axios' ? await listWithAxios(baseUrl) : await listWithPaginator(baseUrl);
	const result: ChildResult = {
		...listing,
		ms: section.ms,
		heapGrowthBytes: section.heapGrowthBytes,
		retainedBytes: section.retainedBytes,
		cpuMs: section.cpuMs,
		maxRssBytes: process.resourceUsage().maxRSS * 1024,
	};
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);

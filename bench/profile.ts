import { Session } from 'node:inspector/promises';

/**
 * Part 5: where one item's time goes. Ticket Details for 1,000 items run in this process by
 * n8n-core's WorkflowExecute (the test harness, as part 2 runs ours) under V8's CPU profiler;
 * each sample's own time is put in the bucket of the code it was in (by source file). The
 * harness stands in for n8n's server: it has no database, so a credential read here costs
 * nothing, where inside n8n it is a SQLite read plus decryption (about 1 ms, measured before).
 */
export interface ProfileSummary {
	items: number;
	runs: number;
	/** Wall time per item over the profiled runs. */
	perItemMs: number;
	/** Bucket -> share of the sampled time and ms per item. */
	buckets: Array<{ bucket: string; share: number; perItemMs: number }>;
}

export interface ProfileNode {
	id: number;
	callFrame: { url: string; functionName: string };
	children?: number[];
}

const BUCKETS: Array<[string, RegExp]> = [
	['our nodes (nodes/)', /\/nodes\/(shared|Venafi|SailPoint)\//],
	["n8n's request helper (n8n-core request helpers, axios, form-data, follow-redirects)", /n8n-core\/.*request-helper|\/axios\/|\/form-data\/|follow-redirects|proxy-from-env/],
	['credential (credentials helper, authenticate, preAuthentication)', /credentials|test\/harness\/credentials/],
	['parameters and expressions (n8n-workflow, its expression engine)', /n8n-workflow\/|\/@n8n\/tournament|\/jssha|\/luxon\/|\/lodash\/|\/esprima|\/recast|\/ast-types/],
	['n8n-core execution engine (node run, contexts, item pairing)', /n8n-core\//],
	['sockets and HTTP (node:net, node:http, TLS, DNS)', /^node:(net|http|_http|https|tls|_tls|dns|stream|internal\/(streams|net|http|tls|dns|stream_base|js_stream))/],
	['the sandbox (the server side, same process)', /test\/sandbox\//],
	['garbage collection', /^$/],
];

/** Inside n8n (bench/profileN8n.ts) some code is n8n's server's, not n8n-core's. */
const SERVER_BUCKETS: Array<[string, RegExp]> = [
	["n8n's nodes (the HTTP Request node, Split Out: n8n-nodes-base)", /\/n8n-nodes-base\//],
	['database (TypeORM, SQLite)', /typeorm|sqlite3|\/@n8n\/db\//],
	["n8n's server (executions, webhooks, hooks, push, task runner broker)", /\/node_modules\/(n8n|@n8n\/[a-z-]+)\/dist\//],
];

export function bucketOf(node: ProfileNode, server = false): string {
	const { url } = node.callFrame;
	if (server && url !== '' && !/\/nodes\/(shared|Venafi|SailPoint)\/|credentials/.test(url)) {
		for (const [bucket, pattern] of SERVER_BUCKETS) if (pattern.test(url)) return bucket;
	}
	return bucketOfCode(node);
}

function bucketOfCode(node: ProfileNode): string {
	const { url, functionName } = node.callFrame;
	if (url === '' && functionName === '(garbage collector)') return 'garbage collection';
	if (url === '' && (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)')) return functionName;
	for (const [bucket, pattern] of BUCKETS) if (url !== '' && pattern.test(url)) return bucket;
	return url.startsWith('node:') || url === '' ? 'other Node.js internals (timers, promises, JSON, Buffer)' : 'other';
}

export async function profileTicketDetails(options: { items: number; runs: number }, log: (line: string) => void): Promise<ProfileSummary> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { runNode } = require('../test/harness/run') as typeof import('../test/harness/run');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { VenafiTicket } = require('../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node.ts') as typeof import('../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { startSandbox } = require('../test/sandbox/server') as typeof import('../test/sandbox/server');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { TPP_TOKEN } = require('../test/sandbox/tpp') as typeof import('../test/sandbox/tpp');
	const sandbox = await startSandbox();
	try {
		const guids = Array.from({ length: options.items }, () => ({ guid: sandbox.tpp.addTicket() }));
		const run = async (items: Array<{ guid: string }>) => {
			const result = await runNode(
				new VenafiTicket(),
				{ operation: 'get', guid: '={{ $json.guid }}' },
				{ credentials: { venafiTppApi: { baseUrl: sandbox.url, accessToken: TPP_TOKEN, allowUnauthorizedCerts: false } }, items, skipSecretScan: true },
			);
			if (result.error || result.items.length !== items.length) throw new Error(`profiled run failed: ${result.error?.message ?? result.items.length}`);
		};
		await run(guids.slice(0, 200));
		const session = new Session();
		session.connect();
		await session.post('Profiler.enable');
		await session.post('Profiler.setSamplingInterval', { interval: 200 });
		await session.post('Profiler.start');
		const started = Date.now();
		for (let index = 0; index < options.runs; index++) await run(guids);
		const wallMs = Date.now() - started;
		const { profile } = (await session.post('Profiler.stop')) as unknown as {
			profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
		};
		session.disconnect();
		const byId = new Map(profile.nodes.map((node) => [node.id, node]));
		const microseconds = new Map<string, number>();
		profile.samples.forEach((id, index) => {
			const bucket = bucketOf(byId.get(id)!);
			microseconds.set(bucket, (microseconds.get(bucket) ?? 0) + (profile.timeDeltas[index] ?? 0));
		});
		const total = [...microseconds.values()].reduce((sum, value) => sum + value, 0);
		const itemsDone = options.items * options.runs;
		const buckets = [...microseconds]
			.map(([bucket, us]) => ({ bucket, share: us / total, perItemMs: us / 1000 / itemsDone }))
			.sort((a, b) => b.share - a.share);
		log(`    profiled ${options.runs} x ${options.items} Ticket Details in ${wallMs} ms`);
		return { items: options.items, runs: options.runs, perItemMs: wallMs / itemsDone, buckets };
	} finally {
		await sandbox.stop();
	}
}

import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { ISC_IDENTITY_ID } from '../test/sandbox/isc';
import { startSandbox } from '../test/sandbox/server';
import { repoRoot } from '../test/n8n/paths';
import { startDelayProxy } from './delayProxy';
import { pairRatios, spread, type Spread } from './stats';

/**
 * Part 2: Work Items Return All of 100,000 items. Our node (in-process, through n8n-core's
 * WorkflowExecute as the test harness runs it; pacing off), a raw axios offset loop, and
 * sailpoint-api-client's Paginator, each run in a fresh child process against one sandbox.
 * Then ours and the loop again with LATENCY_ONE_WAY_MS each way of added latency (bench/delayProxy.ts),
 * as a real tenant answers: the pages ours fetches side by side wait together.
 */

/** 10 ms each way: about 20 ms of round trip, as part 1's "20 ms" runs. */
const LATENCY_ONE_WAY_MS = 10;
export const RETURN_ALL_ROUND_TRIP_MS = 2 * LATENCY_ONE_WAY_MS;

export const CONTENDERS = ['ours', 'axios', 'paginator'] as const;
export type ReturnAllContender = (typeof CONTENDERS)[number];

export interface ChildFigures {
	items: number;
	ms: number;
	nodeMs?: number;
	maxRssBytes: number;
	heapGrowthBytes: number;
	retainedBytes: number;
	cpuMs: number;
}

export interface ReturnAllResult {
	items: number;
	byContender: Record<ReturnAllContender, { ms: Spread; maxRss: Spread; heapGrowth: Spread; retained: Spread; cpu: Spread; nodeMs?: Spread; itemsSeen: number[]; requests: Spread }>;
	/** ours / other, pair by pair (same round). */
	ratios: { axios: Spread; paginator: Spread };
	/** Ours and the loop with about `roundTripMs` of round trip added. */
	withLatency: { roundTripMs: number; ours: Spread; axios: Spread; ratio: Spread; itemsSeen: number[] };
	failures: string[];
}

/** The process a contender runs in: this line's Node, and for ours this line's n8n-core and n8n-workflow. */
export interface ChildLine {
	node: string;
	/** A node_modules folder holding another line's n8n-core and n8n-workflow (bench/lineModules.js). */
	n8nModules?: string;
}

export async function returnAllBench(
	options: { items: number; runs: number; child: ChildLine },
	log: (line: string) => void,
): Promise<ReturnAllResult> {
	const sandbox = await startSandbox();
	sandbox.isc.reseed(options.items, { owners: [{ id: ISC_IDENTITY_ID, name: 'Jason Smith' }] });
	const figures = Object.fromEntries(CONTENDERS.map((name) => [name, [] as ChildFigures[]])) as Record<ReturnAllContender, ChildFigures[]>;
	const requests = Object.fromEntries(CONTENDERS.map((name) => [name, [] as number[]])) as Record<ReturnAllContender, number[]>;
	const failures: string[] = [];
	const delayed = { ours: [] as number[], axios: [] as number[], items: new Set<number>() };
	try {
		for (let run = 0; run < options.runs; run++) {
			// Rotate the order so no contender always runs first (cache, CPU frequency).
			const order = CONTENDERS.map((_unused, index) => CONTENDERS[(index + run) % CONTENDERS.length]);
			for (const contender of order) {
				sandbox.clearLog();
				try {
					const result = await runChild(contender, sandbox.url, options.child);
					figures[contender].push(result);
					requests[contender].push(sandbox.requests.length);
					log(
						`    Return All ${options.items}, run ${run + 1}, ${contender}: ${Math.round(result.ms)} ms, ${result.items} items, max RSS ${Math.round(result.maxRssBytes / 1048576)} MB, heap +${Math.round(result.heapGrowthBytes / 1048576)} MB, retained ${Math.round(result.retainedBytes / 1048576)} MB`,
					);
				} catch (error) {
					failures.push(`${contender}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500));
					log(`    Return All, run ${run + 1}, ${contender}: FAILED ${failures[failures.length - 1]}`);
				}
			}
		}
		const sandboxUrl = new URL(sandbox.url);
		const proxy = await startDelayProxy({ host: sandboxUrl.hostname, port: Number(sandboxUrl.port) }, LATENCY_ONE_WAY_MS);
		try {
			for (let run = 0; run < options.runs; run++) {
				const order = run % 2 === 0 ? (['ours', 'axios'] as const) : (['axios', 'ours'] as const);
				for (const contender of order) {
					try {
						const result = await runChild(contender, proxy.url('http'), options.child);
						delayed[contender].push(result.ms);
						delayed.items.add(result.items);
						log(`    Return All ${options.items} at ${2 * LATENCY_ONE_WAY_MS} ms round trip, run ${run + 1}, ${contender}: ${Math.round(result.ms)} ms, ${result.items} items`);
					} catch (error) {
						failures.push(`${contender} at ${2 * LATENCY_ONE_WAY_MS} ms: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500));
						log(`    Return All at ${2 * LATENCY_ONE_WAY_MS} ms, run ${run + 1}, ${contender}: FAILED ${failures[failures.length - 1]}`);
					}
				}
			}
		} finally {
			await proxy.stop();
		}
	} finally {
		await sandbox.stop();
	}
	const summary = (name: ReturnAllContender) => ({
		ms: spread(figures[name].map((figure) => figure.ms)),
		maxRss: spread(figures[name].map((figure) => figure.maxRssBytes)),
		heapGrowth: spread(figures[name].map((figure) => figure.heapGrowthBytes)),
		retained: spread(figures[name].map((figure) => figure.retainedBytes)),
		cpu: spread(figures[name].map((figure) => figure.cpuMs)),
		nodeMs: name === 'ours' ? spread(figures[name].map((figure) => figure.nodeMs ?? Number.NaN)) : undefined,
		itemsSeen: [...new Set(figures[name].map((figure) => figure.items))],
		requests: spread(requests[name]),
	});
	const times = (name: ReturnAllContender) => figures[name].map((figure) => figure.ms);
	return {
		items: options.items,
		byContender: { ours: summary('ours'), axios: summary('axios'), paginator: summary('paginator') },
		ratios: { axios: spread(pairRatios(times('ours'), times('axios'))), paginator: spread(pairRatios(times('ours'), times('paginator'))) },
		withLatency: {
			roundTripMs: 2 * LATENCY_ONE_WAY_MS,
			ours: spread(delayed.ours),
			axios: spread(delayed.axios),
			ratio: spread(pairRatios(delayed.ours, delayed.axios)),
			itemsSeen: [...delayed.items],
		},
		failures,
	};
}

async function runChild(contender: ReturnAllContender, sandboxUrl: string, line: ChildLine): Promise<ChildFigures> {
	return await new Promise((resolve, reject) => {
		const child = spawn(
			line.node,
			['--expose-gc', '-r', join(repoRoot, 'bench', 'lineModules.js'), '-r', 'ts-node/register/transpile-only', join(repoRoot, 'bench', 'returnAllChild.ts'), contender, sandboxUrl],
			{
				cwd: repoRoot,
				stdio: ['ignore', 'pipe', 'pipe'],
				env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', ...(line.n8nModules ? { BENCH_N8N_MODULES: line.n8nModules } : {}) },
			},
		);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.once('error', reject);
		child.once('close', (code) => {
			const line = stdout.trim().split('\n').reverse().find((entry) => entry.startsWith('{'));
			if (code !== 0 || !line) return reject(new Error(`exit ${code}: ${stderr.trim().split('\n').slice(-8).join('\n')}`));
			resolve(JSON.parse(line) as ChildFigures);
		});
	});
}

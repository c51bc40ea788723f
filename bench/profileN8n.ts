import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { e2eDir, type N8nInstall } from '../test/n8n/paths';
import { runWorkflow } from './n8nRuns';
import { startBenchSession, type BenchSession } from './n8nSession';
import { pause } from './n8nRuns';
import { bucketOf, type ProfileNode } from './profile';
import type { BenchWorkflow } from './workflows';

/**
 * Part 5b: where the time of 1,000 Ticket Details or Update Status goes inside a real n8n (the
 * part 1 set-up), ours and the HTTP Request node alike: `n8n start` runs with its inspector on,
 * and V8's CPU profiler samples the n8n process (200 us) while the runs of one node go; each
 * sample's own time is put in the bucket of the code it was in. Also: what the n8n process
 * spent on the CPU per item, against the node's executionTime (a node whose executionTime is
 * well above its CPU time waits: for answers, or for the event loop).
 */

export interface N8nProfile {
	who: string;
	operation: string;
	latencyMs: number;
	items: number;
	runs: number;
	/** Median of the node's executionTime. */
	nodeMs: number;
	/** Sampled time that was not idle, per item. */
	busyPerItemMs: number;
	buckets: Array<{ bucket: string; share: number; perItemMs: number }>;
}

interface Cdp {
	send(method: string, params?: object): Promise<Record<string, unknown>>;
	close(): void;
}

async function connect(mainLog: string): Promise<Cdp> {
	let url: string | undefined;
	for (let tries = 0; tries < 50 && !url; tries++) {
		url = /Debugger listening on (ws:\/\/\S+)/.exec(readFileSync(mainLog, 'utf8'))?.[1];
		if (!url) await pause(200);
	}
	if (!url) throw new Error(`n8n's inspector address is not in ${mainLog}`);
	// n8n's own WebSocket client (this Node may have none built in).
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const WebSocket = require(join(e2eDir, 'node_modules', 'ws')) as new (url: string, options: object) => {
		on(event: string, listener: (...args: unknown[]) => void): void;
		send(data: string): void;
		close(): void;
	};
	const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 2 ** 30 });
	await new Promise<void>((resolve, reject) => {
		socket.on('open', () => resolve());
		socket.on('error', (error) => reject(error as Error));
	});
	let next = 1;
	const waiting = new Map<number, (result: Record<string, unknown>) => void>();
	socket.on('message', (data) => {
		const message = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
		if (message.id !== undefined) waiting.get(message.id)?.(message.result ?? { error: message.error });
	});
	return {
		async send(method, params = {}) {
			const id = next++;
			const answer = new Promise<Record<string, unknown>>((resolve) => waiting.set(id, resolve));
			socket.send(JSON.stringify({ id, method, params }));
			return await answer;
		},
		close: () => socket.close(),
	};
}

async function profileRuns(session: BenchSession, cdp: Cdp, bench: BenchWorkflow, items: object[], runs: number) {
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
	const nodeMs: number[] = [];
	for (let run = 0; run < runs; run++) nodeMs.push((await runWorkflow(session, bench, items)).nodeMs);
	const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const microseconds = new Map<string, number>();
	profile.samples.forEach((id, index) => {
		const bucket = bucketOf(byId.get(id)!, true);
		microseconds.set(bucket, (microseconds.get(bucket) ?? 0) + (profile.timeDeltas[index] ?? 0));
	});
	return { nodeMs, microseconds };
}

export async function profileInN8n(
	install: N8nInstall,
	options: { items: number; runs: number; latencyMs: number },
	log: (line: string) => void,
): Promise<N8nProfile[]> {
	const session = await startBenchSession(log, install, { NODE_OPTIONS: '--inspect=127.0.0.1:0' });
	const cdp = await connect(session.mainLog);
	const results: N8nProfile[] = [];
	try {
		const guids = Array.from({ length: options.items }, () => ({ guid: session.sandbox.tpp.addTicket() }));
		const cases: Array<[string, string, BenchWorkflow]> = [
			['ours', 'Ticket Details', session.workflows.ticketGet.ours],
			['HTTP Request', 'Ticket Details', session.workflows.ticketGet.http],
			['ours', 'UpdateStatus', session.workflows.ticketUpdate.ours],
			['HTTP Request', 'UpdateStatus', session.workflows.ticketUpdate.http],
		];
		for (const [, , bench] of cases) await runWorkflow(session, bench, guids.slice(0, 100));
		session.sandbox.latencyMs = options.latencyMs;
		for (const [who, operation, bench] of cases) {
			const { nodeMs, microseconds } = await profileRuns(session, cdp, bench, guids, options.runs);
			const total = [...microseconds.values()].reduce((sum, value) => sum + value, 0);
			const idle = microseconds.get('(idle)') ?? 0;
			const itemsDone = options.items * options.runs;
			const sorted = [...nodeMs].sort((a, b) => a - b);
			const entry: N8nProfile = {
				who,
				operation,
				latencyMs: options.latencyMs,
				items: options.items,
				runs: options.runs,
				nodeMs: sorted[Math.floor(sorted.length / 2)],
				busyPerItemMs: (total - idle) / 1000 / itemsDone,
				buckets: [...microseconds]
					.map(([bucket, us]) => ({ bucket, share: us / total, perItemMs: us / 1000 / itemsDone }))
					.sort((a, b) => b.share - a.share),
			};
			results.push(entry);
			log(`    ${operation} @${options.latencyMs} ms, ${who}: executionTime ${nodeMs.join(', ')} ms; n8n busy ${entry.busyPerItemMs.toFixed(3)} ms per item`);
			for (const bucket of entry.buckets.slice(0, 8)) log(`      ${(100 * bucket.share).toFixed(1)}%  ${bucket.perItemMs.toFixed(3)} ms/item  ${bucket.bucket}`);
		}
	} finally {
		session.sandbox.latencyMs = 0;
		cdp.close();
		await session.stop();
	}
	return results;
}

import type { BenchSession } from './n8nSession';
import { runWorkflow, type ExecutionFigures } from './n8nRuns';
import { pairRatios, spread, type Spread } from './stats';
import type { BenchWorkflow } from './workflows';

/**
 * Part 7: deciding the review items of one certification (issue 30, ask 3). One certification of
 * `items` review items in the sandbox; the webhook gets one entry per review item (`{ id,
 * certificationId }`, what Get Many Review Items puts out) and each way decides them all
 * (APPROVE, with a comment):
 *   - ours: SailPoint Certifications > Decide, once (Execute Once) for the IDs of every item;
 *     it sends them 250 per request, the most the decide call takes;
 *   - the HTTP Request node once per item, one decision per request (what a builder gets by
 *     pointing it at the decide call);
 *   - a Code node building batches of 250 decisions, then the HTTP Request node once per batch.
 * Time: the executionTime of the nodes doing the work (for the last, Code node + HTTP Request);
 * requests: what the sandbox saw. Runs alternate the order.
 */

export interface DecideWay {
	way: string;
	ms: Spread;
	/** ours / this way, run by run (1 for ours). */
	ratio: Spread;
	requests: Spread;
	/** Review items the sandbox holds as decided after each run, from this run's calls. */
	decided: Spread;
	notes: string[];
}

export interface DecideResults {
	items: number;
	latencyMs: number;
	ways: DecideWay[];
}

export async function decideBench(
	session: BenchSession,
	options: { items: number; runs: number; latencyMs: number },
	log: (line: string) => void,
): Promise<DecideResults> {
	const { sandbox, workflows } = session;
	const certifications = sandbox.certifications;
	// 4 review items per identity (two entitlements, an access profile, a role).
	const certification = certifications.add({ identities: Math.ceil(options.items / 4) });
	const entries = certification.items.slice(0, options.items).map((item) => ({ id: item.id, certificationId: certification.id }));
	const ways: Array<[string, BenchWorkflow]> = [
		['ours (Decide, 250 per request)', workflows.decide.ours],
		['HTTP Request, one call per item', workflows.decide.httpPerItem],
		['Code node (batches of 250) + HTTP Request', workflows.decide.codeBatches],
	];
	const expectedRequests = [Math.ceil(options.items / 250), options.items, Math.ceil(options.items / 250)];
	const expectedOutput = [options.items, options.items, Math.ceil(options.items / 250)];
	sandbox.latencyMs = options.latencyMs;
	const figures: ExecutionFigures[][] = ways.map(() => []);
	const decided: number[][] = ways.map(() => []);
	try {
		// Warm-up (not counted): node types loaded, expressions compiled, the Code node's task runner started.
		for (const [, bench] of ways) await runWorkflow(session, bench, entries.slice(0, 300), 600_000);
		for (let run = 0; run < options.runs; run++) {
			const order = ways.map((_way, index) => index);
			if (run % 2 === 1) order.reverse();
			for (const index of order) {
				for (const item of certification.items) item.completed = false;
				figures[index].push(await runWorkflow(session, ways[index][1], entries, 600_000));
				decided[index].push(certification.items.filter((item) => item.completed).length);
			}
			log(`    Decide ${options.items} @${options.latencyMs} ms, run ${run + 1}: ${ways.map(([way], index) => `${way} ${figures[index][run].nodeMs} ms, ${figures[index][run].requests} requests`).join('; ')}`);
		}
	} finally {
		sandbox.latencyMs = 0;
	}
	const oursMs = figures[0].map((figure) => figure.nodeMs);
	return {
		items: options.items,
		latencyMs: options.latencyMs,
		ways: ways.map(([way], index) => {
			const notes: string[] = [];
			for (const figure of figures[index]) {
				if (figure.status !== 'success' || figure.outputItems !== expectedOutput[index] || figure.errorItems > 0 || figure.requests !== expectedRequests[index]) {
					notes.push(`${figure.status}, ${figure.outputItems} items (${figure.errorItems} errors), ${figure.requests} requests ${figure.error ?? ''}`.trim());
				}
			}
			for (const count of decided[index]) if (count !== options.items) notes.push(`${count} of ${options.items} review items decided`);
			const ms = figures[index].map((figure) => figure.nodeMs);
			return {
				way,
				ms: spread(ms),
				ratio: spread(pairRatios(oursMs, ms)),
				requests: spread(figures[index].map((figure) => figure.requests)),
				decided: spread(decided[index]),
				notes,
			};
		}),
	};
}

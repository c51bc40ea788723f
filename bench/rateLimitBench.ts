import { ISC_IDENTITY_ID } from '../test/sandbox/isc';
import type { BenchSession } from './n8nSession';
import { pause, runWorkflow, type ExecutionFigures } from './n8nRuns';
import { spread, type Spread } from './stats';
import type { BenchWorkflow } from './workflows';

/**
 * Part 3: the sandbox enforces `requests` per `windowMs` per token; 1,000 work item reads
 * (Work Items Get Many with Limit 1, one per input item) through our node (pacing on, set to
 * that limit) and through the HTTP Request node (defaults; and with On Error: Continue, to
 * count the items that fail).
 */

export interface RateLimitedCase {
	contender: string;
	/** Items that came out without an error, per run. */
	completed: Spread;
	/** Input items without a good output item (a failed execution loses them all). */
	lost: Spread;
	rateLimited: Spread;
	requests: Spread;
	nodeMs: Spread;
	/** nodeMs / the time the limit itself allows, per run. */
	ofLimit: Spread;
	statuses: string[];
	errors: string[];
}

export async function rateLimitBench(
	session: BenchSession,
	options: { items: number; runs: number; limit: { requests: number; windowMs: number } },
	log: (line: string) => void,
): Promise<{ allowedMs: number; cases: RateLimitedCase[] }> {
	const { sandbox, workflows } = session;
	sandbox.isc.reseed(options.items, { owners: [{ id: ISC_IDENTITY_ID, name: 'Jason Smith' }] });
	sandbox.isc.reset();
	const input = Array.from({ length: options.items }, (_unused, index) => ({ index }));
	const allowedMs = (options.items / options.limit.requests) * options.limit.windowMs;
	const contenders: Array<[string, BenchWorkflow]> = [
		['ours (pacing on, 50 per 1 s)', workflows.rateLimited.ours],
		['HTTP Request (defaults)', workflows.rateLimited.http],
		['HTTP Request (On Error: Continue)', workflows.rateLimited.httpContinueOnFail],
	];
	const figures = new Map<string, ExecutionFigures[]>(contenders.map(([name]) => [name, []]));
	sandbox.rateLimit = options.limit;
	try {
		for (let run = 0; run < options.runs; run++) {
			for (const [name, bench] of contenders) {
				// Let the server's window (and our pacing window inside n8n) empty between runs.
				await pause(options.limit.windowMs + 500);
				const result = await runWorkflow(session, bench, input, 300_000);
				figures.get(name)!.push(result);
				log(
					`    rate limited, run ${run + 1}, ${name}: ${result.status}, ${result.outputItems - result.errorItems} completed, ${result.rateLimited} x 429, ${result.nodeMs} ms`,
				);
			}
		}
	} finally {
		sandbox.rateLimit = undefined;
	}
	const cases = contenders.map(([contender]) => {
		const runs = figures.get(contender)!;
		const completed = runs.map((run) => (run.status === 'success' ? run.outputItems - run.errorItems : 0));
		return {
			contender,
			completed: spread(completed),
			lost: spread(completed.map((done) => options.items - done)),
			rateLimited: spread(runs.map((run) => run.rateLimited)),
			requests: spread(runs.map((run) => run.requests)),
			nodeMs: spread(runs.map((run) => run.nodeMs)),
			ofLimit: spread(runs.map((run) => run.nodeMs / allowedMs)),
			statuses: [...new Set(runs.map((run) => run.status))],
			errors: [...new Set(runs.map((run) => run.error).filter((error): error is string => error !== undefined))],
		};
	});
	return { allowedMs, cases };
}

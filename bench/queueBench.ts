import { ISC_IDENTITY_ID } from '../test/sandbox/isc';
import type { N8nServer } from '../test/n8n/n8n';
import type { N8nInstall } from '../test/n8n/paths';
import { freePort } from '../test/n8n/ports';
import { queueModeEnv, startRedis } from '../test/n8n/redis';
import type { ExecutionDetails } from '../test/n8n/rest';
import { startSession, type Session } from '../test/n8n/session';
import { SAILPOINT_PACKAGE } from '../test/harness/packages';
import { pause } from './n8nRuns';
import { NODE_UNDER_TEST, benchWorkflows, type BenchWorkflow } from './workflows';

/**
 * Part 6: queue mode at scale. n8n main (webhooks, enqueues) and workers (run executions) with
 * Redis; one ISC access token shared by every worker; the sandbox enforces its per-token limit.
 * Several executions of work item reads (Work Items Get Many, Limit 1, one per item, Pace
 * Requests set to the limit) are started together:
 *   - one per worker, each worker running one execution at a time (several processes pacing
 *     the same token without seeing each other: the case adaptive pacing exists for);
 *   - all on a single worker (one process: its pacing alone keeps to the limit).
 * Target (issue 16): 0 lost items, under 5% of requests answered 429, total time at most 1.25x
 * what the limit allows.
 */

export interface QueueRun {
	/** From the first webhook call to the last execution's answer. */
	wallMs: number;
	/** wallMs / the time the limit allows for all reads. */
	ofLimit: number;
	completed: number;
	lost: number;
	requests: number;
	rateLimited: number;
	/** Distinct worker processes that ran the executions. */
	workersUsed: number;
}

export interface QueueCase {
	setup: string;
	runs: QueueRun[];
}

export interface QueueBenchResults {
	executions: number;
	itemsPerExecution: number;
	limit: string;
	allowedMs: number;
	cases: QueueCase[];
}

interface Options {
	executions: number;
	itemsPerExecution: number;
	runs: number;
	limit: { requests: number; windowMs: number };
	/** The n8n line (version and Node) main and workers run on. */
	install: N8nInstall;
}

export async function queueBench(options: Options, log: (line: string) => void): Promise<QueueBenchResults> {
	const total = options.executions * options.itemsPerExecution;
	const allowedMs = (total / options.limit.requests) * options.limit.windowMs;
	const redis = await startRedis();
	const sandboxPort = await freePort();
	const bench = benchWorkflows(`http://127.0.0.1:${sandboxPort}`, 'https://127.0.0.1:1').rateLimited.ours;
	let session: Session | undefined;
	let workers: N8nServer[] = [];
	const stopWorkers = async () => {
		for (const worker of workers) await worker.stop();
		workers = [];
	};
	try {
		session = await startSession({
			install: options.install,
			packages: [SAILPOINT_PACKAGE],
			workflows: [bench.workflow],
			activate: [bench.id],
			sandboxPort,
			sharedEnv: queueModeEnv(redis.port),
			log,
		});
		const cases: QueueCase[] = [];
		const setups: Array<{ setup: string; workers: number; concurrency: string }> = [
			{ setup: `${options.executions} workers, one execution each`, workers: options.executions, concurrency: '1' },
			{ setup: `1 worker running all ${options.executions} executions`, workers: 1, concurrency: '-1' },
		];
		for (const setup of setups) {
			for (let index = 1; index <= setup.workers; index++) {
				// N8N_CONCURRENCY_PRODUCTION_LIMIT is the worker's concurrency when not -1 (then its default, 10).
				const worker = await session.home.start('worker', { N8N_CONCURRENCY_PRODUCTION_LIMIT: setup.concurrency }, `bench-worker-${index}`);
				workers.push(worker);
			}
			log(`  ${setup.setup}: ${workers.length} worker(s) ready`);
			const runs: QueueRun[] = [];
			for (let run = 1; run <= options.runs; run++) {
				// Let the server's window (and the workers' pacing windows) empty between runs.
				await pause(options.limit.windowMs + 500);
				const figures = await startTogether(session, bench, workers, options);
				runs.push({ ...figures, ofLimit: figures.wallMs / allowedMs });
				log(
					`    ${setup.setup}, run ${run}: ${figures.completed}/${total} completed, ${figures.lost} lost, ${figures.rateLimited} x 429 of ${figures.requests} requests (${((100 * figures.rateLimited) / Math.max(1, figures.requests)).toFixed(1)}%), ${(figures.wallMs / 1000).toFixed(1)} s (${(figures.wallMs / allowedMs).toFixed(2)}x the limit), ${figures.workersUsed} worker(s) used`,
				);
			}
			cases.push({ setup: setup.setup, runs });
			await stopWorkers();
		}
		return { executions: options.executions, itemsPerExecution: options.itemsPerExecution, limit: `${options.limit.requests} requests per ${options.limit.windowMs / 1000} s, per token`, allowedMs, cases };
	} finally {
		await stopWorkers();
		if (session) session.sandbox.rateLimit = undefined;
		await session?.stop();
		await redis.stop();
	}
}

async function startTogether(session: Session, bench: BenchWorkflow, workers: N8nServer[], options: Options): Promise<Omit<QueueRun, 'ofLimit'>> {
	const { sandbox, rest } = session;
	sandbox.isc.reseed(options.itemsPerExecution, { owners: [{ id: ISC_IDENTITY_ID, name: 'Jason Smith' }] });
	sandbox.isc.reset();
	sandbox.rateLimit = options.limit;
	sandbox.clearLog();
	const before = await rest.latestExecutionId();
	const items = Array.from({ length: options.itemsPerExecution }, (_unused, index) => ({ index }));
	const started = Date.now();
	const answers = await Promise.all(Array.from({ length: options.executions }, async () => await rest.webhook(bench.path, { items })));
	const wallMs = Date.now() - started;
	sandbox.rateLimit = undefined;
	const refused = answers.filter((answer) => answer.status >= 400);
	if (refused.length > 0) throw new Error(`webhook answered ${refused.map((answer) => answer.status).join(', ')}: ${refused[0].text.slice(0, 300)}`);

	// This run's executions are the newest ones: an execution of the set-up before may still be
	// newer than `before` (it was counted twice once: 4,000 of 3,000 completed).
	const summaries = (await rest.executionsAfter(bench.id, before)).slice(-options.executions);
	const executions: ExecutionDetails[] = [];
	for (const summary of summaries) executions.push(await rest.execution(summary.id));
	let completed = 0;
	for (const execution of executions) {
		const output = execution.data.resultData.runData[NODE_UNDER_TEST]?.[0]?.data?.main?.[0] ?? [];
		if (execution.status === 'success') completed += output.filter((item) => item.json.error === undefined).length;
	}
	const workersUsed = workers.filter((worker) =>
		executions.some((execution) => new RegExp(`Worker finished execution ${execution.id} \\(job`).test(worker.process.log)),
	).length;
	return {
		wallMs,
		completed,
		lost: options.executions * options.itemsPerExecution - completed,
		requests: sandbox.requests.filter((request) => request.path.startsWith('/work-items/')).length,
		rateLimited: sandbox.rateLimited,
		workersUsed,
	};
}

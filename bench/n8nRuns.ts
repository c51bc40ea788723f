import type { Sandbox } from '../test/sandbox/server';
import type { NodeRun } from '../test/n8n/rest';
import type { BenchSession } from './n8nSession';
import { NODE_UNDER_TEST, type BenchWorkflow } from './workflows';

/** One triggered execution of a bench workflow, as n8n recorded it. */
export interface ExecutionFigures {
	/** The node under test's `executionTime` from the execution's runData (plus the `alsoTimed` nodes'). */
	nodeMs: number;
	/** From the webhook call to the finished execution being readable (context only). */
	wallMs: number;
	status: string;
	/** Items the node put out; `errorItems` of them carry an `error` (Continue On Fail). */
	outputItems: number;
	errorItems: number;
	/** The node's error when it failed. */
	error?: string;
	/** What the sandbox saw during the run. */
	requests: number;
	/** Of those, reads of identity names (TPP Identity/Validate), which the HTTP Request node makes none of. */
	nameReads: number;
	rateLimited: number;
}

/** Triggers the workflow with `items` (one n8n item each) and reads back its execution. */
export async function runWorkflow(
	session: BenchSession,
	bench: BenchWorkflow,
	items: object[],
	timeoutMs = 180_000,
): Promise<ExecutionFigures> {
	const { rest, sandbox } = session;
	sandbox.clearLog();
	const before = await rest.latestExecutionId();
	const started = Date.now();
	const answer = await rest.webhook(bench.path, { items });
	if (answer.status >= 400 && answer.status !== 500) {
		throw new Error(`The webhook of ${bench.workflow.name} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
	}
	const execution = await rest.waitForExecution(bench.id, before, timeoutMs);
	const wallMs = Date.now() - started;
	const run = execution.data.resultData.runData[NODE_UNDER_TEST]?.[0] as (NodeRun & { executionTime?: number }) | undefined;
	if (!run) {
		const error = execution.data.resultData.error;
		throw new Error(`${NODE_UNDER_TEST} did not run in ${bench.workflow.name}: ${error?.message ?? execution.status}`);
	}
	const output = run.data?.main?.[0] ?? [];
	const alsoTimed = (bench.alsoTimed ?? []).map(
		(name) => (execution.data.resultData.runData[name]?.[0] as { executionTime?: number } | undefined)?.executionTime ?? Number.NaN,
	);
	return {
		nodeMs: alsoTimed.reduce((sum, ms) => sum + ms, run.executionTime ?? Number.NaN),
		wallMs,
		status: execution.status,
		outputItems: output.length,
		errorItems: output.filter((item) => item.json.error !== undefined).length,
		error: run.error ? `${run.error.message ?? ''}`.slice(0, 200) : undefined,
		requests: countVendorRequests(sandbox),
		nameReads: sandbox.requests.filter((request) => /^\/vedsdk\/identity\/validate$/i.test(request.path)).length,
		rateLimited: sandbox.rateLimited,
	};
}

function countVendorRequests(sandbox: Sandbox): number {
	// Every vendor call except sign-ins (TPP's /vedauth, ISC's /oauth).
	return sandbox.requests.filter((request) => !/^\/(vedauth|oauth)\//i.test(request.path)).length;
}

export const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

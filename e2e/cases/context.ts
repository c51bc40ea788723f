import assert from 'node:assert/strict';

import type { Sandbox } from '../../test/sandbox/server';
import { seedTickets, seedWork } from '../../test/sandbox/tpp';
import { nodeOutput, type ExecutionDetails, type WebhookAnswer } from '../../test/n8n/rest';
import type { Session } from '../../test/n8n/session';
import type { TestWorkflow } from '../workflows';

/**
 * What the e2e suite's cases share: the run's record of everything n8n gave back (checked for
 * secrets at the end), the sandbox reset before each case, and small readers of executions.
 */

/** Registers a case; the sandbox is reset to its seed before it runs. */
export type TestCase = (name: string, fn: () => Promise<void>) => void;

/** One node family's cases (a file under e2e/cases/<vendor>/). */
export type CaseFamily = (test: TestCase, session: Session) => void;

/** Every text n8n gave back during the run, checked for secrets at the end. */
export const seen: string[] = [];

export const CERTIFICATES = '\\VED\\Policy\\Certificates';

export function resetSandbox(sandbox: Sandbox): void {
	sandbox.tpp.tickets.clear();
	for (const ticket of seedTickets()) sandbox.tpp.tickets.set(ticket.GUID.toLowerCase(), ticket);
	sandbox.tpp.work = seedWork();
	sandbox.isc.reseed(40);
	sandbox.isc.reset();
	sandbox.accessRequestApprovals.reseed(12);
	sandbox.genericApprovals.reseed(10);
	sandbox.clearLog();
}

export async function trigger(session: Session, test: TestWorkflow, body: unknown): Promise<{ answer: WebhookAnswer; execution: ExecutionDetails }> {
	const result = await session.rest.trigger(test.id, test.path, body);
	seen.push(result.answer.text, result.execution.raw);
	return result;
}

export function items(execution: ExecutionDetails, node: string, output = 0) {
	const found = nodeOutput(execution, node, output);
	assert.ok(found, `node "${node}" did not run; nodes that ran: ${Object.keys(execution.data.resultData.runData).join(', ')}`);
	return found;
}

export function succeeded(execution: ExecutionDetails): void {
	const error = execution.data.resultData.error;
	assert.equal(execution.status, 'success', `execution ${execution.id} ended "${execution.status}": ${error?.message ?? ''} ${error?.description ?? ''}`);
}

export function failureText(execution: ExecutionDetails): string {
	const error = execution.data.resultData.error;
	assert.equal(execution.status, 'error', `expected execution ${execution.id} to fail, it ended "${execution.status}"`);
	assert.ok(error, 'the failed execution carries no error');
	return `${error.message ?? ''} ${error.description ?? ''}`;
}

export function requestsTo(sandbox: Sandbox, path: string) {
	return sandbox.requests.filter((request) => request.path.toLowerCase() === path.toLowerCase());
}

/** The items of a node in an `n8n execute --rawOutput` run. */
export function reportItems(run: unknown, node: string): Array<Record<string, unknown>> {
	const data = (run as { data?: { resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>>; error?: { message?: string } } } })?.data;
	assert.ok(data, 'n8n execute printed no run');
	assert.ok(!data.resultData?.error, `the example failed: ${data.resultData?.error?.message}`);
	const runs = data.resultData?.runData?.[node];
	assert.ok(runs, `node "${node}" did not run`);
	return (runs[0].data?.main?.[0] ?? []).map((item) => item.json);
}

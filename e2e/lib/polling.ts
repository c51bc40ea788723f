import assert from 'node:assert/strict';

import type { N8nRest } from '../../test/n8n/rest';

/**
 * What every trigger case does with a published polling workflow: n8n polls once when a
 * workflow is published (then on its schedule), so publishing again polls again; between
 * publications the trigger's memory lives only in n8n's database (static data).
 */

export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new assert.AssertionError({ message: `timed out after ${timeoutMs} ms waiting for ${what}` });
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

export async function pause(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** A published trigger workflow and a count of the listing requests its polls make. */
export class PolledWorkflow {
	constructor(
		private readonly rest: N8nRest,
		readonly id: string,
		/** How many listing requests the sandbox has seen so far (one or more per poll). */
		readonly polls: () => number,
	) {}

	/** Publishes the workflow and waits for its first poll, which must emit nothing. */
	async publishAndExpectSilence(since: number, why: string): Promise<void> {
		await this.rest.activate(this.id);
		await waitUntil(() => this.polls() >= 1, 20_000, 'the first poll');
		await pause(500);
		assert.deepEqual(await this.rest.executionsAfter(this.id, since), [], why);
	}

	/** Publishes again, which polls now, and waits for that poll's listing. */
	async pollNow(what: string): Promise<void> {
		const before = this.polls();
		await this.rest.deactivate(this.id);
		await this.rest.activate(this.id);
		await waitUntil(() => this.polls() > before, 20_000, what);
	}

	/** Polls once more and checks that nothing was emitted after execution `since`. */
	async expectNothingNew(since: number): Promise<void> {
		await this.pollNow('a poll with nothing new');
		await pause(1_000);
		assert.deepEqual(await this.rest.executionsAfter(this.id, since), [], 'nothing emitted twice');
	}
}

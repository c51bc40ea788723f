import type { IPollFunctions } from 'n8n-workflow';

import { READING_SHARE, pollBudgetOf, readWhileBudgetAllows } from '../../shared/pollBudget';

/**
 * A poll's budget (shared/pollBudget.ts) on n8n 2.38+: steps run while the next fits the reading
 * share, and the first step runs whenever the budget is not spent yet, so a poll whose calls
 * before reading (the Ticket Trigger's listing of every GUID and permissions refresh) took the
 * whole reading share still reads one step. Seen in real n8n 2.41.1 with its smallest budget
 * (500 ms): such polls read nothing, and new tickets waited poll after poll.
 */

const BUDGET_MS = 500;
const READING_MS = BUDGET_MS * READING_SHARE;

function budgetWithClock(budgetMs = BUDGET_MS) {
	let clock = 0;
	const context = { getPollBudgetMs: () => budgetMs } as unknown as IPollFunctions;
	const budget = pollBudgetOf(context, () => clock)!;
	return {
		budget,
		advance: (ms: number) => {
			clock += ms;
		},
		now: () => clock,
	};
}

/** Runs steps of `stepMs` each (up to `available`) after `beforeMs` spent before reading; returns how many ran. */
async function stepsRun(beforeMs: number, stepMs: number, available = 100, waitMs = 0): Promise<number> {
	const { budget, advance } = budgetWithClock();
	advance(beforeMs);
	let ran = 0;
	await readWhileBudgetAllows(
		budget,
		async () => {
			advance(stepMs);
			ran++;
			return ran < available;
		},
		async () => waitMs,
	);
	return ran;
}

test('no budget offered (n8n before 2.38): undefined, so the trigger reads everything as before', () => {
	expect(pollBudgetOf({} as IPollFunctions)).toBeUndefined();
	expect(pollBudgetOf({ getPollBudgetMs: () => 0 } as unknown as IPollFunctions)).toBeUndefined();
});

test('steps run while the next one, as long as the longest so far (x1.5), fits the reading share', async () => {
	// 50 ms steps: the 4th ends at 200 ms, a 5th would be expected to end past 300 ms (200 + 75 = 275 fits, 250 + 75 does not).
	expect(await stepsRun(0, 50)).toBe(5);
	expect(await stepsRun(0, 50, 2)).toBe(2);
});

test('the calls before reading took the whole reading share: the first step still runs, then no more', async () => {
	expect(await stepsRun(READING_MS + 50, 60)).toBe(1);
	expect(await stepsRun(BUDGET_MS - 1, 60)).toBe(1);
});

test('the budget is spent before reading (or the pace would hold the first step past it): the poll reads nothing', async () => {
	expect(await stepsRun(BUDGET_MS, 60)).toBe(0);
	expect(await stepsRun(100, 60, 100, BUDGET_MS - 100)).toBe(0);
	expect(await stepsRun(100, 60, 100, BUDGET_MS - 101)).toBe(1);
});

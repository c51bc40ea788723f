import { sleep } from 'n8n-workflow';

/**
 * Keeps requests within "N per window" on the client side: a sliding window of the start times
 * of this process's last requests per account. A request waits until the oldest of them has
 * left the window, so one process alone never goes over the limit.
 *
 * Several processes can share one account (queue mode: each worker runs executions with the
 * same credential), and none sees what the others send. So the limit a process keeps to adapts:
 * a 429 shows the account is busier than this process alone makes it, and the process then
 * takes a smaller share (multiplied by DECREASE, once per round of requests in flight); each
 * window without a 429 gives back a small share (RECOVERY), up to the whole limit. Processes
 * that do this converge on splitting the limit between them, as TCP's congestion control does,
 * with no coordination beyond the vendor's answers. Requests are also spread over the window
 * (at most twice the average rate), so that several processes starting together do not each
 * send a whole window's worth at once.
 *
 * Process-wide on purpose (one of the two module-level states of the package, with the token
 * renewal lock in auth/renewalLock.ts): the vendor counts requests per access token, whichever workflow,
 * execution or node sends them, so one run's connection cannot know what the others sent.
 */

/** The share kept after a 429. */
const DECREASE = 0.7;

/** The smallest share: a process that backed off far still recovers in a few windows. */
const MIN_SHARE = 0.05;

/** The share of the limit given back per window without a 429. */
const RECOVERY = 0.05;

/** Requests may start at up to this many times the average rate the share allows. */
const BURST = 2;

interface AccountPace {
	starts: number[];
	/** The fraction of the limit this process keeps to now (0..1]. */
	share: number;
	/** When the share last changed: recovery counts whole windows from here. */
	changedAt: number;
	/** Requests sent before this time do not lower the share again (their 429 was counted). */
	decreasedAt: number;
	lastStart: number;
}

const accounts = new Map<string, AccountPace>();

/**
 * Slack added to the window, so a request that starts just after the window's edge cannot
 * arrive (after n8n's own preparation and the network) inside the server's window.
 */
function slackMs(windowMs: number): number {
	return Math.min(250, Math.max(50, windowMs * 0.05));
}

function paceOf(account: string): AccountPace {
	let pace = accounts.get(account);
	if (!pace) {
		pace = { starts: [], share: 1, changedAt: Date.now(), decreasedAt: 0, lastStart: 0 };
		accounts.set(account, pace);
	}
	return pace;
}

/** How many requests per window this process allows itself now. */
function allowance(pace: AccountPace, requests: number): number {
	return Math.max(1, Math.floor(requests * pace.share));
}

function recover(pace: AccountPace, span: number, now: number): void {
	if (pace.share >= 1) return;
	const windows = Math.floor((now - pace.changedAt) / span);
	if (windows < 1) return;
	pace.share = Math.min(1, pace.share + RECOVERY * windows);
	pace.changedAt += windows * span;
}

/** Waits until a request of `account` may start; returns its start time (for rateLimited). */
export async function waitForSlot(
	account: string,
	requests: number,
	windowMs: number,
): Promise<number> {
	const pace = paceOf(account);
	const span = windowMs + slackMs(windowMs);
	for (;;) {
		const now = Date.now();
		recover(pace, span, now);
		const { starts } = pace;
		while (starts.length > 0 && starts[0] <= now - span) starts.shift();
		const allowed = allowance(pace, requests);
		const spacing = windowMs / (allowed * BURST);
		const windowFull = starts.length >= allowed;
		const tooSoon = now < pace.lastStart + spacing;
		if (!windowFull && !tooSoon) {
			starts.push(now);
			pace.lastStart = now;
			return now;
		}
		const untilWindow = windowFull ? starts[starts.length - allowed] + span - now : 0;
		const untilSpacing = tooSoon ? pace.lastStart + spacing - now : 0;
		await sleep(Math.max(1, untilWindow, untilSpacing));
	}
}

/**
 * About how long `count` more requests of `account` would wait for their slots now (0 when they
 * may start at once): a poll with a time budget does not start what the pace would hold past it.
 */
export function slotWaitMs(
	account: string,
	requests: number,
	windowMs: number,
	count: number,
): number {
	const pace = accounts.get(account);
	if (!pace || count <= 0) return 0;
	const span = windowMs + slackMs(windowMs);
	const now = Date.now();
	const starts = pace.starts.filter((start) => start > now - span);
	const allowed = allowance(pace, requests);
	const spacing = windowMs / (allowed * BURST);
	// The last of the `count` requests starts once enough earlier starts have left the window.
	const over = starts.length + count - allowed;
	const untilWindow = over > 0 ? starts[Math.min(over, starts.length) - 1] + span - now : 0;
	const untilSpacing = Math.max(0, pace.lastStart + spacing * count - now);
	return Math.max(0, untilWindow, untilSpacing);
}

/**
 * The vendor answered 429 to a request of `account` that started at `startedAt`: others use
 * the account too, so this process takes a smaller share. Requests already in flight when the
 * share was lowered were sent at the old rate; their 429s do not lower it again.
 */
export function rateLimited(account: string, startedAt: number): void {
	const pace = paceOf(account);
	if (startedAt < pace.decreasedAt) return;
	const now = Date.now();
	pace.share = Math.max(MIN_SHARE, pace.share * DECREASE);
	pace.changedAt = now;
	pace.decreasedAt = now;
}

/** The share of the limit this process keeps to for `account` (1 when it has seen no 429). */
export function paceShare(account: string): number {
	return accounts.get(account)?.share ?? 1;
}

/** Forgets every account's pace (for tests that start from an idle rate limit). */
export function forgetPacing(): void {
	accounts.clear();
}

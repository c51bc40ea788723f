import { sleep } from 'n8n-workflow';

/**
 * Keeps requests within "N per window" on the client side: a sliding window of the start times
 * of the last N requests per account. A request waits until the oldest of them has left the
 * window, so bursts are allowed up to the limit and never beyond it.
 *
 * Process-wide on purpose (one of the two module-level states of the package, with the token
 * renewal lock in signIn.ts): the vendor counts requests per access token, whichever workflow,
 * execution or node sends them, so one run's connection cannot know what the others sent.
 */
const windows = new Map<string, number[]>();

/**
 * Slack added to the window, so a request that starts just after the window's edge cannot
 * arrive (after n8n's own preparation and the network) inside the server's window.
 */
function slackMs(windowMs: number): number {
	return Math.min(250, Math.max(50, windowMs * 0.05));
}

export async function waitForSlot(
	account: string,
	requests: number,
	windowMs: number,
): Promise<void> {
	for (;;) {
		let starts = windows.get(account);
		if (!starts) {
			starts = [];
			windows.set(account, starts);
		}
		const now = Date.now();
		const span = windowMs + slackMs(windowMs);
		while (starts.length > 0 && starts[0] <= now - span) starts.shift();
		if (starts.length < requests) {
			starts.push(now);
			return;
		}
		await sleep(starts[0] + span - now);
	}
}

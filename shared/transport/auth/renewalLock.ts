import type { IDataObject } from 'n8n-workflow';

/**
 * The token-renewal lock, process-wide on purpose (with pacing.ts, the only module-level state):
 * n8n runs preAuthentication per request, from any execution, so only a lock shared by the
 * process keeps concurrent requests from each fetching a token or spending the same refresh token.
 */
const renewals = new Map<string, { replaced: string; result: Promise<IDataObject>; at: number }>();

/**
 * Runs `renew` once for an account (see signInAccount) whose token `current` stopped working;
 * callers that come with the same stale token while it runs, or shortly after, get the same
 * new token.
 */
export async function renewOnce(
	account: string,
	current: string,
	renew: () => Promise<IDataObject>,
): Promise<IDataObject> {
	const known = renewals.get(account);
	if (known && known.replaced === current && Date.now() - known.at < 60_000)
		return await known.result;
	const result = renew();
	renewals.set(account, { replaced: current, result, at: Date.now() });
	result.catch(() => {
		if (renewals.get(account)?.result === result) renewals.delete(account);
	});
	return await result;
}

/** Forgets renewals in progress or just done (tests start each case from a clean slate). */
export function forgetRenewals(): void {
	renewals.clear();
}

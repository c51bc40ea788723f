/**
 * What the Flow trigger remembers between polls, in the workflow's static data (saved by n8n as
 * JSON): the filter it was taken for and the Ids of the pending tickets it has seen, least
 * recently listed first, so when the memory is full the Ids that left the list longest ago are
 * forgotten first.
 */

/** Most Ids remembered; also the most pending tickets one trigger can watch. */
export const REMEMBERED_FLOW_TICKETS = 5000;

/** The filter the memory belongs to: a changed filter starts afresh rather than flooding. */
export function flowFilterKey(productCode: number | undefined): string {
	return JSON.stringify(['pending', productCode ?? null]);
}

/** The remembered Ids read back from static data; undefined when unreadable. */
export function recallFlowTickets(seen: unknown): number[] | undefined {
	if (!Array.isArray(seen)) return undefined;
	return seen.filter((id): id is number => typeof id === 'number');
}

/** The memory after a poll: Ids no longer listed keep their place, the listed ones follow, the oldest beyond the cap go. */
export function rememberFlowTickets(
	previous: readonly number[],
	listed: readonly number[],
	cap = REMEMBERED_FLOW_TICKETS,
): number[] {
	const now = new Set(listed);
	const ids = [...previous.filter((id) => !now.has(id)), ...listed];
	return ids.slice(Math.max(0, ids.length - cap));
}

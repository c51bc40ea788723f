import { recallIds, rememberIds } from '../../shared/pollTrigger';

/**
 * What the Flow trigger remembers between polls, in the workflow's static data (saved by n8n as
 * JSON): the filter it was taken for and the Ids of the pending tickets it has seen, least
 * recently listed first (pollTrigger.ts).
 */

/** Most Ids remembered; also the most pending tickets one trigger can watch. */
export const REMEMBERED_FLOW_TICKETS = 5000;

/** The filter the memory belongs to: a changed filter starts afresh rather than flooding. */
export function flowFilterKey(productCode: number | undefined): string {
	return JSON.stringify(['pending', productCode ?? null]);
}

/** The remembered Ids read back from static data; undefined when unreadable. */
export function recallFlowTickets(seen: unknown): number[] | undefined {
	return recallIds(seen, (id): id is number => typeof id === 'number');
}

/** The memory after a poll (see rememberIds), at most `cap` Ids. */
export function rememberFlowTickets(
	previous: readonly number[],
	listed: readonly number[],
	cap = REMEMBERED_FLOW_TICKETS,
): number[] {
	return rememberIds(previous, listed, cap);
}

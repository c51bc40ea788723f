import { recallIds, rememberIds } from '../../shared/pollTrigger';

/**
 * What the trigger remembers between polls, in the workflow's static data (saved by n8n as
 * JSON): the IDs of the work items already seen in a watched state, oldest first, kept with
 * the filter they were taken for (pollTrigger.ts).
 */

/** Most work item IDs remembered; also the most one trigger can watch at once. */
export const REMEMBERED_WORK_ITEMS = 10_000;

/** The filter the memory belongs to: a changed filter starts afresh rather than flooding. */
export function filterKey(ownerId: string | undefined, states: readonly string[]): string {
	return JSON.stringify([ownerId ?? '', [...states].sort()]);
}

/** The remembered IDs read back from static data; undefined when not a list. */
export function recall(seen: unknown): string[] | undefined {
	return recallIds(seen, (id): id is string => typeof id === 'string');
}

/** The memory after a poll (see rememberIds), at most `cap` IDs. */
export function remember(
	previous: readonly string[],
	listed: readonly string[],
	cap = REMEMBERED_WORK_ITEMS,
): string[] {
	return rememberIds(previous, listed, cap);
}

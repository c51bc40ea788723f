import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers between polls, in the workflow's static data (saved by n8n as
 * JSON): each ticket's GUID with its last known status (null when not read yet), kept with the
 * filter it was taken for (pollTrigger.ts). Tickets are kept least recently listed first, so
 * when the memory is full the tickets that vanished longest ago are forgotten first.
 */

/** Most tickets remembered; also the most one trigger can watch. */
export const REMEMBERED_TICKETS = 5000;

export type SeenTickets = Record<string, string | null>;

/** The filter the memory belongs to: a changed filter starts afresh rather than flooding. */
export function filterKey(objectDn: string | undefined, userData: string | undefined): string {
	return JSON.stringify([objectDn ?? '', userData ?? '']);
}

/** The remembered tickets read back from static data; undefined when not a ticket map. */
export function recall(seen: unknown): SeenTickets | undefined {
	if (typeof seen !== 'object' || seen === null || Array.isArray(seen)) return undefined;
	const tickets: SeenTickets = {};
	for (const [guid, status] of Object.entries(seen as IDataObject)) {
		tickets[guid] = typeof status === 'string' ? status : null;
	}
	return tickets;
}

/**
 * The memory after a poll: tickets no longer listed keep their old place (oldest first), the
 * listed ones follow in TPP's order with their newest known status, and the oldest entries
 * beyond the cap are dropped.
 */
export function remember(
	previous: SeenTickets,
	listed: ReadonlyArray<[guid: string, status: string | null]>,
	cap = REMEMBERED_TICKETS,
): SeenTickets {
	const listedGuids = new Set(listed.map(([guid]) => guid));
	const entries: Array<[string, string | null]> = Object.entries(previous).filter(
		([guid]) => !listedGuids.has(guid),
	);
	entries.push(...listed);
	const kept = entries.slice(Math.max(0, entries.length - cap));
	return Object.fromEntries(kept);
}

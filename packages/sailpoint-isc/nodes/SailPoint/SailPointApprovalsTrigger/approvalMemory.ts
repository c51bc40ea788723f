import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers per kind of approval, in the workflow's static data.
 *
 * An approval "arrives" for the watched owner when it is created, or (for one owner) when it is
 * forwarded or reassigned to them: an approval forwarded to the owner keeps its creation time,
 * so its arrival is the forward's time. ISC's lists are eventually consistent: an approval may
 * show in the pending list after newer ones were seen. So each poll reads the pending approvals
 * modified since `newest` (the newest modification time listed) minus a look-back window, and
 * emits each whose arrival lies within the window and whose `id@arrival` is not remembered.
 * The memory is that time and the keys of the approvals that arrived within the window: it does
 * not grow with the number of approvals, only with those arriving within one window.
 */

/** How far back each poll looks for approvals that became visible late. */
export const LOOK_BACK_MS = 60 * 60 * 1000;

/** The most keys kept; beyond it the earliest arrivals are forgotten first. */
export const MAX_SEEN = 10_000;

export interface Arrivals {
	/** ISO time of the newest modification listed; '' when nothing was pending yet. */
	newest: string;
	/** Arrivals before this time are not considered ('' none): set when the memory was migrated. */
	floor: string;
	/** `id@arrival` of each approval that arrived within the window, emitted or recorded. */
	seen: string[];
}

/** One pending approval as listed: its ID, arrival and last modification (ISO 8601 UTC). */
export interface Candidate {
	id: string;
	arrival: string;
	modified: string;
}

export const NO_ARRIVALS: Arrivals = { newest: '', floor: '', seen: [] };

/** The earliest arrival (and modification) a poll considers; '' for all. */
export function windowStart(mark: Arrivals): string {
	if (mark.newest === '') return mark.floor;
	const start = new Date(Date.parse(mark.newest) - LOOK_BACK_MS).toISOString();
	return start > mark.floor ? start : mark.floor;
}

function arrivalOf(key: string): string {
	return key.slice(key.lastIndexOf('@') + 1);
}

/**
 * The approvals listed that arrived within the window and are not remembered (in listing
 * order), and the memory after them.
 */
export function advanceArrivals(
	mark: Arrivals,
	listed: readonly Candidate[],
): { fresh: Candidate[]; next: Arrivals } {
	const start = windowStart(mark);
	const seen = new Set(mark.seen);
	const fresh: Candidate[] = [];
	for (const entry of listed) {
		if (entry.arrival < start) continue;
		const key = `${entry.id}@${entry.arrival}`;
		if (seen.has(key)) continue;
		seen.add(key);
		fresh.push(entry);
	}
	let newest = mark.newest;
	for (const entry of listed) if (entry.modified > newest) newest = entry.modified;
	const next: Arrivals = { newest, floor: mark.floor, seen: [] };
	const nextStart = windowStart(next);
	next.seen = [...seen]
		.filter((key) => arrivalOf(key) >= nextStart)
		.sort((a, b) => (arrivalOf(a) < arrivalOf(b) ? -1 : arrivalOf(a) > arrivalOf(b) ? 1 : 0))
		.slice(-MAX_SEEN);
	return { fresh, next };
}

/**
 * The memory of one kind under the trigger's filter key; undefined for a new filter. A memory
 * written by earlier versions (`watermarks`: the newest creation time and the IDs sharing it)
 * is read as arrivals from that time on, so nothing it emitted is emitted again.
 */
export function readArrivals(memory: IDataObject, key: string, kind: string): Arrivals | undefined {
	if (memory.filter !== key) return undefined;
	const mark = (memory.arrivals as IDataObject | undefined)?.[kind] as IDataObject | undefined;
	if (
		mark &&
		typeof mark.newest === 'string' &&
		typeof mark.floor === 'string' &&
		Array.isArray(mark.seen)
	) {
		return {
			newest: mark.newest,
			floor: mark.floor,
			seen: mark.seen.filter((entry): entry is string => typeof entry === 'string'),
		};
	}
	// `watermarks` stays the key: the static data saved by earlier versions is read from it.
	const old = (memory.watermarks as IDataObject | undefined)?.[kind] as IDataObject | undefined;
	if (old && typeof old.since === 'string' && Array.isArray(old.edge)) {
		const since = old.since;
		return {
			newest: since,
			floor: since,
			seen: old.edge
				.filter((id): id is string => typeof id === 'string')
				.map((id) => `${id}@${since}`),
		};
	}
	return undefined;
}

export function writeArrivals(
	memory: IDataObject,
	key: string,
	kind: string,
	mark: Arrivals,
): void {
	if (memory.filter !== key) {
		memory.filter = key;
		memory.arrivals = {};
		delete memory.watermarks;
	}
	const marks = (memory.arrivals ?? {}) as IDataObject;
	marks[kind] = { newest: mark.newest, floor: mark.floor, seen: mark.seen } as IDataObject;
	memory.arrivals = marks;
	const old = memory.watermarks as IDataObject | undefined;
	if (old) {
		delete old[kind];
		if (Object.keys(old).length === 0) delete memory.watermarks;
	}
}

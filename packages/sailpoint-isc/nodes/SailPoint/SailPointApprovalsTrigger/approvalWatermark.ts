import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers per kind of approval, in the workflow's static data: the newest
 * creation time seen (`since`), and the IDs created at exactly that time (a poll asks for
 * `created ge since`, so those come back and must not be emitted twice). The memory stays the
 * same size however many approvals exist: one time and the few IDs sharing it.
 */

export interface Watermark {
	/** ISO time of the newest approval seen; '' when none existed yet (everything later is new). */
	since: string;
	/** IDs created at `since`, already emitted or recorded. */
	edge: string[];
}

/** More IDs than this sharing one creation time would be unusual; the oldest are dropped. */
export const MAX_EDGE_IDS = 1_000;

export function readWatermark(
	memory: IDataObject,
	key: string,
	kind: string,
): Watermark | undefined {
	if (memory.filter !== key) return undefined;
	const marks = memory.watermarks as IDataObject | undefined;
	const mark = marks?.[kind] as IDataObject | undefined;
	if (!mark || typeof mark.since !== 'string' || !Array.isArray(mark.edge)) return undefined;
	return {
		since: mark.since,
		edge: mark.edge.filter((id): id is string => typeof id === 'string'),
	};
}

export function writeWatermark(
	memory: IDataObject,
	key: string,
	kind: string,
	mark: Watermark,
): void {
	if (memory.filter !== key) {
		memory.filter = key;
		memory.watermarks = {};
	}
	const marks = (memory.watermarks ?? {}) as IDataObject;
	marks[kind] = { since: mark.since, edge: mark.edge.slice(-MAX_EDGE_IDS) } as IDataObject;
	memory.watermarks = marks;
}

/** The approvals listed that are new (not at the edge), and the watermark after them. */
export function advance(
	mark: Watermark,
	listed: Array<{ id: string; created: string }>,
): { fresh: string[]; next: Watermark } {
	const edge = new Set(mark.edge);
	const fresh = listed.filter((entry) => !edge.has(entry.id)).map((entry) => entry.id);
	let since = mark.since;
	for (const entry of listed) if (entry.created > since) since = entry.created;
	const atEdge = listed.filter((entry) => entry.created === since).map((entry) => entry.id);
	const next = since === mark.since ? [...new Set([...mark.edge, ...atEdge])] : atEdge;
	return { fresh, next: { since, edge: next } };
}

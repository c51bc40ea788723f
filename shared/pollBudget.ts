import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { PollMemory } from './pollTrigger';

/**
 * n8n 2.38+ gives each poll a time budget (`IPollFunctions.getPollBudgetMs()`, from the
 * scheduler's poll timeout and lease) and abandons a poll that runs past it: it emits nothing
 * and keeps no memory. A trigger with a lot to read then reads what fits, keeps where it got to
 * (a cursor) in the workflow's static data and goes on from there on the next poll. n8n stores
 * the static data with the execution the poll starts, so what was emitted and where the reading
 * stands are kept together. Older n8n offers no budget: the triggers read everything, as before.
 */

/** The share of the budget spent reading; the rest is for comparing, emitting and saving. */
export const READING_SHARE = 0.6;

/** A step is expected to last up to this many times the longest one so far. */
const STEP_MARGIN = 1.5;

export interface PollBudget {
	/** The budget n8n gave, in ms. */
	readonly totalMs: number;
	/**
	 * Whether another step, expected to last like the longest so far (plus `waitMs`, e.g. for a
	 * rate limit's pace), still fits the reading share. The first step only needs the budget not
	 * to be spent: calls a poll makes before it (a listing of every ticket, a permissions
	 * refresh) may take the whole reading share on a slow link, and a poll that never reads
	 * would never move on.
	 */
	fitsAnotherStep(waitMs?: number): boolean;
	/** Runs one step, timing it. */
	step<T>(work: () => Promise<T>): Promise<T>;
}

/** The poll's budget, or undefined when this n8n offers none (n8n before 2.38). */
export function pollBudgetOf(
	context: IPollFunctions,
	now: () => number = Date.now,
): PollBudget | undefined {
	const offered = (context as { getPollBudgetMs?: unknown }).getPollBudgetMs;
	if (typeof offered !== 'function') return undefined;
	const totalMs = Number((offered as () => unknown).call(context));
	if (!Number.isFinite(totalMs) || totalMs <= 0) return undefined;
	const started = now();
	const readingMs = totalMs * READING_SHARE;
	let longest = 0;
	let steps = 0;
	return {
		totalMs,
		fitsAnotherStep: (waitMs = 0) => {
			const spent = now() - started + waitMs;
			return steps === 0 ? spent < totalMs : spent + longest * STEP_MARGIN <= readingMs;
		},
		async step(work) {
			const before = now();
			steps++;
			try {
				return await work();
			} finally {
				longest = Math.max(longest, now() - before);
			}
		},
	};
}

/**
 * Runs steps while the next is expected to fit the budget; a step returns false when there is
 * nothing more to read. The first step runs unless the budget is spent already (by the calls
 * before it, or with the wait a rate limit's pace would add): then the poll reads nothing and
 * the next goes on.
 */
export async function readWhileBudgetAllows(
	budget: PollBudget,
	step: () => Promise<boolean>,
	waitBeforeStepMs: () => Promise<number> = async () => 0,
): Promise<void> {
	for (;;) {
		if (!budget.fitsAnotherStep(await waitBeforeStepMs())) return;
		if (!(await budget.step(step))) return;
	}
}

/** Where a paged scan stands between polls. */
export interface ScanCursor {
	/** Offset of the next entry to read. */
	offset: number;
	/** The scan started on a first activation: what it finds exists already. */
	initial: boolean;
	/** Watched entries met so far in this scan (for the memory's bound). */
	watched: number;
	/**
	 * The initial scan's start (ms since 1970, the first poll's clock less INITIAL_SCAN_MARGIN_MS):
	 * an entry found by a later poll of that scan whose creation time is at or after it came
	 * after the scan began, so it is emitted as new rather than recorded as existing. Absent in
	 * cursors written before it was kept: those entries are recorded, as they were.
	 */
	startedAt?: number;
}

/**
 * How far before the first poll's clock the initial scan counts as started: the vendor stamps
 * creation times with its own clock, which may run behind n8n's by a little. An entry created
 * within this margin before activation may be emitted as new; none created after it is lost.
 */
export const INITIAL_SCAN_MARGIN_MS = 60_000;

/** A creation time as ms since 1970: an ISO 8601 text or a number; undefined when unusable. */
export function creationTimeOf(value: unknown): number | undefined {
	const ms =
		typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isFinite(ms) ? ms : undefined;
}

export function readScanCursor(value: unknown): ScanCursor | undefined {
	const cursor = value as IDataObject | undefined;
	if (
		typeof cursor !== 'object' ||
		cursor === null ||
		!Number.isSafeInteger(cursor.offset) ||
		typeof cursor.initial !== 'boolean' ||
		!Number.isSafeInteger(cursor.watched)
	) {
		return undefined;
	}
	const read: ScanCursor = {
		offset: cursor.offset as number,
		initial: cursor.initial,
		watched: cursor.watched as number,
	};
	if (cursor.initial && Number.isFinite(cursor.startedAt)) {
		read.startedAt = cursor.startedAt as number;
	}
	return read;
}

/** The memory of a budgeted scan: the IDs seen, and where the scan of the listing stands. */
export interface ScanMemory<Id> {
	ids: Id[];
	cursor: ScanCursor | undefined;
}

/**
 * Kept as the usual memory is (`filter`, `seen`: the ID list, see filteredMemory), with the
 * cursor beside it (`scan`) while a scan is under way: n8n versions without a budget read the
 * same memory.
 */
export function scanMemory<Id>(
	filterKey: string,
	recall: (seen: unknown) => Id[] | undefined,
): PollMemory<ScanMemory<Id>> {
	return {
		read: (data) => {
			if (data.filter !== filterKey) return undefined;
			const ids = recall(data.seen);
			return ids === undefined ? undefined : { ids, cursor: readScanCursor(data.scan) };
		},
		write: (data, seen) => {
			data.filter = filterKey;
			data.seen = seen.ids as unknown as IDataObject[keyof IDataObject];
			if (seen.cursor && (seen.cursor.offset > 0 || seen.cursor.initial)) {
				data.scan = seen.cursor as unknown as IDataObject;
			} else delete data.scan;
		},
	};
}

/** One chunk of a paged listing: the watched entries in it and whether the listing ended. */
export interface ScanChunk<Id> {
	entries: Array<{ id: Id; item: IDataObject }>;
	/** How many entries the listing returned (watched or not): the next offset moves by this. */
	listed: number;
	end: boolean;
}

export interface ScanSettings<Id> {
	budget: PollBudget;
	/** The remembered IDs; undefined on a first activation or a new filter. */
	known: Id[] | undefined;
	cursor: ScanCursor | undefined;
	emitExisting: boolean;
	readChunk(offset: number): Promise<ScanChunk<Id>>;
	/** How long the next chunk's requests would wait for a rate limit's pace (0 without one). */
	waitBeforeChunkMs?: () => Promise<number>;
	remember(previous: Id[], listed: Id[]): Id[];
	/** The most watched entries the memory can hold, and the error when more match. */
	limit: number;
	tooMany(matched: number): Error;
	toEvent(item: IDataObject, event: 'new' | 'existing'): IDataObject;
	/**
	 * An entry's creation time (ms since 1970), undefined when it has none usable: during the
	 * initial scan, entries created at or after the scan's start are emitted as new. Without it,
	 * everything the initial scan finds is recorded as existing.
	 */
	createdAt?: (item: IDataObject) => number | undefined;
	/** The clock (tests set it). */
	now?: () => number;
	/**
	 * What the events of a chunk need besides the listing (names, say), added within the chunk's
	 * step so that its time counts against the budget; only the events are passed.
	 */
	completeEvents?: (events: IDataObject[]) => Promise<IDataObject[]>;
}

/**
 * A listing read over as many polls as it takes: each poll goes on from the cursor while the
 * budget allows, emits the entries it has not seen (recorded only, or emitted as existing,
 * during the scan that follows a first activation, except those created since that scan began:
 * new), remembers them at once (so nothing is
 * emitted twice, whatever pages shift between polls) and starts the next scan from the top once
 * the listing ended. An entry a shift made it miss is met by the next scan.
 */
export async function scanWithinBudget<Id>(
	settings: ScanSettings<Id>,
): Promise<{ events: IDataObject[]; known: Id[]; cursor: ScanCursor }> {
	const now = settings.now ?? Date.now;
	let cursor: ScanCursor = settings.cursor
		? { ...settings.cursor }
		: { offset: 0, initial: settings.known === undefined, watched: 0 };
	if (cursor.initial && cursor.startedAt === undefined && settings.cursor === undefined) {
		// A scan spans polls: what is created after its first poll began is new, not existing.
		cursor.startedAt = now() - INITIAL_SCAN_MARGIN_MS;
	}
	const startedAt = cursor.startedAt;
	const createdSinceStart = (item: IDataObject): boolean => {
		if (startedAt === undefined || settings.createdAt === undefined) return false;
		const created = settings.createdAt(item);
		return created !== undefined && created >= startedAt;
	};
	let known = settings.known ?? [];
	const events: IDataObject[] = [];
	await readWhileBudgetAllows(
		settings.budget,
		async () => {
			const chunk = await settings.readChunk(cursor.offset);
			cursor.watched += chunk.entries.length;
			if (cursor.watched > settings.limit) throw settings.tooMany(cursor.watched);
			const seen = new Set(known);
			const fresh: IDataObject[] = [];
			for (const { id, item } of chunk.entries) {
				if (seen.has(id)) continue;
				seen.add(id);
				if (!cursor.initial || createdSinceStart(item)) fresh.push(settings.toEvent(item, 'new'));
				else if (settings.emitExisting) fresh.push(settings.toEvent(item, 'existing'));
			}
			const complete = settings.completeEvents;
			events.push(...(complete && fresh.length > 0 ? await complete(fresh) : fresh));
			known = settings.remember(
				known,
				chunk.entries.map((entry) => entry.id),
			);
			if (chunk.end || chunk.listed === 0) {
				// One scan per poll at most: the next starts from the top on the next poll.
				cursor = { offset: 0, initial: false, watched: 0 };
				return false;
			}
			cursor.offset += chunk.listed;
			return true;
		},
		settings.waitBeforeChunkMs,
	);
	return { events, known, cursor };
}

import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseRequestOptions, type RateLimitDefaults } from './requestOptions';
import type { Connection, ConnectionOptions } from './transport/connection';
import { retrySettings, type RetrySettings } from './transport/retry';

/**
 * The poll flow every trigger shares. Each poll opens a new connection (an edited credential
 * applies without reactivating the workflow) and asks the trigger for its round: what it
 * listed, how to show it, how to compare it with the memory. Then a manual run (the editor's
 * "Fetch Test Event") shows what exists without touching the memory, an active poll refuses
 * to watch more than it can remember, compares with the memory kept for this filter and emits
 * the differences. The memory is written only after everything succeeded, so a failed poll
 * leaves it as it was and the next poll misses nothing.
 */
export interface PollRound<Memory> {
	/** Where the memory lives in the workflow's static data (see `filteredMemory`). */
	memory: PollMemory<Memory>;
	/** A listing whose size the memory bounds; absent when the memory does not grow with it. */
	bound?: {
		/** What one entry is called in messages, plural, e.g. "tickets". */
		noun: string;
		/** How many entries the listing matched, and the most the memory can hold. */
		matched: number;
		limit: number;
		/** How to match fewer entries, for the error when too many match. */
		narrowHint: string;
	};
	/** A manual run: the entries to show; throws a clear error when there is nothing yet. */
	preview(): Promise<IDataObject[]>;
	/**
	 * Compares the listing with the memory (undefined on a first activation or a new filter)
	 * and returns the entries to emit, each with its `event`, and the memory to keep.
	 */
	compare(known: Memory | undefined): Promise<{ events: IDataObject[]; seen: Memory }>;
}

/** Reads and writes a trigger's memory in the node's static data. */
export interface PollMemory<Memory> {
	read(data: IDataObject): Memory | undefined;
	write(data: IDataObject, seen: Memory): void;
}

/**
 * The usual memory: `filter` (the filter it was taken for: a changed filter starts afresh
 * rather than flooding) and `seen`, read back with `recall` (undefined when unreadable).
 */
export function filteredMemory<Memory>(
	filterKey: string,
	recall: (seen: unknown) => Memory | undefined,
): PollMemory<Memory> {
	return {
		read: (data) => (data.filter === filterKey ? recall(data.seen) : undefined),
		write: (data, seen) => {
			data.filter = filterKey;
			data.seen = seen as IDataObject[keyof IDataObject];
		},
	};
}

export type PollMethod = (this: IPollFunctions) => Promise<INodeExecutionData[][] | null>;

/** What a trigger gives the skeleton besides its round. */
export interface TriggerSettings {
	/** Opens the vendor connection for one poll. */
	connect(context: IPollFunctions, options: ConnectionOptions): Connection;
	/** The API's documented rate limit: a trigger has no Request Options, so it always applies. */
	rateLimit?: RateLimitDefaults;
	/** Retry settings other than the defaults (tests hand them to the node's constructor). */
	retry?: Partial<RetrySettings>;
}

/**
 * A trigger's `poll`: n8n calls it with the poll's context as `this`, so the settings reach
 * it through this closure (made in the node's constructor), not through the node object.
 */
export function pollTrigger<Memory>(
	settings: TriggerSettings,
	round: (context: IPollFunctions, connection: Connection) => Promise<PollRound<Memory>>,
): PollMethod {
	const retry = retrySettings(settings.retry);
	const pace = settings.rateLimit ? parseRequestOptions({}, settings.rateLimit).pace : undefined;
	return async function (this: IPollFunctions) {
		// Every request of a poll is a read: safe to repeat after a 5xx or a dropped connection.
		const connection = settings.connect(this, { idempotent: true, retry, pace });
		return await pollRound(this, await round(this, connection));
	};
}

async function pollRound<Memory>(
	context: IPollFunctions,
	round: PollRound<Memory>,
): Promise<INodeExecutionData[][] | null> {
	if (context.getMode() === 'manual') {
		const entries = await round.preview();
		return [
			context.helpers.returnJsonArray(entries.map((entry) => ({ ...entry, event: 'existing' }))),
		];
	}
	const { bound } = round;
	if (bound && bound.matched > bound.limit) {
		throw new NodeOperationError(
			context.getNode(),
			`${bound.matched} ${bound.noun} match, more than the ${bound.limit} this trigger can remember between polls`,
			{ description: bound.narrowHint },
		);
	}
	const data = context.getWorkflowStaticData('node');
	const { events, seen } = await round.compare(round.memory.read(data));
	round.memory.write(data, seen);
	return events.length === 0 ? null : [context.helpers.returnJsonArray(events)];
}

/** The "Emit Existing …" option every trigger has: what the first poll after activation does. */
export function emitExistingOption(
	displayNoun: string,
	existing: string,
	firstPollKeeps = 'records them',
): INodeProperties {
	return {
		displayName: `Emit Existing ${displayNoun}`,
		name: 'emitExisting',
		type: 'boolean',
		default: false,
		description: `Whether the first poll after activation emits the ${existing}. Off: it only ${firstPollKeeps}, and later polls emit what comes after.`,
	};
}

/** A remembered ID list read back from static data; undefined when not a list. */
export function recallIds<Id extends string | number>(
	seen: unknown,
	isId: (value: unknown) => value is Id,
): Id[] | undefined {
	return Array.isArray(seen) ? seen.filter(isId) : undefined;
}

/**
 * An ID memory after a poll: IDs no longer listed keep their old place (oldest first), the
 * listed ones follow in the vendor's order, and the oldest beyond the cap are dropped, so the
 * IDs that left the listing longest ago are forgotten first.
 */
export function rememberIds<Id>(previous: readonly Id[], listed: readonly Id[], cap: number): Id[] {
	const listedIds = new Set(listed);
	const ids = previous.filter((id) => !listedIds.has(id));
	ids.push(...listedIds);
	return ids.slice(Math.max(0, ids.length - cap));
}

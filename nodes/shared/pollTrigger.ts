import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The poll flow both triggers share. The trigger lists what it watches first; then a manual
 * run (the editor's "Fetch Test Event") shows what exists without touching the memory, an
 * active poll refuses to watch more than it can remember, compares with the memory kept for
 * this filter and emits the differences. The memory is written only after everything
 * succeeded, so a failed poll leaves it as it was and the next poll misses nothing.
 */
export interface PollRound<Memory> {
	/** What one entry is called in messages, plural, e.g. "tickets". */
	noun: string;
	/** How many entries the listing matched, and the most the memory can hold. */
	matched: number;
	limit: number;
	/** How to match fewer entries, for the error when too many match. */
	narrowHint: string;
	/** The filter the memory belongs to: a changed filter starts afresh rather than flooding. */
	filterKey: string;
	/** A manual run: the entries to show; throws a clear error when there is nothing yet. */
	preview(): Promise<IDataObject[]>;
	/** The remembered state read back from static data; undefined when unreadable. */
	recall(seen: unknown): Memory | undefined;
	/**
	 * Compares the listing with the memory (undefined on a first activation or a new filter)
	 * and returns the entries to emit, each with its `event`, and the memory to keep.
	 */
	compare(known: Memory | undefined): Promise<{ events: IDataObject[]; seen: Memory }>;
}

export async function pollRound<Memory>(
	context: IPollFunctions,
	round: PollRound<Memory>,
): Promise<INodeExecutionData[][] | null> {
	if (context.getMode() === 'manual') {
		const entries = await round.preview();
		return [
			context.helpers.returnJsonArray(entries.map((entry) => ({ ...entry, event: 'existing' }))),
		];
	}
	if (round.matched > round.limit) {
		throw new NodeOperationError(
			context.getNode(),
			`${round.matched} ${round.noun} match, more than the ${round.limit} this trigger can remember between polls`,
			{ description: round.narrowHint },
		);
	}
	const memory = context.getWorkflowStaticData('node');
	const known = memory.filter === round.filterKey ? round.recall(memory.seen) : undefined;
	const { events, seen } = await round.compare(known);
	memory.filter = round.filterKey;
	memory.seen = seen as IDataObject[keyof IDataObject];
	return events.length === 0 ? null : [context.helpers.returnJsonArray(events)];
}

/**
 * Runs `work` on each entry with at most `limit` calls in flight and returns the results in the
 * entries' order. On a failure no new call starts; once the calls in flight have settled, the
 * failure of the earliest entry is thrown. Every bounded-concurrency loop of the package (items,
 * pages, ticket details) goes through here.
 */
export async function mapInOrder<T, R>(
	entries: readonly T[],
	limit: number,
	work: (entry: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array(entries.length);
	let next = 0;
	let failure: { index: number; error: unknown } | undefined;
	// Read through a call: workers set it across awaits, which the type checker cannot see.
	const failed = () => failure;

	const worker = async () => {
		while (next < entries.length && failed() === undefined) {
			const index = next++;
			try {
				results[index] = await work(entries[index], index);
			} catch (error) {
				const known = failed();
				if (known === undefined || index < known.index) failure = { index, error };
			}
		}
	};

	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, entries.length));
	await Promise.all(Array.from({ length: workers }, worker));
	const settled = failed();
	if (settled !== undefined) throw settled.error;
	return results;
}

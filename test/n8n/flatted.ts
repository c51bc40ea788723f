/**
 * n8n's REST API returns execution data in the `flatted` format (an array where objects and
 * strings are stored once and referenced by index, so cycles survive JSON). This revives it
 * without taking a dependency on n8n's internals.
 */
export function parseFlatted(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		if (revived.has(index)) return revived.get(index);
		const value = table[index];
		if (typeof value !== 'object' || value === null) {
			revived.set(index, value);
			return value;
		}
		const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
		revived.set(index, out);
		for (const [key, entry] of Object.entries(value)) {
			(out as Record<string, unknown>)[key] = typeof entry === 'string' ? revive(Number(entry)) : entry;
		}
		return out;
	};
	return revive(0);
}

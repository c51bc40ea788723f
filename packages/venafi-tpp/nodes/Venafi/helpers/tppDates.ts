/**
 * TPP writes dates as Microsoft JSON dates, `/Date(1489096754000)/` (optionally with an
 * offset such as `/Date(1489096754000+0100)/`, which does not move the instant). These come
 * out as ISO 8601 strings in UTC so n8n expressions and other nodes can use them.
 */
const MS_JSON_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

function tppDateToIso(value: string): string | undefined {
	const match = MS_JSON_DATE.exec(value.trim());
	if (!match) return undefined;
	const date = new Date(Number(match[1]));
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Returns a copy of the value with every `/Date(ms)/` string converted, at any depth. */
export function convertTppDates<T>(value: T): T {
	if (typeof value === 'string') return (tppDateToIso(value) ?? value) as T;
	if (Array.isArray(value)) return value.map((entry) => convertTppDates(entry)) as T;
	if (typeof value === 'object' && value !== null) {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) copy[key] = convertTppDates(entry);
		return copy as T;
	}
	return value;
}

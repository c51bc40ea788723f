import type { INode } from 'n8n-workflow';

import { parameterError } from './errors';
import { truncate } from './validation';

/**
 * Turns what an n8n date field or expression yields (an ISO string with or without a zone,
 * a JS Date, a Luxon DateTime, epoch milliseconds) into a UTC ISO 8601 string with `Z`.
 * A time without a zone is read in the workflow's time zone, as n8n's date picker means it.
 */
export function toUtcIso(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	timeZone: string,
): string {
	const epoch = toEpochMs(value, timeZone);
	if (epoch === undefined || Number.isNaN(epoch)) {
		throw parameterError(
			node,
			`The "${field}" parameter must be a date and time such as 2031-11-25T07:15:00Z, but it is ${
				typeof value === 'string' ? `"${truncate(value)}"` : String(value)
			}`,
			itemIndex,
		);
	}
	return new Date(epoch).toISOString();
}

const ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

function toEpochMs(value: unknown, timeZone: string): number | undefined {
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (isLuxonLike(value)) return value.toMillis();
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (ZONED.test(text)) return Date.parse(text.replace(' ', 'T'));
	const local = LOCAL.exec(text);
	if (!local) return undefined;
	const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = local;
	const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.round(Number(`0.${frac}`) * 1000));
	const check = new Date(wall);
	if (
		check.getUTCMonth() !== +mo - 1 ||
		check.getUTCDate() !== +d ||
		+h > 23 ||
		+mi > 59 ||
		+s > 59
	) {
		return undefined;
	}
	// The offset at the wall time, then again at the result, so DST edges land right.
	const first = wall - offsetMs(wall, timeZone);
	return wall - offsetMs(first, timeZone);
}

function isLuxonLike(value: unknown): value is { toMillis(): number; isValid: boolean } {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function' &&
		(value as { isValid?: unknown }).isValid !== false
	);
}

/** How far ahead of UTC the given zone's wall clock is at that instant, in ms. */
function offsetMs(epoch: number, timeZone: string): number {
	let format: Intl.DateTimeFormat;
	try {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
	} catch {
		return 0;
	}
	const parts: Record<string, number> = {};
	for (const part of format.formatToParts(new Date(epoch))) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	const asUtc = Date.UTC(
		parts.year,
		parts.month - 1,
		parts.day,
		parts.hour,
		parts.minute,
		parts.second,
	);
	return asUtc - Math.floor(epoch / 1000) * 1000;
}

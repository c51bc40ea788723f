import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import type { SandboxRequest } from './http';
import { sendJson } from './http';
import { ISC_ERROR_BODIES } from './isc';

/**
 * The V3 API Standard Collection Parameters as SailPoint's approval services document them:
 * `limit` (0..250), `offset`, `count` (X-Total-Count), `filters` (`field op value` joined by
 * `and`; values quoted, `in` takes a parenthesised list) restricted to each endpoint's fields
 * and operators, and `sorters` (comma-separated fields, `-` for descending). Anything else is
 * ISC's 400 with a cause.
 */

export type Row = Record<string, unknown>;

/** Field → the operators the endpoint allows for it (the spec's filter table). */
export type FilterTable = Record<string, string[]>;

export class CollectionError extends Error {}

interface Condition {
	field: string;
	op: string;
	values: string[];
}

const CONDITION = /^\s*([A-Za-z.]+)\s+(eq|ne|in|gt|ge|lt|le|co|sw|isnull)\b\s*(.*)$/i;

export function parseFilters(raw: string | null, table: FilterTable): Condition[] {
	if (raw === null || raw.trim() === '') return [];
	return splitAnd(raw).map((part) => {
		const match = CONDITION.exec(part);
		if (!match) throw new CollectionError(`filters: cannot read "${part.trim()}"`);
		const [, field, rawOp, rest] = match;
		const op = rawOp.toLowerCase();
		const allowed = table[field];
		if (!allowed) throw new CollectionError(`filters: filtering is not supported for the field "${field}"`);
		if (!allowed.includes(op)) throw new CollectionError(`filters: the operator "${op}" is not supported for "${field}"`);
		if (op === 'isnull') return { field, op, values: [] };
		const values = op === 'in' ? listValues(rest) : [quoted(rest.trim())];
		return { field, op, values };
	});
}

function splitAnd(raw: string): string[] {
	const parts: string[] = [];
	let current = '';
	let inQuote = false;
	for (let i = 0; i < raw.length; i++) {
		const char = raw[i];
		if (char === '"') inQuote = !inQuote;
		if (!inQuote && /^\s+and\s+/i.test(raw.slice(i)) && current.trim() !== '') {
			parts.push(current);
			current = '';
			i += /^\s+and\s+/i.exec(raw.slice(i))![0].length - 1;
			continue;
		}
		current += char;
	}
	parts.push(current);
	return parts;
}

function quoted(text: string): string {
	const match = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
	if (match) return match[1];
	if (/^(true|false|-?\d+(\.\d+)?)$/.test(text)) return text;
	throw new CollectionError(`filters: the value ${text} must be in double quotes`);
}

function listValues(text: string): string[] {
	const match = /^\((.*)\)$/.exec(text.trim());
	if (!match) throw new CollectionError(`filters: "in" takes a list in parentheses, e.g. ("a","b")`);
	return match[1].split(',').map((value) => quoted(value.trim()));
}

/** The value at a dotted path (`requestedFor.id`); arrays of objects match any entry's value. */
function valuesAt(row: Row, field: string): string[] {
	let current: unknown[] = [row];
	for (const key of field.split('.')) {
		current = current.flatMap((value) => {
			const next = value !== null && typeof value === 'object' ? (value as Row)[key] : undefined;
			return Array.isArray(next) ? next : [next];
		});
	}
	return current.filter((value) => value !== undefined && value !== null).map(String);
}

export function matches(row: Row, conditions: Condition[]): boolean {
	return conditions.every(({ field, op, values }) => {
		const found = valuesAt(row, field);
		if (op === 'isnull') return found.length === 0;
		const [value] = values;
		const test = (actual: string): boolean => {
			switch (op) {
				case 'eq':
					return actual.toLowerCase() === value.toLowerCase();
				case 'ne':
					return actual.toLowerCase() !== value.toLowerCase();
				case 'in':
					return values.some((entry) => entry.toLowerCase() === actual.toLowerCase());
				case 'co':
					return actual.toLowerCase().includes(value.toLowerCase());
				case 'sw':
					return actual.toLowerCase().startsWith(value.toLowerCase());
				default:
					return compare(actual, value, op);
			}
		};
		return op === 'ne' ? found.every(test) : found.some(test);
	});
}

function compare(actual: string, value: string, op: string): boolean {
	const a = Date.parse(actual);
	const b = Date.parse(value);
	const [left, right] = Number.isNaN(a) || Number.isNaN(b) ? [actual, value] : [a, b];
	if (op === 'gt') return left > right;
	if (op === 'ge') return left >= right;
	if (op === 'lt') return left < right;
	return left <= right;
}

export function sortRows(rows: Row[], raw: string | null, sortable: string[]): Row[] {
	if (raw === null || raw.trim() === '') return rows;
	const keys = raw.split(',').map((entry) => entry.trim());
	for (const key of keys) {
		if (!sortable.includes(key.replace(/^-/, ''))) throw new CollectionError(`sorters: sorting is not supported for "${key}"`);
	}
	return [...rows].sort((x, y) => {
		for (const key of keys) {
			const field = key.replace(/^-/, '');
			const left = String(x[field] ?? '');
			const right = String(y[field] ?? '');
			if (left !== right) return (left < right ? -1 : 1) * (key.startsWith('-') ? -1 : 1);
		}
		return 0;
	});
}

/** Answers a page of `rows` after filters and sorters, or ISC's 400 for a bad parameter. */
export function answerCollection(
	req: SandboxRequest,
	res: ServerResponse,
	rows: Row[],
	rules: { filters?: FilterTable; sorters?: string[]; present?: (row: Row) => Row },
): void {
	try {
		const limit = integer(req.query.get('limit'), 250, 'limit', 250);
		const offset = integer(req.query.get('offset'), 0, 'offset');
		const conditions = parseFilters(req.query.get('filters'), rules.filters ?? {});
		const sorted = sortRows(rows.filter((row) => matches(row, conditions)), req.query.get('sorters'), rules.sorters ?? []);
		const headers: Record<string, string> = {};
		if (req.query.get('count') === 'true' || req.query.get('count-only') === 'true') headers['X-Total-Count'] = String(sorted.length);
		if (req.query.get('count-only') === 'true') return sendJson(res, 200, [], headers);
		const page = sorted.slice(offset, offset + limit);
		sendJson(res, 200, rules.present ? page.map(rules.present) : page, headers);
	} catch (error) {
		if (error instanceof CollectionError) return badRequest(res, error.message);
		throw error;
	}
}

function integer(raw: string | null, fallback: number, name: string, max = Number.MAX_SAFE_INTEGER): number {
	if (raw === null) return fallback;
	if (!/^\d+$/.test(raw) || Number(raw) > max) {
		throw new CollectionError(`${name}: must be an integer between 0 and ${max === Number.MAX_SAFE_INTEGER ? 'any' : max}, but it is '${raw}'`);
	}
	return Number(raw);
}

export function badRequest(res: ServerResponse, cause: string): void {
	const [message] = ISC_ERROR_BODIES[400].messages;
	sendJson(res, 400, {
		detailCode: '400.1 Bad Request Content',
		trackingId: trackingId(),
		messages: [message],
		causes: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: cause }],
	});
}

export function forbidden(res: ServerResponse): void {
	sendJson(res, 403, { ...ISC_ERROR_BODIES[403], trackingId: trackingId() });
}

export function notFound(res: ServerResponse): void {
	sendJson(res, 404, { ...ISC_ERROR_BODIES[404], trackingId: trackingId() });
}

export function trackingId(): string {
	return randomBytes(16).toString('hex');
}

import type { IDataObject } from 'n8n-workflow';

/**
 * One string for each value that repeats across a listing's items.
 *
 * JSON.parse gives every string value longer than a few characters a string of its own, so a
 * Return All of 100,000 SailPoint work items of one owner holds 100,000 copies of the owner's ID
 * and name, of the requester's, of each description and type. Real listings repeat values just
 * like that (one owner's work items, a few requesters, sources, states and forms), so pointing
 * each such value at the first equal string seen makes the listing lighter than the parsed
 * pages it came from (about a third less heap for 100,000 work items). Nothing visible changes:
 * the same values under the same keys in the same order; only which string a property holds.
 *
 * It stays cheap: strings are looked up per field (a top-level key, or a key of an object or of
 * the objects of an array one level in), and a field whose values do not repeat (IDs, times) is
 * given up once it has shown enough distinct values. Long strings (free text) are left alone.
 */

/** Longer values are seldom repeated and cost more to look up. */
const MAX_LENGTH = 128;

/**
 * Shorter values are left alone: V8's JSON.parse already makes equal short strings (up to 10
 * characters) one string, so looking them up would only cost time.
 */
const MIN_LENGTH = 11;

/** Distinct values a field may keep before it is judged (and given up if they seldom repeat). */
const MAX_VALUES = 256;

/** The first-seen instance of each string value of one field, up to `maxValues` of them. */
export class StringTable {
	private readonly values = new Map<string, string>();
	/** Lookups answered with a string seen before. */
	hits = 0;

	/** The value returned last: a field often holds the same value item after item. */
	private last = '';

	constructor(
		readonly maxValues = MAX_VALUES,
		readonly maxLength = MAX_LENGTH,
		readonly minLength = MIN_LENGTH,
	) {}

	get size(): number {
		return this.values.size;
	}

	/** No room for another value. */
	get full(): boolean {
		return this.values.size >= this.maxValues;
	}

	/** Equal values repeat more often than distinct ones appear: worth looking up. */
	get repeats(): boolean {
		return this.hits >= this.values.size;
	}

	/** The first string equal to `value` seen here; `value` itself the first time, when too long, or once full. */
	intern(value: string): string {
		if (value.length > this.maxLength || value.length < this.minLength) return value;
		if (value === this.last) {
			this.hits++;
			return this.last;
		}
		const known = this.values.get(value);
		if (known !== undefined) {
			this.hits++;
			this.last = known;
			return known;
		}
		if (!this.full) this.values.set(value, value);
		this.last = value;
		return value;
	}
}

/** A field's table, and those of the keys of the objects it holds (one level in). */
class Field {
	table: StringTable | undefined = new StringTable();
	nested: Map<string, Field> | undefined;
}

/** Makes repeated string values of a listing's items share one string; see above. */
export class RepeatedStrings {
	private readonly fields = new Map<string, Field>();

	/** Rewrites each item's string values (and those one level in) to the first equal ones seen. */
	items(items: readonly unknown[]): void {
		for (const item of items) {
			if (isObject(item) && !Array.isArray(item)) this.object(item, this.fields, true);
		}
	}

	private object(target: IDataObject, fields: Map<string, Field>, nestedToo: boolean): void {
		for (const key in target) {
			// `target.__proto__ = ...` goes to the prototype setter, not to the own property JSON.parse made.
			if (key === '__proto__' || !Object.prototype.hasOwnProperty.call(target, key)) continue;
			const value = target[key];
			if (typeof value === 'string') {
				const field = fieldOf(fields, key);
				if (field.table !== undefined) target[key] = internIn(field, field.table, value);
			} else if (nestedToo && isObject(value)) {
				const field = fieldOf(fields, key);
				field.nested ??= new Map();
				if (Array.isArray(value)) this.array(value, field);
				else this.object(value, field.nested, false);
			}
		}
	}

	/** An array one level in: its strings share the field's table, its objects' keys the nested ones. */
	private array(values: unknown[], field: Field): void {
		for (let index = 0; index < values.length; index++) {
			const value = values[index];
			if (typeof value === 'string') {
				if (field.table !== undefined) values[index] = internIn(field, field.table, value);
			} else if (isObject(value) && !Array.isArray(value) && field.nested !== undefined) {
				this.object(value, field.nested, false);
			}
		}
	}
}

function fieldOf(fields: Map<string, Field>, key: string): Field {
	let field = fields.get(key);
	if (field === undefined) {
		field = new Field();
		fields.set(key, field);
	}
	return field;
}

/** Interns `value` in the field's table; a table full of values that seldom repeat is dropped. */
function internIn(field: Field, table: StringTable, value: string): string {
	const interned = table.intern(value);
	if (table.full && !table.repeats) field.table = undefined;
	return interned;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null;
}

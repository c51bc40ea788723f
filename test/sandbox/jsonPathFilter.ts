/**
 * The part of JSONPath that ISC's trigger subscription filters use (SailPoint's "Filtering
 * events" page): a root filter `$[?(...)]` whose predicate compares paths (`$.a.b`, `@.a`,
 * `[0]`, `['name']`, `[*]`, nested `[?(...)]`) with literals (`"text"`, `'text'`, numbers,
 * true, false, null) by `==`, `!=`, `<`, `<=`, `>`, `>=`, joined by `&&`, `||`, `!` and
 * parentheses; a bare path matches when it finds something. A path that yields several values
 * matches when any of them does. Enough to tell a valid filter from an invalid one, whether its
 * paths exist in an input, and whether an event passes it.
 */

type Literal = string | number | boolean | null;
type Step = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'all' } | { kind: 'filter'; predicate: Expr };
type Expr =
	| { kind: 'path'; root: '$' | '@'; steps: Step[] }
	| { kind: 'literal'; value: Literal }
	| { kind: 'compare'; op: string; left: Expr; right: Expr }
	| { kind: 'and' | 'or'; left: Expr; right: Expr }
	| { kind: 'not'; operand: Expr };

export class JsonPathError extends Error {}

class Parser {
	private at = 0;
	constructor(private readonly text: string) {}

	parseFilter(): Expr {
		const expr = this.path();
		this.space();
		if (this.at < this.text.length) this.fail(`unexpected "${this.text.slice(this.at, this.at + 10)}"`);
		return expr;
	}

	private fail(reason: string): never {
		throw new JsonPathError(`${reason} at position ${this.at}`);
	}

	private space() {
		while (/\s/.test(this.text[this.at] ?? '')) this.at++;
	}

	private eat(token: string): boolean {
		this.space();
		if (this.text.startsWith(token, this.at)) {
			this.at += token.length;
			return true;
		}
		return false;
	}

	private expect(token: string) {
		if (!this.eat(token)) this.fail(`expected "${token}"`);
	}

	private path(): Expr & { kind: 'path' } {
		this.space();
		const root = this.text[this.at];
		if (root !== '$' && root !== '@') this.fail('a path starts with $ or @');
		this.at++;
		const steps: Step[] = [];
		for (;;) {
			if (this.text[this.at] === '.') {
				this.at++;
				if (this.text[this.at] === '*') {
					this.at++;
					steps.push({ kind: 'all' });
					continue;
				}
				const name = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.at))?.[0];
				if (!name) this.fail('expected a name after "."');
				this.at += name.length;
				steps.push({ kind: 'name', name });
			} else if (this.text[this.at] === '[') {
				this.at++;
				if (this.eat('?(')) {
					const predicate = this.or();
					this.expect(')');
					steps.push({ kind: 'filter', predicate });
				} else if (this.eat('*')) {
					steps.push({ kind: 'all' });
				} else {
					this.space();
					const quote = this.text[this.at];
					if (quote === '"' || quote === "'") steps.push({ kind: 'name', name: this.string() });
					else {
						const digits = /^\d+/.exec(this.text.slice(this.at))?.[0];
						if (!digits) this.fail('expected an index, a quoted name, * or ?( in brackets');
						this.at += digits.length;
						steps.push({ kind: 'index', index: Number(digits) });
					}
				}
				this.expect(']');
			} else return { kind: 'path', root, steps };
		}
	}

	private string(): string {
		const quote = this.text[this.at];
		let value = '';
		this.at++;
		while (this.at < this.text.length && this.text[this.at] !== quote) {
			if (this.text[this.at] === '\\') this.at++;
			value += this.text[this.at++];
		}
		if (this.text[this.at] !== quote) this.fail('unterminated string');
		this.at++;
		return value;
	}

	private or(): Expr {
		let left = this.and();
		while (this.eat('||')) left = { kind: 'or', left, right: this.and() };
		return left;
	}

	private and(): Expr {
		let left = this.unary();
		while (this.eat('&&')) left = { kind: 'and', left, right: this.unary() };
		return left;
	}

	private unary(): Expr {
		if (this.eat('!') && !this.text.startsWith('=', this.at)) return { kind: 'not', operand: this.unary() };
		if (this.eat('(')) {
			const inner = this.or();
			this.expect(')');
			return inner;
		}
		const left = this.operand();
		for (const op of ['==', '!=', '<=', '>=', '<', '>']) {
			if (this.eat(op)) return { kind: 'compare', op, left, right: this.operand() };
		}
		return left;
	}

	private operand(): Expr {
		this.space();
		const char = this.text[this.at];
		if (char === '$' || char === '@') return this.path();
		if (char === '"' || char === "'") return { kind: 'literal', value: this.string() };
		const word = /^(true|false|null|-?\d+(?:\.\d+)?)/.exec(this.text.slice(this.at))?.[0];
		if (!word) this.fail('expected a path or a value');
		this.at += word.length;
		const value: Literal = word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : Number(word);
		return { kind: 'literal', value };
	}
}

/** Parses a filter; throws JsonPathError naming what is wrong. */
export function parseJsonPathFilter(filter: string): Expr {
	return new Parser(filter.trim()).parseFilter();
}

interface Evaluation {
	/** Paths that found nothing in the input. */
	missing: number;
}

function select(root: unknown, current: unknown, path: Expr & { kind: 'path' }, seen: Evaluation): unknown[] {
	let values: unknown[] = [path.root === '$' ? root : current];
	for (const step of path.steps) {
		const next: unknown[] = [];
		for (const value of values) {
			if (step.kind === 'name' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
				if (step.name in value) next.push((value as Record<string, unknown>)[step.name]);
			} else if (step.kind === 'index' && Array.isArray(value) && step.index < value.length) {
				next.push(value[step.index]);
			} else if (step.kind === 'all' && value !== null && typeof value === 'object') {
				next.push(...Object.values(value));
			} else if (step.kind === 'filter' && value !== null && typeof value === 'object') {
				// On an array, each element is tested; on an object (the root filter), the object itself.
				const candidates = Array.isArray(value) ? value : [value];
				next.push(...candidates.filter((candidate) => truthy(evaluate(root, candidate, step.predicate, seen))));
			}
		}
		values = next;
	}
	if (values.length === 0 && path.steps.every((step) => step.kind !== 'filter')) seen.missing++;
	return values;
}

function evaluate(root: unknown, current: unknown, expr: Expr, seen: Evaluation): unknown[] {
	switch (expr.kind) {
		case 'literal':
			return [expr.value];
		case 'path':
			return select(root, current, expr, seen);
		case 'not':
			return [!truthy(evaluate(root, current, expr.operand, seen))];
		case 'and': {
			const left = truthy(evaluate(root, current, expr.left, seen));
			const right = truthy(evaluate(root, current, expr.right, seen));
			return [left && right];
		}
		case 'or': {
			const left = truthy(evaluate(root, current, expr.left, seen));
			const right = truthy(evaluate(root, current, expr.right, seen));
			return [left || right];
		}
		case 'compare': {
			const lefts = evaluate(root, current, expr.left, seen);
			const rights = evaluate(root, current, expr.right, seen);
			return [lefts.some((left) => rights.some((right) => compare(left, right, expr.op)))];
		}
	}
}

function truthy(values: unknown[]): boolean {
	return values.some((value) => value !== false && value !== null && value !== undefined);
}

function compare(left: unknown, right: unknown, op: string): boolean {
	switch (op) {
		case '==':
			return left === right;
		case '!=':
			return left !== right;
		default: {
			if (typeof left !== typeof right || (typeof left !== 'number' && typeof left !== 'string')) return false;
			const [a, b] = [left as number | string, right as number | string];
			return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
		}
	}
}

/** validate-filter's answer for a filter and an input (ISC's ValidateFilterOutputDto). */
export function validateJsonPathFilter(filter: string, input: unknown): { isValid: boolean; isValidJSONPath: boolean; isPathExist: boolean } {
	let expr: Expr;
	try {
		expr = parseJsonPathFilter(filter);
	} catch (error) {
		if (error instanceof JsonPathError) return { isValid: false, isValidJSONPath: false, isPathExist: false };
		throw error;
	}
	const seen: Evaluation = { missing: 0 };
	const matched = truthy(evaluate(input, input, expr, seen));
	return { isValid: matched, isValidJSONPath: true, isPathExist: seen.missing === 0 };
}

/** Whether an event passes a subscription's filter (a filter that fails to parse passes nothing). */
export function filterMatches(filter: string | undefined, input: unknown): boolean {
	if (filter === undefined || filter.trim() === '') return true;
	return validateJsonPathFilter(filter, input).isValid;
}

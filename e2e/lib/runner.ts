/**
 * A small sequential test runner for the e2e scripts: one n8n serves all cases, so cases run
 * in order, each timed, and the run ends with the plain `N passed, M failed` line CI reads.
 */
export type TestFn = () => Promise<void>;

export class TestRun {
	private readonly cases: Array<{ name: string; fn: TestFn }> = [];
	readonly failures: Array<{ name: string; error: unknown }> = [];
	passed = 0;

	constructor(readonly title: string) {}

	/** E2E_ONLY=<text> runs only the cases whose name contains it (while working on one). */
	test(name: string, fn: TestFn): void {
		const only = process.env.E2E_ONLY;
		if (only && !name.toLowerCase().includes(only.toLowerCase())) return;
		this.cases.push({ name, fn });
	}

	async run(): Promise<boolean> {
		process.stdout.write(`\n${this.title}\n`);
		for (const { name, fn } of this.cases) {
			const started = Date.now();
			try {
				await fn();
				this.passed++;
				process.stdout.write(`  PASS  ${name} (${Date.now() - started} ms)\n`);
			} catch (error) {
				this.failures.push({ name, error });
				process.stdout.write(`  FAIL  ${name} (${Date.now() - started} ms)\n${indent(describe(error))}\n`);
			}
		}
		return this.failures.length === 0;
	}

	/** Records an outcome decided outside `test()` (e.g. set-up that failed). */
	fail(name: string, error: unknown): void {
		this.failures.push({ name, error });
		process.stdout.write(`  FAIL  ${name}\n${indent(describe(error))}\n`);
	}

	summary(): string {
		const lines = [''];
		if (this.failures.length > 0) {
			lines.push('Failed:');
			for (const { name } of this.failures) lines.push(`  - ${name}`);
		}
		lines.push(`${this.passed} passed, ${this.failures.length} failed`);
		return lines.join('\n');
	}
}

function describe(error: unknown): string {
	if (error instanceof Error) return (error.stack ?? error.message).split('\n').slice(0, 12).join('\n');
	return String(error);
}

function indent(text: string): string {
	return text
		.split('\n')
		.map((line) => `        ${line}`)
		.join('\n');
}

import type { WorkflowRun } from './run';

/** Everything a run produced that a user or a log could see, as one string. */
export function visibleText(run: WorkflowRun): string {
	const parts: unknown[] = [];
	for (const [name, tasks] of Object.entries(run.run.data.resultData.runData)) {
		for (const task of tasks) {
			parts.push(name, task.data, task.error && errorFields(task.error));
		}
	}
	if (run.error) parts.push(errorFields(run.error));
	return JSON.stringify(parts);
}

function errorFields(error: object): Record<string, unknown> {
	const record = error as unknown as Record<string, unknown>;
	return {
		message: record.message,
		description: record.description,
		context: record.context,
		messages: record.messages,
		stack: record.stack,
		cause: safeStringify(record.cause),
		errorResponse: safeStringify(record.errorResponse),
	};
}

function safeStringify(value: unknown): string {
	const seen = new WeakSet<object>();
	try {
		return JSON.stringify(value, (_key, entry: unknown) => {
			if (typeof entry === 'object' && entry !== null) {
				if (seen.has(entry)) return '[circular]';
				seen.add(entry);
			}
			return entry;
		}) ?? '';
	} catch {
		return String(value);
	}
}

/** Fails when any of the secrets shows anywhere in what the run produced. */
export function expectNoSecrets(run: WorkflowRun, ...secrets: string[]): void {
	const text = visibleText(run);
	for (const secret of secrets) expect(text.includes(secret)).toBe(false);
}

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8nInstall } from './paths';
import { freePort } from './ports';
import { ManagedProcess, runCommand } from './processes';

/**
 * One n8n "home": a temporary N8N_USER_FOLDER (SQLite database, encryption key, community
 * nodes folder) and the environment every n8n process of a run shares. Everything listens on
 * 127.0.0.1; diagnostics, version notifications, templates and other calls home are off.
 */
export class N8nHome {
	readonly userFolder: string;
	readonly logDir: string;
	readonly encryptionKey = randomBytes(24).toString('hex');

	constructor(
		readonly install: N8nInstall,
		options: { userFolder?: string; extraEnv?: Record<string, string> } = {},
	) {
		this.userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
		this.logDir = join(this.userFolder, 'logs');
		mkdirSync(this.logDir, { recursive: true });
		this.extraEnv = options.extraEnv ?? {};
	}

	private readonly extraEnv: Record<string, string>;

	/** The environment of every n8n process of this home; each call gets its own broker port. */
	async env(overrides: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
		const base: NodeJS.ProcessEnv = {};
		// Keep PATH/HOME/locale; drop anything n8n-related from the caller's environment.
		for (const [key, value] of Object.entries(process.env)) {
			if (!/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL|GENERIC_TIMEZONE|NODE_OPTIONS)/.test(key)) base[key] = value;
		}
		return {
			...base,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_PYTHON_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_LOG_LEVEL: 'info',
			GENERIC_TIMEZONE: 'UTC',
			...this.install.env,
			...this.extraEnv,
			...overrides,
		};
	}

	/** Runs an n8n CLI command (import, execute, ...) to its end. */
	async cli(args: string[], overrides: Record<string, string> = {}) {
		return await runCommand(this.install.node, [this.install.bin, ...args], {
			env: await this.env(overrides),
			cwd: this.userFolder,
		});
	}

	/** `n8n import:credentials`: plain field values, encrypted by n8n with this home's key. */
	async importCredentials(credentials: object[]): Promise<void> {
		const file = join(this.userFolder, 'credentials.import.json');
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		await this.cli(['import:credentials', `--input=${file}`]);
	}

	/** `n8n import:workflow --separate`: one file per workflow, ids kept. */
	async importWorkflows(workflows: object[]): Promise<void> {
		const dir = join(this.userFolder, 'workflows.import');
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		workflows.forEach((workflow, index) => writeFileSync(join(dir, `${index}.json`), JSON.stringify(workflow, null, 2)));
		await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/**
	 * `n8n execute --id --rawOutput`: runs a saved workflow in a fresh process and returns the
	 * run (IRun). The JSON is printed among log lines; it starts at the first line that
	 * starts with `{`.
	 */
	async execute(workflowId: string): Promise<ExecuteResult> {
		const result = await runCommand(
			this.install.node,
			[this.install.bin, 'execute', `--id=${workflowId}`, '--rawOutput'],
			{ env: await this.env(), cwd: this.userFolder, allowFailure: true, stdoutFile: join(this.userFolder, 'execute.out') },
		);
		const output = `${result.stdout}`;
		return { code: result.code, output: `${result.stdout}\n${result.stderr}`, run: extractJson(output) };
	}

	/** `n8n start` (or `n8n worker`) in the background; resolves once it is ready. */
	async start(
		kind: 'main' | 'worker' = 'main',
		overrides: Record<string, string> = {},
		name: string = kind,
	): Promise<N8nServer> {
		const port = overrides.N8N_PORT ? Number(overrides.N8N_PORT) : await freePort();
		const env = await this.env({
			N8N_PORT: String(port),
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
			...overrides,
		});
		const started = Date.now();
		const processHandle = new ManagedProcess(
			`n8n ${name}`,
			this.install.node,
			[this.install.bin, kind === 'main' ? 'start' : 'worker'],
			{ env, cwd: this.userFolder, logFile: join(this.logDir, `${name}.log`) },
		);
		// /healthz/readiness answers before the REST API is up: wait for the log line instead.
		const ready = kind === 'main' ? /Editor is now accessible/ : /n8n worker is now ready|Worker ready|worker is now ready/i;
		// E2E_START_TIMEOUT_MS: n8n starts in seconds on an idle machine, in minutes on a busy one.
		await processHandle.waitFor(ready, Number(process.env.E2E_START_TIMEOUT_MS ?? 300_000));
		return new N8nServer(processHandle, `http://127.0.0.1:${port}`, Date.now() - started);
	}

	remove(): void {
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

export interface ExecuteResult {
	code: number | null;
	output: string;
	run: unknown;
}

export class N8nServer {
	constructor(
		readonly process: ManagedProcess,
		readonly url: string,
		readonly startupMs: number,
	) {}

	async stop(): Promise<void> {
		await this.process.stop();
	}
}

/** The JSON document printed among log lines: from the first line starting with `{`. */
export function extractJson(output: string): unknown {
	const lines = output.split('\n');
	const start = lines.findIndex((line) => line.startsWith('{'));
	if (start < 0) return undefined;
	// Log lines may follow it: try the longest candidate ending in a closing brace first.
	for (let end = lines.length; end > start; end--) {
		if (!lines[end - 1].startsWith('}')) continue;
		try {
			return JSON.parse(lines.slice(start, end).join('\n'));
		} catch {
			// Not a whole document yet.
		}
	}
	return undefined;
}

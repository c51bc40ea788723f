import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { closeSync, createWriteStream, openSync, readFileSync, type WriteStream } from 'node:fs';

/** Child processes the e2e scripts start: run-to-end commands and long-running servers. */

export interface CommandResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs a command to its end and captures its output. Rejects with the output if it fails. */
export async function runCommand(
	command: string,
	args: string[],
	options: SpawnOptions & { allowFailure?: boolean; echo?: boolean; stdoutFile?: string } = {},
): Promise<CommandResult> {
	return await new Promise((resolve, reject) => {
		// A child that exits right after printing a large output (n8n execute --rawOutput) loses
		// the end of it through a pipe; written to a file, every byte arrives.
		const stdoutFd = options.stdoutFile === undefined ? undefined : openSync(options.stdoutFile, 'w');
		const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'] });
		if (stdoutFd !== undefined) closeSync(stdoutFd);
		commands.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			if (options.echo) process.stdout.write(chunk);
		});
		child.stderr!.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			if (options.echo) process.stderr.write(chunk);
		});
		child.once('error', reject);
		child.once('close', (code) => {
			commands.delete(child);
			if (options.stdoutFile !== undefined) stdout = readFileSync(options.stdoutFile, 'utf8');
			const result = { code, stdout, stderr };
			if (code !== 0 && !options.allowFailure) {
				const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-25).join('\n');
				reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${tail}`));
				return;
			}
			resolve(result);
		});
	});
}

/**
 * A long-running child (n8n, redis-server) in its own process group, so stopping it also stops
 * what it started (n8n's task runner). Its output goes to a log file and is kept for waitFor().
 */
export class ManagedProcess {
	readonly child: ChildProcess;
	private output = '';
	private readonly logStream: WriteStream;
	private exited: Promise<number | null>;
	private waiters: Array<() => void> = [];

	constructor(
		readonly name: string,
		command: string,
		args: string[],
		options: SpawnOptions & { logFile: string },
	) {
		this.logStream = createWriteStream(options.logFile, { flags: 'a' });
		this.child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		const onData = (chunk: Buffer) => {
			this.output += chunk.toString();
			this.logStream.write(chunk);
			for (const waiter of this.waiters) waiter();
		};
		this.child.stdout!.on('data', onData);
		this.child.stderr!.on('data', onData);
		this.exited = new Promise((resolve) => {
			this.child.once('exit', (code) => {
				for (const waiter of this.waiters) waiter();
				resolve(code);
			});
		});
		running.add(this);
	}

	get log(): string {
		return this.output;
	}

	get isRunning(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Waits until the output matches; fails early if the process exits first. */
	async waitFor(pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpMatchArray> {
		return await new Promise((resolve, reject) => {
			const check = () => {
				const match = this.output.slice(from).match(pattern);
				if (match) return finish(() => resolve(match));
				if (!this.isRunning) {
					const tail = this.output.trim().split('\n').slice(-20).join('\n');
					return finish(() => reject(new Error(`${this.name} exited before printing ${pattern}:\n${tail}`)));
				}
			};
			const timer = setTimeout(() => {
				const tail = this.output.trim().split('\n').slice(-20).join('\n');
				finish(() => reject(new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms:\n${tail}`)));
			}, timeoutMs);
			const finish = (done: () => void) => {
				clearTimeout(timer);
				this.waiters = this.waiters.filter((waiter) => waiter !== check);
				done();
			};
			this.waiters.push(check);
			check();
		});
	}

	/** SIGTERM to the whole group, SIGKILL if it is still there after the grace period. */
	async stop(graceMs = 15_000): Promise<void> {
		running.delete(this);
		if (this.isRunning && this.child.pid) {
			signalGroup(this.child.pid, 'SIGTERM');
			const timer = setTimeout(() => signalGroup(this.child.pid!, 'SIGKILL'), graceMs);
			await this.exited;
			clearTimeout(timer);
		}
		// The runner processes of the group may outlive their parent by a moment.
		if (this.child.pid) signalGroup(this.child.pid, 'SIGKILL');
		await new Promise<void>((resolve) => this.logStream.end(() => resolve()));
	}
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// Already gone.
	}
}

const running = new Set<ManagedProcess>();
/** Run-to-end commands in progress (n8n import/execute, npm), stopped on Ctrl-C too. */
const commands = new Set<ChildProcess>();

/** Stops every process still running; used on Ctrl-C and on unexpected exits. */
export async function stopAll(): Promise<void> {
	for (const child of commands) if (child.pid) signalGroup(child.pid, 'SIGTERM');
	await Promise.all([...running].map(async (managed) => await managed.stop(5_000)));
}

/** Ctrl-C or SIGTERM: stop what we started, run the cleanup, exit. */
export function stopEverythingOnSignal(cleanup: () => Promise<void> = async () => {}, exitCode = 130): void {
	let stopping = false;
	const onSignal = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${signal}: stopping everything this script started...\n`);
		void stopAll()
			.then(cleanup)
			.finally(() => process.exit(exitCode));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
}

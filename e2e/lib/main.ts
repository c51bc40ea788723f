import { stopEverythingOnSignal } from '../../test/n8n/processes';
import { TestRun } from './runner';
import { startSession, type Session, type SessionOptions } from '../../test/n8n/session';

/**
 * An e2e script's main: start a session of n8n with the sandbox, run the registered cases, stop
 * (keeping n8n's home when a case failed), print the summary and set the exit code.
 */
export async function runE2e(title: string, options: SessionOptions, register: (run: TestRun, session: Session) => void): Promise<void> {
	const started = Date.now();
	const run = new TestRun(`${title} (${options.install.label})`);
	stopEverythingOnSignal();
	let session: Session | undefined;
	try {
		session = await startSession(options);
		process.stdout.write(`n8n ${session.version} on ${session.install.node === process.execPath ? `Node ${process.version}` : session.install.node}, up in ${(session.main.startupMs / 1000).toFixed(1)}s\n`);
		register(run, session);
		await run.run();
	} catch (error) {
		run.fail('set-up', error);
	} finally {
		const failed = run.failures.length > 0;
		await session?.stop({ keepHome: failed });
		if (failed && session) process.stdout.write(`\nn8n home and logs kept for inspection: ${session.home.userFolder}\n`);
	}
	process.stdout.write(`\nTotal time ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
	process.stdout.write(`${run.summary()}\n`);
	process.exitCode = run.failures.length > 0 ? 1 : 0;
}

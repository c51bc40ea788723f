import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './ports';
import { ManagedProcess } from './processes';

/** Debian's redis-server on 127.0.0.1, a free port, nothing saved to disk. */
export async function startRedis(): Promise<{ port: number; process: ManagedProcess; stop: () => Promise<void> }> {
	const binary = ['/usr/bin/redis-server', '/usr/sbin/redis-server'].find((path) => existsSync(path));
	if (!binary) throw new Error('redis-server is not installed: apt-get update && apt-get install -y redis-server');
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'n8n-e2e-redis-'));
	const redis = new ManagedProcess(
		'redis-server',
		binary,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'],
		{ logFile: join(dir, 'redis.log') },
	);
	await redis.waitFor(/Ready to accept connections/, 15_000);
	return {
		port,
		process: redis,
		async stop() {
			await redis.stop();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/**
 * The environment of every n8n process of a queue-mode run against this Redis: `n8n start`
 * enqueues (manual runs too), `n8n worker` processes execute. Production concurrency -1 leaves
 * each worker its own `--concurrency` (a worker's env may set N8N_CONCURRENCY_PRODUCTION_LIMIT).
 */
export function queueModeEnv(redisPort: number): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_CONCURRENCY_PRODUCTION_LIMIT: '-1',
	};
}

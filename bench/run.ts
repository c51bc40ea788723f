/*
 * `npm run bench`: our nodes against the alternatives a builder or a script writer has, side
 * by side against the local sandbox, in one process run. Prints figures, asserts nothing;
 * writes bench/results.md (a partial run with --only writes bench/.tmp/results.partial.md).
 *
 *   --runs N             runs per figure of parts 1 and 3 (default 5)
 *   --return-all-runs N  runs of part 2 (default 5)
 *   --queue-runs N       runs per set-up of part 6 (default 2)
 *   --only a,b           some of: tickets, tls, returnall, ratelimit, package, profile, queue
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGES, repoRoot } from '../e2e/lib/paths';
import { stopEverythingOnSignal } from '../e2e/lib/processes';
import { describeMachine } from './machine';
import { startBenchSession, type BenchSession } from './n8nSession';
import { packageCost } from './packageCost';
import { rateLimitBench } from './rateLimitBench';
import { renderResults, type BenchResults } from './report';
import { returnAllBench } from './returnAllBench';
import { ticketBench } from './ticketBench';
import { tlsBench } from './tlsBench';
import { profileTicketDetails } from './profile';
import { queueBench } from './queueBench';
import { loadavg } from 'node:os';
import { runCommand } from '../e2e/lib/processes';

const PARTS = ['tickets', 'tls', 'returnall', 'ratelimit', 'package', 'profile', 'queue'] as const;
type Part = (typeof PARTS)[number];

function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
	if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a whole number of at least 1`);
	return value;
}

function selectedParts(): Set<Part> {
	const index = process.argv.indexOf('--only');
	if (index < 0) return new Set(PARTS);
	const wanted = (process.argv[index + 1] ?? '').split(',').map((part) => part.trim().toLowerCase());
	const unknown = wanted.filter((part) => !PARTS.includes(part as Part));
	if (unknown.length > 0) throw new Error(`--only takes some of ${PARTS.join(', ')}; not ${unknown.join(', ')}`);
	return new Set(wanted as Part[]);
}

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
	const started = Date.now();
	const parts = selectedParts();
	const settings = {
		runs: option('runs', 5),
		items: 1000,
		returnAllItems: 100_000,
		returnAllRuns: option('return-all-runs', 5),
		rateLimitRuns: option('runs', 5),
		queueRuns: option('queue-runs', 2),
	};
	const results: BenchResults = { date: new Date().toISOString(), machine: describeMachine(), settings, durationMs: 0, load: [] };
	const noteLoad = (at: string) => {
		results.load.push({ at, load: loadavg() });
		log(`  load average ${loadavg().map((n) => n.toFixed(2)).join(', ')} (${at})`);
	};
	noteLoad('start');

	if (parts.has('tickets') || parts.has('tls') || parts.has('ratelimit')) {
		log('\nParts 1 and 3: inside n8n');
		const session: BenchSession = await startBenchSession(log);
		results.n8nVersion = session.version;
		try {
			if (parts.has('tickets')) {
				log(`\n1. Venafi Ticket, ${settings.items} items, ours vs HTTP Request node`);
				results.tickets = await ticketBench(session, { items: settings.items, runs: settings.runs, latencies: [0, 20] }, log);
				noteLoad('after part 1');
			}
			if (parts.has('tls')) {
				log(`\n1b. Ticket Details over HTTPS, ${settings.items} items, ours vs HTTP Request node vs raw clients`);
				results.tls = await tlsBench(session, { items: settings.items, runs: settings.runs }, log);
				noteLoad('after part 1b');
			}
			if (parts.has('ratelimit')) {
				const limit = { requests: 50, windowMs: 1000 };
				log(`\n3. Rate limited (${limit.requests} per ${limit.windowMs} ms per token), ${settings.items} work item reads`);
				const rate = await rateLimitBench(session, { items: settings.items, runs: settings.rateLimitRuns, limit }, log);
				results.rateLimited = { ...rate, limit: `${limit.requests} requests per ${limit.windowMs / 1000} s`, items: settings.items };
			}
		} finally {
			await session.stop();
		}
	} else if (parts.has('package')) {
		await runCommand('npm', ['run', 'build'], { cwd: repoRoot });
	}

	if (parts.has('returnall')) {
		log(`\n2. Work Items Return All of ${settings.returnAllItems} items`);
		if (!existsSync(join(repoRoot, 'bench', 'node_modules', 'sailpoint-api-client'))) {
			// The comparison's own dependencies (bench/package.json), kept out of the root install.
			log('  npm install --prefix bench (sailpoint-api-client, axios)');
			await runCommand('npm', ['install', '--prefix', join(repoRoot, 'bench'), '--no-audit', '--no-fund', '--loglevel=error'], { cwd: repoRoot });
		}
		results.returnAll = await returnAllBench({ items: settings.returnAllItems, runs: settings.returnAllRuns }, log);
		noteLoad('after part 2');
	}

	if (parts.has('profile')) {
		log('\n5. Profile: where an item of Ticket Details spends its time');
		results.profile = await profileTicketDetails({ items: settings.items, runs: 3 }, log);
		noteLoad('after part 5');
	}

	if (parts.has('queue')) {
		const limit = { requests: 50, windowMs: 1000 };
		log(`\n6. Queue mode: 3 executions of ${settings.items} work item reads started together, one token, ${limit.requests} per ${limit.windowMs} ms`);
		results.queue = await queueBench({ executions: 3, itemsPerExecution: settings.items, runs: settings.queueRuns, limit }, log);
		noteLoad('after part 6');
	}

	if (parts.has('package')) {
		log('\n4. Package cost');
		results.packageCost = PACKAGES.map((pkg) => packageCost(pkg, { loads: 7 }));
	}

	results.durationMs = Date.now() - started;
	const markdown = renderResults(results);
	const full = PARTS.every((part) => parts.has(part));
	const file = full ? join(repoRoot, 'bench', 'results.md') : join(repoRoot, 'bench', '.tmp', 'results.partial.md');
	mkdirSync(join(file, '..'), { recursive: true });
	writeFileSync(file, markdown);
	log(`\n${markdown}`);
	log(`Written to ${file}`);
}

stopEverythingOnSignal();
main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);

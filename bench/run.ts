/*
 * `npm run bench`: our nodes against the alternatives a builder or a script writer has, side
 * by side against the local sandbox, in one process run. Prints figures, asserts nothing;
 * writes bench/results.md (a partial run with --only writes bench/.tmp/results.partial.md).
 *
 *   --runs N             runs per figure of parts 1 and 3 (default 5)
 *   --return-all-runs N  runs of part 2 (default 5)
 *   --queue-runs N       runs per set-up of part 6 (default 2)
 *   --decide-runs N      runs of part 7 (default 2)
 *   --only a,b           some of: tickets, tls, returnall, ratelimit, package, profile, queue, decide,
 *                        n8nprofile (part 5b: a CPU profile of n8n itself running part 1 at 20 ms)
 *   --lines a,b          the n8n lines parts 1, 1b, 2, 3 and 6 run on, one after the other: pinned
 *                        (n8n 2.8.4 on this Node) and latest (the newest n8n 2.x that installs
 *                        here, on Node 24: e2e/latest); default both
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ensureN8nInstalled } from '../test/n8n/install';
import { latestN8n, n8nVersion, PACKAGES, pinnedN8n, repoRoot, type N8nInstall } from '../test/n8n/paths';
import { stopEverythingOnSignal } from '../test/n8n/processes';
import { describeMachine } from './machine';
import { startBenchSession, type BenchSession } from './n8nSession';
import { packageCost } from './packageCost';
import { rateLimitBench } from './rateLimitBench';
import { renderResults, type BenchResults, type LineResults } from './report';
import { returnAllBench } from './returnAllBench';
import { ticketBench } from './ticketBench';
import { tlsBench } from './tlsBench';
import { profileTicketDetails } from './profile';
import { queueBench } from './queueBench';
import { decideBench } from './decideBench';
import { profileInN8n } from './profileN8n';
import { loadavg } from 'node:os';
import { runCommand } from '../test/n8n/processes';

const PARTS = ['tickets', 'tls', 'returnall', 'ratelimit', 'package', 'profile', 'queue', 'decide', 'n8nprofile'] as const;
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

const LINES: Record<string, N8nInstall> = { pinned: pinnedN8n, latest: latestN8n };

function selectedLines(): N8nInstall[] {
	const index = process.argv.indexOf('--lines');
	if (index < 0) return Object.values(LINES);
	const wanted = (process.argv[index + 1] ?? '').split(',').map((name) => name.trim().toLowerCase());
	const unknown = wanted.filter((name) => !(name in LINES));
	if (unknown.length > 0) throw new Error(`--lines takes some of ${Object.keys(LINES).join(', ')}; not ${unknown.join(', ')}`);
	return wanted.map((name) => LINES[name]);
}

/** "n8n 2.8.4 on Node 20.20.2"; the line is installed first when missing. */
function lineLabel(install: N8nInstall): string {
	const node = install.node === process.execPath ? process.version : execFileSync(install.node, ['--version'], { encoding: 'utf8' }).trim();
	const version = existsSync(install.bin) ? n8nVersion(install) : install.label;
	return `n8n ${version} on Node ${node.replace(/^v/, '')}`;
}

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
		decideItems: 10_000,
		decideRuns: option('decide-runs', 2),
	};
	const results: BenchResults = { date: new Date().toISOString(), machine: describeMachine(), settings, lines: [], durationMs: 0, load: [] };
	const noteLoad = (at: string) => {
		results.load.push({ at, load: loadavg() });
		log(`  load average ${loadavg().map((n) => n.toFixed(2)).join(', ')} (${at})`);
	};
	noteLoad('start');

	const needsBuild = parts.has('package');
	for (const install of selectedLines()) {
		const line: LineResults = { label: lineLabel(install) };
		results.lines.push(line);
		log(`\n=== ${line.label}`);
		if (parts.has('tickets') || parts.has('tls') || parts.has('ratelimit') || parts.has('decide')) {
			log('\nParts 1, 1b, 3 and 7: inside n8n');
			const session: BenchSession = await startBenchSession(log, install);
			line.n8nVersion = session.version;
			try {
				if (parts.has('tickets')) {
					log(`\n1. Venafi Ticket, ${settings.items} items, ours vs HTTP Request node`);
					line.tickets = await ticketBench(session, { items: settings.items, runs: settings.runs, latencies: [0, 20] }, log);
					noteLoad(`${line.label}, after part 1`);
				}
				if (parts.has('tls')) {
					log(`\n1b. Ticket Details over HTTPS, ${settings.items} items, ours vs HTTP Request node vs raw clients`);
					line.tls = await tlsBench(session, { items: settings.items, runs: settings.runs }, log);
					noteLoad(`${line.label}, after part 1b`);
				}
				if (parts.has('decide')) {
					log(`\n7. Deciding ${settings.decideItems} certification review items: ours vs the HTTP Request node`);
					line.decide = await decideBench(session, { items: settings.decideItems, runs: settings.decideRuns, latencyMs: 0 }, log);
					noteLoad(`${line.label}, after part 7`);
				}
				if (parts.has('ratelimit')) {
					const limit = { requests: 50, windowMs: 1000 };
					log(`\n3. Rate limited (${limit.requests} per ${limit.windowMs} ms per token), ${settings.items} work item reads`);
					const rate = await rateLimitBench(session, { items: settings.items, runs: settings.rateLimitRuns, limit }, log);
					line.rateLimited = { ...rate, limit: `${limit.requests} requests per ${limit.windowMs / 1000} s`, items: settings.items };
				}
			} finally {
				await session.stop();
			}
		}

		if (parts.has('returnall')) {
			log(`\n2. Work Items Return All of ${settings.returnAllItems} items`);
			if (!existsSync(join(repoRoot, 'bench', 'node_modules', 'sailpoint-api-client'))) {
				// The comparison's own dependencies (bench/package.json), kept out of the root install.
				log('  npm install --prefix bench (sailpoint-api-client, axios)');
				await runCommand('npm', ['install', '--prefix', join(repoRoot, 'bench'), '--no-audit', '--no-fund', '--loglevel=error'], { cwd: repoRoot });
			}
			await ensureN8nInstalled(install);
			// Each contender on this line's Node; ours through this line's n8n-core (bench/lineModules.js).
			const child = { node: install.node, n8nModules: install === pinnedN8n ? undefined : join(install.dir, 'node_modules') };
			line.returnAll = await returnAllBench({ items: settings.returnAllItems, runs: settings.returnAllRuns, child }, log);
			noteLoad(`${line.label}, after part 2`);
		}

		if (parts.has('n8nprofile')) {
			log('\n5b. Profile of n8n itself: 1,000 Ticket Details and Update Status at 20 ms, ours and the HTTP Request node');
			line.n8nProfile = await profileInN8n(install, { items: settings.items, runs: 3, latencyMs: 20 }, log);
			noteLoad(`${line.label}, after part 5b`);
		}

		if (parts.has('queue')) {
			const limit = { requests: 50, windowMs: 1000 };
			log(`\n6. Queue mode: 3 executions of ${settings.items} work item reads started together, one token, ${limit.requests} per ${limit.windowMs} ms`);
			line.queue = await queueBench({ executions: 3, itemsPerExecution: settings.items, runs: settings.queueRuns, limit, install }, log);
			noteLoad(`${line.label}, after part 6`);
		}
	}

	if (parts.has('profile')) {
		log('\n5. Profile of Ticket Details (in-process, n8n-core 2.8 through the test harness)');
		results.profile = await profileTicketDetails({ items: settings.items, runs: 3 }, log);
		noteLoad('after part 5');
	}

	if (needsBuild && results.lines.every((line) => line.n8nVersion === undefined)) {
		await runCommand('npm', ['run', 'build'], { cwd: repoRoot });
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

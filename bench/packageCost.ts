import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { OurPackage } from '../test/n8n/paths';
import { spread, type Spread } from './stats';

/**
 * Part 4: what installing and loading each package costs. Cold load: a fresh `node` process
 * requires every node and credential module of its dist/ (the files its package.json's "n8n"
 * lists); n8n-workflow, which n8n has loaded anyway, is required first and timed apart.
 */

export interface PackageCost {
	name: string;
	modules: number;
	/** Our modules, in a fresh process after n8n-workflow. */
	oursMs: Spread;
	/** n8n-workflow itself (context: n8n has it loaded before any community node). */
	n8nWorkflowMs: Spread;
	tarballBytes: number;
	unpackedBytes: number;
	files: number;
	runtimeDependencies: string[];
	peerDependencies: string[];
}

interface PackageJson {
	n8n: { nodes: string[]; credentials: string[] };
	dependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	bundleDependencies?: string[];
	bundledDependencies?: string[];
	peerDependencies?: Record<string, string>;
}

const LOAD_SCRIPT = `
const t0 = process.hrtime.bigint();
require('n8n-workflow');
const t1 = process.hrtime.bigint();
for (const file of JSON.parse(process.argv[1])) require(file);
const t2 = process.hrtime.bigint();
process.stdout.write(JSON.stringify({ n8nWorkflowMs: Number(t1 - t0) / 1e6, oursMs: Number(t2 - t1) / 1e6 }));
`;

export function packageCost(ours: OurPackage, options: { loads: number }): PackageCost {
	const pkg = JSON.parse(readFileSync(join(ours.dir, 'package.json'), 'utf8')) as PackageJson;
	const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) => join(ours.dir, file));
	const missing = files.filter((file) => !existsSync(file));
	if (missing.length > 0) throw new Error(`Not built (run npm run build): ${missing.join(', ')}`);

	const oursMs: number[] = [];
	const workflow: number[] = [];
	for (let load = 0; load < options.loads; load++) {
		const result = spawnSync(process.execPath, ['-e', LOAD_SCRIPT, JSON.stringify(files)], { cwd: ours.dir, encoding: 'utf8' });
		if (result.status !== 0) throw new Error(`Loading the modules failed: ${result.stderr}`);
		const times = JSON.parse(result.stdout) as { n8nWorkflowMs: number; oursMs: number };
		oursMs.push(times.oursMs);
		workflow.push(times.n8nWorkflowMs);
	}

	const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ours.dir, encoding: 'utf8' });
	if (pack.status !== 0) throw new Error(`npm pack --dry-run failed: ${pack.stderr}`);
	const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{ size: number; unpackedSize: number; entryCount: number }>;

	return {
		name: ours.name,
		modules: files.length,
		oursMs: spread(oursMs),
		n8nWorkflowMs: spread(workflow),
		tarballBytes: packed.size,
		unpackedBytes: packed.unpackedSize,
		files: packed.entryCount,
		runtimeDependencies: [
			...Object.keys(pkg.dependencies ?? {}),
			...Object.keys(pkg.optionalDependencies ?? {}),
			...(pkg.bundleDependencies ?? pkg.bundledDependencies ?? []),
		],
		peerDependencies: Object.entries(pkg.peerDependencies ?? {}).map(([name, range]) => `${name}@${range}`),
	};
}

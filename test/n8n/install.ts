import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { isInstalled, n8nVersion, type N8nInstall } from './paths';

/**
 * Installs the pinned n8n into its folder when it is missing, with a progress line every few
 * seconds (npm ci is quiet for minutes on a cold cache).
 */
export async function ensureN8nInstalled(install: N8nInstall): Promise<void> {
	if (isInstalled(install)) return;
	const [command, ...args] = install.installCommand;
	process.stdout.write(
		`${install.label} is not installed yet: running \`${install.installCommand.join(' ')}\`\n` +
			'  (about 4-5 minutes and 2.3 GB on a cold npm cache; later runs reuse it)\n',
	);
	const started = Date.now();
	await new Promise<void>((resolve, reject) => {
		// Started from `npm run`, this process carries npm_config_* variables (e.g. the root
		// .npmrc's ignore-scripts); the install gets its own npm configuration instead.
		const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const ticker = setInterval(() => {
			const seconds = Math.round((Date.now() - started) / 1000);
			const unpacked = packagesIn(join(install.dir, 'node_modules'));
			process.stdout.write(`  ... still installing n8n: ${seconds}s (${unpacked} packages unpacked; native modules such as sqlite3 build from source)\n`);
		}, 15_000);
		child.once('error', (error) => {
			clearInterval(ticker);
			reject(error);
		});
		child.once('close', (code) => {
			clearInterval(ticker);
			if (code === 0) return resolve();
			reject(new Error(`Installing n8n failed (exit ${code}):\n${output.trim().split('\n').slice(-30).join('\n')}`));
		});
	});
	if (!isInstalled(install)) throw new Error(`${install.installCommand.join(' ')} finished but ${install.bin} is missing`);
	process.stdout.write(`  installed n8n ${n8nVersion(install)} in ${Math.round((Date.now() - started) / 1000)}s\n`);
}

/** Top-level packages (scoped ones counted one by one) in a node_modules folder. */
function packagesIn(folder: string): number {
	try {
		return readdirSync(folder)
			.filter((entry) => !entry.startsWith('.'))
			.reduce((count, entry) => count + (entry.startsWith('@') ? readdirSync(join(folder, entry)).length : 1), 0);
	} catch {
		return 0;
	}
}

import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { OurPackage } from './paths';
import { runCommand } from './processes';

/**
 * Builds one package and packs it with `npm pack`, i.e. exactly the files a user's n8n
 * receives from the registry.
 */
export async function buildAndPack(pkg: OurPackage, outDir: string, options: { skipBuild?: boolean } = {}): Promise<string> {
	if (!options.skipBuild) await runCommand('npm', ['run', 'build'], { cwd: pkg.dir });
	mkdirSync(outDir, { recursive: true });
	await runCommand('npm', ['pack', '--pack-destination', outDir], { cwd: pkg.dir });
	const tarball = readdirSync(outDir).find((file) => file.startsWith(`${pkg.name}-`) && file.endsWith('.tgz'));
	if (!tarball) throw new Error(`npm pack wrote no ${pkg.name}-*.tgz into ${outDir}`);
	return join(outDir, tarball);
}

/**
 * Unpacks the tarball where n8n's Community Nodes installer puts packages:
 * `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/<package name>`. Node types are then
 * `<package name>.<node>`, as users get them.
 */
export async function installTarball(pkg: OurPackage, tarball: string, userFolder: string): Promise<string> {
	const target = join(userFolder, '.n8n', 'nodes', 'node_modules', pkg.name);
	mkdirSync(target, { recursive: true });
	await runCommand('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	return target;
}

import { join } from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox/server';
import type { Workflow } from './builder';
import { sandboxCredentials } from './credentials';
import { ensureN8nInstalled } from './install';
import { N8nHome, type N8nServer } from './n8n';
import { buildAndPack, installTarball } from './pack';
import { n8nVersion, PACKAGES, type N8nInstall, type OurPackage } from './paths';
import { packageOfType } from '../harness/packages';
import { N8nRest } from './rest';

/**
 * What every e2e script sets up: the sandbox (in this process, so tests can seed and inspect
 * it), the packed package installed as a community package in a fresh n8n home, credentials
 * and workflows imported with n8n's CLI, `n8n start`, the owner signed in, webhook workflows
 * published.
 */
export interface Session {
	install: N8nInstall;
	version: string;
	sandbox: Sandbox;
	home: N8nHome;
	main: N8nServer;
	rest: N8nRest;
	timings: Record<string, number>;
	stop(options?: { keepHome?: boolean }): Promise<void>;
}

export interface SessionOptions {
	install: N8nInstall;
	/**
	 * The packages installed in this n8n, each from its own tarball (both unless given). Workflows
	 * and credentials of a package that is not installed are left out, so a script can run one
	 * package alone, as a user who installed only that one has it.
	 */
	packages?: readonly OurPackage[];
	workflows: Workflow[];
	/** Workflow ids to publish after start (their webhooks go live). */
	activate: string[];
	testVariants?: boolean;
	/** Environment of `n8n start` (e.g. queue mode, a fixed N8N_PORT). */
	mainEnv?: Record<string, string>;
	/** Environment of every n8n process (e.g. Redis for queue mode). */
	sharedEnv?: Record<string, string>;
	sandboxPort?: number;
	/** Credentials besides the sandbox ones (e.g. the bearer token of an MCP trigger). */
	extraCredentials?: object[];
	skipBuild?: boolean;
	log?: (line: string) => void;
}

export async function startSession(options: SessionOptions): Promise<Session> {
	const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
	const timings: Record<string, number> = {};
	const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
		const started = Date.now();
		const result = await work();
		timings[name] = Date.now() - started;
		log(`  ${name} (${(timings[name] / 1000).toFixed(1)}s)`);
		return result;
	};

	const packages = options.packages ?? PACKAGES;
	// A workflow with a node of a package that is not installed could not run: left out.
	const workflows = options.workflows.filter((workflow) =>
		workflow.nodes.every((node) => {
			const owner = packageOfType(node.type);
			return !owner || packages.includes(owner);
		}),
	);
	await ensureN8nInstalled(options.install);
	const version = n8nVersion(options.install);
	const sandbox = await startSandbox({ port: options.sandboxPort ?? 0 });
	const home = new N8nHome(options.install, { extraEnv: options.sharedEnv });
	let main: N8nServer | undefined;
	try {
		log(`Setting up n8n ${version} in ${home.userFolder} (sandbox ${sandbox.url})`);
		for (const pkg of packages) {
			const tarball = await step(`build + npm pack ${pkg.name}`, async () => await buildAndPack(pkg, join(home.userFolder, 'pack'), { skipBuild: options.skipBuild }));
			await step(`install ${pkg.name} as a community package`, async () => await installTarball(pkg, tarball, home.userFolder));
		}
		const credentials = sandboxCredentials(sandbox.url, { testVariants: options.testVariants }).filter((credential) =>
			packages.some((pkg) => pkg.credential === credential.type),
		);
		await step('n8n import:credentials', async () => await home.importCredentials([...credentials, ...(options.extraCredentials ?? [])]));
		await step('n8n import:workflow', async () => await home.importWorkflows(workflows));
		main = await step('n8n start', async () => await home.start('main', options.mainEnv ?? {}));
		const rest = new N8nRest(main.url);
		await step('owner sign-in + publish webhook workflows', async () => {
			await rest.signIn();
			for (const id of options.activate) if (workflows.some((workflow) => workflow.id === id)) await rest.activate(id);
		});
		const started = main;
		return {
			install: options.install,
			version,
			sandbox,
			home,
			main: started,
			rest,
			timings,
			async stop({ keepHome = false } = {}) {
				await started.stop();
				await sandbox.stop();
				if (!keepHome) home.remove();
			},
		};
	} catch (error) {
		await main?.stop();
		await sandbox.stop();
		log(`  (n8n home kept for inspection: ${home.userFolder})`);
		throw error;
	}
}

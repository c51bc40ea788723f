import { join } from 'node:path';

import { ISC_TOKEN } from '../test/sandbox/isc';
import { startSandbox, type Sandbox } from '../test/sandbox/server';
import { TPP_TOKEN } from '../test/sandbox/tpp';
import { sandboxCredentials } from '../e2e/lib/credentials';
import { ensureN8nInstalled } from '../e2e/lib/install';
import { N8nHome, type N8nServer } from '../e2e/lib/n8n';
import { buildAndPack, installTarball } from '../e2e/lib/pack';
import { n8nVersion, PACKAGES, pinnedN8n, type N8nInstall } from '../e2e/lib/paths';
import { N8nRest } from '../e2e/lib/rest';
import { selfSignedCertificate } from '../test/harness/tls';
import { startDelayProxy, type DelayProxy } from './delayProxy';
import { allWorkflows, benchWorkflows, ISC_HEADER_CREDENTIAL, TPP_HEADER_CREDENTIAL, TPP_TLS_CREDENTIAL, type BenchWorkflows } from './workflows';

/** Half the round trip the HTTPS case's delay proxy adds (about 10 ms round trip). */
export const TLS_ONE_WAY_MS = 5;

/**
 * The e2e set-up (e2e/lib: packed package installed as a community package, credentials and
 * workflows imported with n8n's CLI, `n8n start`, owner signed in, webhooks published), plus
 * the header credentials the HTTP Request node twins use. Same steps as e2e/lib/session.ts,
 * which takes no extra credentials.
 */
export interface BenchSession {
	version: string;
	sandbox: Sandbox;
	/** The same sandbox over HTTPS (self-signed certificate), reached through `tlsProxy`. */
	tlsSandbox: Sandbox;
	tlsProxy: DelayProxy;
	rest: N8nRest;
	workflows: BenchWorkflows;
	stop(): Promise<void>;
}

export async function startBenchSession(log: (line: string) => void, install: N8nInstall = pinnedN8n): Promise<BenchSession> {
	await ensureN8nInstalled(install);
	const version = n8nVersion(install);
	const sandbox = await startSandbox();
	const tlsSandbox = await startSandbox({ tls: selfSignedCertificate() });
	const tlsTarget = new URL(tlsSandbox.url);
	const tlsProxy = await startDelayProxy({ host: tlsTarget.hostname, port: Number(tlsTarget.port) }, TLS_ONE_WAY_MS);
	const home = new N8nHome(install);
	let main: N8nServer | undefined;
	const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
		const started = Date.now();
		const result = await work();
		log(`  ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
		return result;
	};
	try {
		log(`Setting up n8n ${version} in ${home.userFolder} (sandbox ${sandbox.url})`);
		const workflows = benchWorkflows(sandbox.url, tlsProxy.url('https'));
		for (const pkg of PACKAGES) {
			const tarball = await step(`build + npm pack ${pkg.name}`, async () => await buildAndPack(pkg, join(home.userFolder, 'pack')));
			await step(`install ${pkg.name} as a community package`, async () => await installTarball(pkg, tarball, home.userFolder));
		}
		await step('n8n import:credentials', async () =>
			await home.importCredentials([
				...sandboxCredentials(sandbox.url),
				headerCredential(TPP_HEADER_CREDENTIAL, TPP_TOKEN),
				headerCredential(ISC_HEADER_CREDENTIAL, ISC_TOKEN),
				{
					...TPP_TLS_CREDENTIAL,
					type: 'venafiTppApi',
					data: { authentication: 'accessToken', baseUrl: tlsProxy.url('https'), accessToken: TPP_TOKEN, allowUnauthorizedCerts: true },
				},
			]),
		);
		const list = allWorkflows(workflows);
		await step('n8n import:workflow', async () => await home.importWorkflows(list.map((entry) => entry.workflow)));
		main = await step('n8n start', async () => await home.start('main'));
		const rest = new N8nRest(main.url);
		await step('owner sign-in + publish webhook workflows', async () => {
			await rest.signIn();
			for (const entry of list) await rest.activate(entry.id);
		});
		const started = main;
		return {
			version,
			sandbox,
			tlsSandbox,
			tlsProxy,
			rest,
			workflows,
			async stop() {
				await started.stop();
				await tlsProxy.stop();
				await tlsSandbox.stop();
				await sandbox.stop();
				home.remove();
			},
		};
	} catch (error) {
		await main?.stop();
		await tlsProxy.stop();
		await tlsSandbox.stop();
		await sandbox.stop();
		log(`  (n8n home kept for inspection: ${home.userFolder})`);
		throw error;
	}
}

/** n8n's Header Auth credential sending `Authorization: Bearer <token>`. */
function headerCredential(ref: { id: string; name: string }, token: string) {
	return { ...ref, type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${token}` } };
}

import { join } from 'node:path';

import { ISC_TOKEN } from '../test/sandbox/isc';
import { startSandbox, type Sandbox } from '../test/sandbox/server';
import { TPP_TOKEN } from '../test/sandbox/tpp';
import { pinnedN8n, type N8nInstall } from '../test/n8n/paths';
import { freePort } from '../test/n8n/ports';
import type { N8nRest } from '../test/n8n/rest';
import { startSession } from '../test/n8n/session';
import { selfSignedCertificate } from '../test/harness/tls';
import { startDelayProxy, type DelayProxy } from './delayProxy';
import { allWorkflows, benchWorkflows, ISC_HEADER_CREDENTIAL, TPP_HEADER_CREDENTIAL, TPP_TLS_CREDENTIAL, type BenchWorkflows } from './workflows';

/** Half the round trip the HTTPS case's delay proxy adds (about 10 ms round trip). */
export const TLS_ONE_WAY_MS = 5;

/**
 * The e2e set-up (test/n8n/session.ts: both packages packed and installed as community
 * packages, credentials and workflows imported with n8n's CLI, `n8n start`, owner signed in,
 * webhooks published) with the bench's workflows, the header credentials the HTTP Request node
 * twins use, and a second sandbox serving HTTPS behind a delay proxy.
 */
export interface BenchSession {
	version: string;
	sandbox: Sandbox;
	/** The same sandbox over HTTPS (self-signed certificate), reached through `tlsProxy`. */
	tlsSandbox: Sandbox;
	tlsProxy: DelayProxy;
	rest: N8nRest;
	workflows: BenchWorkflows;
	/** The log of `n8n start` (its inspector's address, when started with one). */
	mainLog: string;
	stop(): Promise<void>;
}

export async function startBenchSession(
	log: (line: string) => void,
	install: N8nInstall = pinnedN8n,
	/** Environment of `n8n start` (e.g. NODE_OPTIONS=--inspect for the profile inside n8n). */
	mainEnv?: Record<string, string>,
): Promise<BenchSession> {
	const tlsSandbox = await startSandbox({ tls: selfSignedCertificate() });
	const tlsTarget = new URL(tlsSandbox.url);
	const tlsProxy = await startDelayProxy({ host: tlsTarget.hostname, port: Number(tlsTarget.port) }, TLS_ONE_WAY_MS);
	try {
		// The workflows carry the sandbox's URL: its port is chosen before the session starts it.
		const sandboxPort = await freePort();
		const workflows = benchWorkflows(`http://127.0.0.1:${sandboxPort}`, tlsProxy.url('https'));
		const list = allWorkflows(workflows);
		const session = await startSession({
			install,
			workflows: list.map((entry) => entry.workflow),
			activate: list.map((entry) => entry.id),
			sandboxPort,
			mainEnv,
			extraCredentials: [
				headerCredential(TPP_HEADER_CREDENTIAL, TPP_TOKEN),
				headerCredential(ISC_HEADER_CREDENTIAL, ISC_TOKEN),
				{
					...TPP_TLS_CREDENTIAL,
					type: 'venafiTppApi',
					data: { authentication: 'accessToken', baseUrl: tlsProxy.url('https'), accessToken: TPP_TOKEN, allowUnauthorizedCerts: true },
				},
			],
			log,
		});
		return {
			version: session.version,
			sandbox: session.sandbox,
			tlsSandbox,
			tlsProxy,
			rest: session.rest,
			workflows,
			mainLog: join(session.home.logDir, 'main.log'),
			async stop() {
				await session.stop();
				await tlsProxy.stop();
				await tlsSandbox.stop();
			},
		};
	} catch (error) {
		await tlsProxy.stop();
		await tlsSandbox.stop();
		throw error;
	}
}

/** n8n's Header Auth credential sending `Authorization: Bearer <token>`. */
function headerCredential(ref: { id: string; name: string }, token: string) {
	return { ...ref, type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${token}` } };
}

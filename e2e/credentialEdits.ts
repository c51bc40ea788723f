/*
 * `npm run test:e2e:credential-edits` (add `--latest` for the newest n8n line): what the editor
 * does when a saved credential has one sign-in field edited, through real n8n's REST API. Each
 * case creates a credential that signs in, tests it (n8n signs in and stores the tokens), then
 * does what the credential panel does on Save: reads the credential back (secrets redacted),
 * changes one field, saves it (PATCH) and tests it (POST /rest/credentials/test, what the Test
 * button calls). The test must sign in afresh with the new value: a valid new value passes, a
 * wrong one fails with the sign-in error that names it.
 */
import assert from 'node:assert/strict';

import { startSandbox, type Sandbox } from '../test/sandbox/server';
import { ISC_CLIENT_ID, ISC_CLIENT_SECRET } from '../test/sandbox/iscAuth';
import { TPP_CLIENT_ID, TPP_PASSWORD, TPP_USERNAME } from '../test/sandbox/tppAuth';
import { SECRETS } from '../test/n8n/credentials';
import { latestN8n, pinnedN8n } from '../test/n8n/paths';
import { stopEverythingOnSignal } from '../test/n8n/processes';
import { TestRun } from './lib/runner';
import { startSession, type Session } from '../test/n8n/session';

type Data = Record<string, unknown>;

interface EditCase {
	type: 'venafiTppApi' | 'sailPointIscApi';
	field: string;
	/** The credential before the edit. */
	initial: (sandbox: string) => Data;
	/** The new value (`other` is a second sandbox's URL). */
	value: (other: string) => unknown;
	status: 'OK' | 'Error';
	message: RegExp;
	/** Sign-ins the sandbox that the edited credential points at sees during the second test. */
	logins: number;
}

const tpp = (url: string): Data => ({ authentication: 'oauth', baseUrl: url, clientId: TPP_CLIENT_ID, username: TPP_USERNAME, password: TPP_PASSWORD, scope: 'agent;certificate:approve' });
const isc = (url: string): Data => ({ authentication: 'clientCredentials', baseUrl: url, clientId: ISC_CLIENT_ID, clientSecret: ISC_CLIENT_SECRET });

const CASES: EditCase[] = [
	{ type: 'venafiTppApi', field: 'scope', initial: tpp, value: () => 'agent;certificate:approve;configuration', status: 'OK', message: /^Connection successful!$/, logins: 1 },
	{ type: 'venafiTppApi', field: 'scope', initial: tpp, value: () => 'forbidden:everything', status: 'Error', message: /could not sign in: the scope "forbidden:everything" is not allowed/, logins: 0 },
	{ type: 'venafiTppApi', field: 'password', initial: tpp, value: () => 'wrong-password-123', status: 'Error', message: /could not sign in: the Username or Password is not accepted/, logins: 0 },
	{ type: 'venafiTppApi', field: 'username', initial: tpp, value: () => 'someone-else', status: 'Error', message: /could not sign in: the Username or Password is not accepted/, logins: 0 },
	{ type: 'venafiTppApi', field: 'clientId', initial: tpp, value: () => 'unknown-app', status: 'Error', message: /could not sign in: the Client ID is not accepted/, logins: 0 },
	{ type: 'venafiTppApi', field: 'baseUrl', initial: tpp, value: (other) => other, status: 'OK', message: /^Connection successful!$/, logins: 1 },
	{ type: 'sailPointIscApi', field: 'clientSecret', initial: isc, value: () => 'wrong-secret-123', status: 'Error', message: /could not sign in: the Client ID or Client Secret is not accepted/, logins: 0 },
	{ type: 'sailPointIscApi', field: 'clientId', initial: isc, value: () => 'unknown-client', status: 'Error', message: /could not sign in: the Client ID or Client Secret is not accepted/, logins: 0 },
	{ type: 'sailPointIscApi', field: 'baseUrl', initial: isc, value: (other) => other, status: 'OK', message: /^Connection successful!$/, logins: 1 },
];

async function main(): Promise<void> {
	const latest = process.argv.includes('--latest');
	const started = Date.now();
	const run = new TestRun(`A saved credential with one sign-in field edited, in n8n${latest ? ' (latest)' : ''}`);
	stopEverythingOnSignal();
	let session: Session | undefined;
	let other: Sandbox | undefined;
	let third: Sandbox | undefined;
	try {
		session = await startSession({ install: latest ? latestN8n : pinnedN8n, workflows: [], activate: [] });
		other = await startSandbox();
		const active = session;
		const second = other;
		for (const entry of CASES) {
			const label = `${entry.type}: editing ${entry.field} to ${entry.status === 'OK' ? 'another good value' : 'a wrong value'} signs in afresh with it`;
			run.test(label, async () => {
				const name = `${entry.type} ${entry.field} ${entry.status}`;
				const data = entry.initial(active.sandbox.url);
				const created = await active.rest.call<{ id: string }>('POST', '/credentials', { name, type: entry.type, data });
				const first = await active.rest.call<{ status: string; message: string }>('POST', '/credentials/test', {
					credentials: { id: created.id, name, type: entry.type, data },
				});
				assert.equal(first.status, 'OK', `first test: ${first.message}`);
				// What the panel holds: the saved data as n8n hands it to the editor, secrets redacted.
				const shown = await active.rest.call<{ data: Data }>('GET', `/credentials/${created.id}?includeData=true`);
				const edited = { ...shown.data, [entry.field]: entry.value(second.url) };
				await active.rest.call('PATCH', `/credentials/${created.id}`, { id: created.id, name, type: entry.type, data: edited });
				const target = entry.field === 'baseUrl' && entry.status === 'OK' ? second : active.sandbox;
				const loginsBefore = entry.type === 'venafiTppApi' ? target.tppAuth.logins : target.iscAuth.grants;
				const result = await active.rest.call<{ status: string; message: string }>('POST', '/credentials/test', {
					credentials: { id: created.id, name, type: entry.type, data: edited },
				});
				process.stdout.write(`    ${result.status}: ${result.message}\n`);
				assert.equal(result.status, entry.status, result.message);
				assert.match(result.message, entry.message);
				const loginsAfter = entry.type === 'venafiTppApi' ? target.tppAuth.logins : target.iscAuth.grants;
				assert.equal(loginsAfter - loginsBefore, entry.logins, 'sign-ins with the new values');
				for (const secret of SECRETS) assert.ok(!result.message.includes(secret), 'the message shows a secret');
			});
		}
		// Nothing edited, but the stored token has expired (the sandbox grants 2-second tokens for
		// these cases): the test renews it (TPP: refresh token; ISC: a new client-credentials
		// token) and passes, instead of "Paste a new one" on a credential that signs in itself.
		// A sandbox of their own: a first sign-in with the same values as an earlier case's within
		// a minute would share that case's (long-lived) token (auth/renewalLock.ts).
		third = await startSandbox();
		const own = third;
		for (const type of ['venafiTppApi', 'sailPointIscApi'] as const) {
			run.test(`${type}: a stored token that has expired, nothing edited: the test renews it and passes`, async () => {
				const name = `${type} expired token`;
				const data = type === 'venafiTppApi' ? tpp(own.url) : isc(own.url);
				const authority = type === 'venafiTppApi' ? own.tppAuth : own.iscAuth;
				const lifetime = authority.accessTokenLifetimeMs;
				authority.accessTokenLifetimeMs = 2_000;
				try {
					const created = await active.rest.call<{ id: string }>('POST', '/credentials', { name, type, data });
					const first = await active.rest.call<{ status: string; message: string }>('POST', '/credentials/test', {
						credentials: { id: created.id, name, type, data },
					});
					assert.equal(first.status, 'OK', `first test: ${first.message}`);
					await new Promise((resolve) => setTimeout(resolve, 2_500));
					const renewalsBefore = type === 'venafiTppApi' ? own.tppAuth.refreshes : own.iscAuth.grants;
					const shown = await active.rest.call<{ data: Data }>('GET', `/credentials/${created.id}?includeData=true`);
					const result = await active.rest.call<{ status: string; message: string }>('POST', '/credentials/test', {
						credentials: { id: created.id, name, type, data: shown.data },
					});
					process.stdout.write(`    ${result.status}: ${result.message}\n`);
					assert.equal(result.status, 'OK', result.message);
					assert.match(result.message, /^Connection successful!$/);
					const renewalsAfter = type === 'venafiTppApi' ? own.tppAuth.refreshes : own.iscAuth.grants;
					assert.equal(renewalsAfter - renewalsBefore, 1, 'one renewal');
				} finally {
					authority.accessTokenLifetimeMs = lifetime;
				}
			});
		}
		await run.run();
	} catch (error) {
		run.fail('set-up', error);
	} finally {
		await other?.stop();
		await third?.stop();
		await session?.stop({ keepHome: run.failures.length > 0 });
	}
	process.stdout.write(`\nTotal time ${((Date.now() - started) / 1000).toFixed(1)}s\n${run.summary()}\n`);
	process.exitCode = run.failures.length > 0 ? 1 : 0;
}

void main();

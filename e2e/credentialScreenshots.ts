/*
 * `npx ts-node --transpile-only --cwd-mode e2e/credentialScreenshots.ts`: the two credentials
 * in a real n8n (the pinned 2.8.4) against the sandbox and a plain web site. For each case it
 * runs the credential test through n8n's own REST endpoint (what the Test button calls), checks
 * the verdict and message, then opens the credential in headless Chromium (the editor runs the
 * test again when it opens a saved credential) and saves docs/editor/credentials-<case>.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '../test/sandbox/server';
import { ISC_TOKEN } from '../test/sandbox/isc';
import { ISC_CLIENT_ID, ISC_CLIENT_SECRET } from '../test/sandbox/iscAuth';
import { TPP_TOKEN } from '../test/sandbox/tpp';
import { TPP_CLIENT_ID, TPP_PASSWORD, TPP_USERNAME } from '../test/sandbox/tppAuth';
import { launchBrowser } from './lib/browser';
import { SECRETS } from '../test/n8n/credentials';
import { loadExamples } from './lib/examples';
import { docsDir, pinnedN8n } from '../test/n8n/paths';
import { stopEverythingOnSignal } from '../test/n8n/processes';
import { OWNER } from '../test/n8n/rest';
import { TestRun } from './lib/runner';
import { startSession, type Session } from '../test/n8n/session';

const OUT = join(docsDir, 'editor');

interface Case {
	file: string;
	name: string;
	type: 'venafiTppApi' | 'sailPointIscApi';
	data: (sandbox: string, webSite: string) => Record<string, unknown>;
	status: 'OK' | 'Error';
	message: RegExp;
}

const CASES: Case[] = [
	{
		file: 'tpp-oauth',
		name: 'TPP, OAuth (the default)',
		type: 'venafiTppApi',
		data: (url) => ({ baseUrl: url, clientId: TPP_CLIENT_ID, username: TPP_USERNAME, password: TPP_PASSWORD }),
		status: 'OK',
		message: /^Connection successful!$/,
	},
	{
		file: 'tpp-oauth-wrong-password',
		name: 'TPP, OAuth with a wrong password',
		type: 'venafiTppApi',
		data: (url) => ({ baseUrl: url, clientId: TPP_CLIENT_ID, username: TPP_USERNAME, password: 'not-the-password-42' }),
		status: 'Error',
		message: /^Venafi TPP could not sign in: the Username or Password is not accepted/,
	},
	{
		file: 'tpp-access-token',
		name: 'TPP, Access Token',
		type: 'venafiTppApi',
		data: (url) => ({ authentication: 'accessToken', baseUrl: url, accessToken: TPP_TOKEN }),
		status: 'OK',
		message: /^Connection successful!$/,
	},
	{
		file: 'tpp-access-token-expired',
		name: 'TPP, Access Token no longer valid',
		type: 'venafiTppApi',
		data: (url) => ({ authentication: 'accessToken', baseUrl: url, accessToken: 'an-expired-token-0123456789' }),
		status: 'Error',
		message: /^TPP does not accept the access token \(invalid_token\)/,
	},
	{
		file: 'tpp-web-page',
		name: 'TPP, a web site instead of WebSDK',
		type: 'venafiTppApi',
		data: (_url, web) => ({ authentication: 'accessToken', baseUrl: web, accessToken: 'any-token-0123456789' }),
		status: 'Error',
		message: /^This address answers with a web page, not with TPP's WebSDK/,
	},
	{
		file: 'tpp-saved-before',
		name: 'TPP, Access Token credential saved before OAuth became the default',
		type: 'venafiTppApi',
		data: (url) => ({ baseUrl: url, accessToken: TPP_TOKEN }),
		status: 'OK',
		message: /^Connection successful!$/,
	},
	{
		file: 'isc-client-credentials',
		name: 'ISC, Client Credentials (the default)',
		type: 'sailPointIscApi',
		data: (url) => ({ baseUrl: url, clientId: ISC_CLIENT_ID, clientSecret: ISC_CLIENT_SECRET }),
		status: 'OK',
		message: /^Connection successful!$/,
	},
	{
		file: 'isc-access-token',
		name: 'ISC, Access Token',
		type: 'sailPointIscApi',
		data: (url) => ({ authentication: 'accessToken', baseUrl: url, accessToken: ISC_TOKEN }),
		status: 'OK',
		message: /^Connection successful!$/,
	},
	{
		file: 'isc-web-page',
		name: 'ISC, the web UI address instead of the API URL',
		type: 'sailPointIscApi',
		data: (_url, web) => ({ authentication: 'accessToken', baseUrl: web, accessToken: 'any-token-0123456789' }),
		status: 'Error',
		message: /^This address answers with a web page: use the tenant's API URL/,
	},
	{
		file: 'isc-client-credentials-web-page',
		name: 'ISC, Client Credentials at the web UI address',
		type: 'sailPointIscApi',
		data: (_url, web) => ({ baseUrl: web, clientId: ISC_CLIENT_ID, clientSecret: ISC_CLIENT_SECRET }),
		status: 'Error',
		message: /answers with a web page; use the tenant's API URL/,
	},
];

async function main(): Promise<void> {
	const started = Date.now();
	const run = new TestRun('Credential panels and their Test in n8n (headless Chromium)');
	stopEverythingOnSignal();
	let session: Session | undefined;
	let webSite: Sandbox | undefined;
	try {
		session = await startSession({ install: pinnedN8n, workflows: loadExamples(), activate: [] });
		webSite = await startSandbox({ webSite: true });
		const active = session;
		const web = webSite;
		const ids = new Map<string, string>();

		run.test('n8n\'s credential test endpoint gives each case its verdict and message', async () => {
			for (const entry of CASES) {
				const created = await active.rest.call<{ id: string }>('POST', '/credentials', {
					name: entry.name,
					type: entry.type,
					data: entry.data(active.sandbox.url, web.url),
				});
				ids.set(entry.file, created.id);
				const result = await active.rest.call<{ status: string; message: string }>('POST', '/credentials/test', {
					credentials: { id: created.id, name: entry.name, type: entry.type, data: entry.data(active.sandbox.url, web.url) },
				});
				process.stdout.write(`  ${entry.name}: ${result.status}: ${result.message}\n`);
				assert.equal(result.status, entry.status, `${entry.name}: ${result.message}`);
				assert.match(result.message, entry.message);
				for (const secret of SECRETS) assert.ok(!result.message.includes(secret), `${entry.name}: the message shows a secret`);
			}
		});

		run.test('each credential panel, with the Test result the editor shows', async () => {
			const browser = await launchBrowser();
			try {
				const page = await browser.context.newPage();
				await page.setViewportSize({ width: 1280, height: 900 });
				await page.goto(`${active.main.url}/signin`);
				await page.locator('input[type="email"]').fill(OWNER.email);
				await page.locator('input[type="password"]').fill(OWNER.password);
				await page.locator('input[type="password"]').press('Enter');
				await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
				mkdirSync(OUT, { recursive: true });
				for (const entry of CASES) {
					const id = ids.get(entry.file);
					assert.ok(id, `${entry.name} was not created`);
					await page.goto(`${active.main.url}/home/credentials/${id}`);
					await page.locator('[data-test-id="editCredential-modal"]').waitFor({ timeout: 30_000 });
					await page.waitForLoadState('networkidle');
					await page.waitForTimeout(1_500);
					// A failed test's message sits behind "More details".
					const details = page.getByText('More details');
					if (await details.count()) {
						await details.first().click();
						await page.waitForTimeout(500);
					}
					const file = join(OUT, `credentials-${entry.file}.png`);
					await page.screenshot({ path: file });
					const text = await page.locator('[data-test-id="editCredential-modal"]').innerText();
					for (const secret of SECRETS) assert.ok(!text.includes(secret), `${entry.name}: the panel shows a secret`);
					process.stdout.write(`  saved ${file}\n`);
				}
			} finally {
				await browser.close();
			}
		});
		await run.run();
	} catch (error) {
		run.fail('set-up', error);
	} finally {
		await webSite?.stop();
		await session?.stop({ keepHome: run.failures.length > 0 });
	}
	process.stdout.write(`\nTotal time ${((Date.now() - started) / 1000).toFixed(1)}s\n${run.summary()}\n`);
	process.exitCode = run.failures.length > 0 ? 1 : 0;
}

void main();

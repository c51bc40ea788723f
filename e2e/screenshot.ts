/*
 * `npm run test:e2e:screenshot`: signs in to a local n8n editor with Debian's Chromium, opens
 * the ticket-decision example and saves docs/editor-screenshot.png for the README. Fails if
 * any of our nodes is missing from the canvas or is drawn without its icon (an unknown node
 * type gets a placeholder instead of the package's SVG).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { launchBrowser } from './lib/browser';
import { EXAMPLES, loadExample, loadExamples } from './lib/examples';
import { docsDir, pinnedN8n } from '../test/n8n/paths';
import { PACKAGES, packageOfType } from '../test/harness/packages';
import { stopEverythingOnSignal } from '../test/n8n/processes';
import { OWNER } from '../test/n8n/rest';
import { TestRun } from './lib/runner';
import { startSession, type Session } from '../test/n8n/session';

const SCREENSHOT = join(docsDir, 'editor-screenshot.png');

async function main(): Promise<void> {
	const started = Date.now();
	const run = new TestRun('Editor screenshot: our nodes on the n8n canvas (headless Chromium)');
	stopEverythingOnSignal();
	let session: Session | undefined;
	try {
		session = await startSession({ install: pinnedN8n, workflows: loadExamples(), activate: [] });
		const active = session;
		const example = loadExample('ticketDecision');
		const ours = example.nodes.filter((node) => packageOfType(node.type));

		run.test('sign in, open the ticket-decision example, every one of our nodes drawn with its icon', async () => {
			const browser = await launchBrowser();
			try {
				const page = await browser.context.newPage();
				await page.goto(`${active.main.url}/signin`);
				await page.locator('input[type="email"]').fill(OWNER.email);
				await page.locator('input[type="password"]').fill(OWNER.password);
				await page.locator('input[type="password"]').press('Enter');
				await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });

				await page.goto(`${active.main.url}/workflow/${EXAMPLES.ticketDecision.id}`);
				const canvasNodes = page.locator('[data-test-id="canvas-node"]');
				await canvasNodes.first().waitFor({ timeout: 30_000 });
				await page.waitForLoadState('networkidle');

				const drawn = await page.evaluate((packageNames) => {
					return [...document.querySelectorAll('[data-test-id="canvas-node"]')].map((element) => {
						const images = [...element.querySelectorAll('img')] as HTMLImageElement[];
						return {
							name: element.getAttribute('data-node-name') ?? '',
							type: element.getAttribute('data-node-type') ?? '',
							text: (element.textContent ?? '').replace(/\s+/g, ' ').trim(),
							icons: images.map((image) => ({ src: image.src, loaded: image.complete && image.naturalWidth > 0 })),
							ours: packageNames.some((name) => (element.getAttribute('data-node-type') ?? '').startsWith(`${name}.`)),
						};
					});
				}, PACKAGES.map((pkg) => pkg.name));
				for (const node of ours) {
					const found = drawn.find((entry) => entry.name === node.name);
					assert.ok(found, `"${node.name}" is not on the canvas; drawn: ${drawn.map((entry) => entry.name).join(', ')}`);
					assert.equal(found.type, node.type);
					const icon = found.icons.find((entry) => /venafi|sailpoint/i.test(entry.src));
					assert.ok(icon, `"${node.name}" is drawn without the package's icon (unknown node?): ${JSON.stringify(found)}`);
					assert.ok(icon.loaded, `"${node.name}"'s icon did not load: ${icon.src}`);
				}
				// Fit the workflow to the window, then keep the picture for the README.
				await page.locator('[data-test-id="canvas-node"]').first().click();
				await page.keyboard.press('Escape');
				await page.keyboard.press('1');
				await page.waitForTimeout(800);
				mkdirSync(docsDir, { recursive: true });
				await page.screenshot({ path: SCREENSHOT });
				process.stdout.write(`  ${ours.length} of our nodes drawn with icons: ${ours.map((node) => node.name).join(', ')}\n  saved ${SCREENSHOT}\n`);
			} finally {
				await browser.close();
			}
		});
		await run.run();
	} catch (error) {
		run.fail('set-up', error);
	} finally {
		await session?.stop({ keepHome: run.failures.length > 0 });
	}
	process.stdout.write(`\nTotal time ${((Date.now() - started) / 1000).toFixed(1)}s\n${run.summary()}\n`);
	process.exitCode = run.failures.length > 0 ? 1 : 0;
}

void main();

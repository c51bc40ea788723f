import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SailPointIscApi } from '../../packages/sailpoint-isc/credentials/SailPointIscApi.credentials';
import { VenafiTppApi } from '../../packages/venafi-tpp/credentials/VenafiTppApi.credentials';
import { PACKAGES } from '../harness/packages';

/**
 * Every Docs link n8n shows (each node's codex file, each credential's documentationUrl) lands
 * on a page of this repository: a file under docs/ by full URL, and, when the link has an
 * anchor, a heading of that file with that anchor (n8n appends its own query after an anchor,
 * so the node pages are linked without one).
 */

const ROOT = join(__dirname, '../..');
const REPOSITORY = 'https://github.com/n8n-nodes-venafi-sailpoint/n8n-nodes-venafi-sailpoint/blob/main/';
/** The codex files beside the node files each package's package.json lists. */
const codexFiles = PACKAGES.flatMap(({ dir }) => {
	const packageJson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	return packageJson.n8n.nodes.map((built) => join(dir, built.replace(/^dist\//, '').replace(/\.node\.js$/, '.node.json')));
});

interface Codex {
	node: string;
	alias?: string[];
	resources: Record<string, Array<{ url: string }>>;
}

/** GitHub's anchor for a Markdown heading. */
function anchorOf(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');
}

/** Why a link does not land (undefined when it does). */
function brokenReason(url: string): string | undefined {
	if (!url.startsWith(REPOSITORY)) return `is not a page of ${REPOSITORY}`;
	const [path, anchor] = url.slice(REPOSITORY.length).split('#');
	const file = join(ROOT, path);
	if (!existsSync(file)) return `names ${path}, which does not exist`;
	if (anchor === undefined) return undefined;
	const anchors = readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => anchorOf(line.replace(/^#+ /, '')));
	return anchors.includes(anchor) ? undefined : `has the anchor #${anchor}, which no heading of ${path} has`;
}

test('every node listed in the packages\' package.json has a codex file', () => {
	expect(codexFiles).toHaveLength(12);
	for (const file of codexFiles) expect(existsSync(file)).toBe(true);
});

describe.each(codexFiles.map((file) => [file.slice(ROOT.length + 1), file]))('%s', (_name, file) => {
	const codex = JSON.parse(readFileSync(file, 'utf8')) as Codex;
	const nodeName = codex.node.split('.').pop()!;

	test('it names the node with the type name of the package it ships in', () => {
		const home = PACKAGES.find(({ dir }) => file.startsWith(`${dir}/`));
		expect(codex.node).toBe(`${home?.name}.${nodeName}`);
	});

	test('its Docs link is its own page docs/<node>.md, by full URL and without an anchor', () => {
		expect(codex.resources.primaryDocumentation).toEqual([{ url: `${REPOSITORY}docs/${nodeName}.md` }]);
	});

	test('every link it has lands on an existing file (and heading)', () => {
		const urls = Object.values(codex.resources).flat().map(({ url }) => url);
		expect(urls.length).toBeGreaterThanOrEqual(2);
		expect(urls.map((url) => [url, brokenReason(url)])).toEqual(urls.map((url) => [url, undefined]));
	});

	test('its page names the node as the panel does and the search words people use find it', () => {
		const page = readFileSync(join(ROOT, 'docs', `${nodeName}.md`), 'utf8');
		expect(page).toContain(codex.node);
		const words = (codex.alias ?? []).map((word) => word.toLowerCase());
		expect(words).toEqual(expect.arrayContaining(['approve', 'approval'].filter(() => nodeName !== 'venafiWork')));
		const product = nodeName.startsWith('venafi') ? ['tls protect', 'cyberark', 'tpp'] : ['identitynow', 'sailpoint'];
		expect(words).toEqual(expect.arrayContaining(product));
	});
});

test.each([
	['Venafi TPP', new VenafiTppApi()],
	['SailPoint ISC', new SailPointIscApi()],
])('the %s credential links its own page', (_name, credential) => {
	expect(brokenReason(credential.documentationUrl)).toBeUndefined();
	expect(credential.documentationUrl).toBe(`${REPOSITORY}docs/${credential.name}.md`);
});

test('the anchor check itself finds a missing heading', () => {
	expect(brokenReason(`${REPOSITORY}docs/venafiTicket.md#versions`)).toBeUndefined();
	expect(brokenReason(`${REPOSITORY}docs/venafiTicket.md#sailpoint-work-items`)).toMatch(/no heading/);
	expect(brokenReason(`${REPOSITORY}docs/nothing.md`)).toMatch(/does not exist/);
	expect(brokenReason('https://www.npmjs.com/package/n8n-nodes-venafi-sailpoint#venafi-ticket')).toMatch(/is not a page/);
});

test('docs/ has a page for every node and credential, and nothing else at its top', () => {
	const pages = readdirSync(join(ROOT, 'docs')).filter((entry) => entry.endsWith('.md'));
	expect(pages).toHaveLength(codexFiles.length + 2);
});

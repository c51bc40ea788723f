/**
 * n8n's post-publish scan (@n8n/scan-community-package), offline, for each of the two packages.
 * n8n downloads the commit a version's provenance names, finds the folder whose package.json
 * has the package's name (findPackageRoot) and lints its package.json, nodes/ and credentials/;
 * then it lints the tarball's JavaScript and package.json. Here: the repository at HEAD (git
 * archive, as GitHub serves a commit) and each `npm pack` tarball, with the scanner's own
 * functions. Planted violations prove the scan can fail.
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import { PACKAGES, repoRoot, type OurPackage } from '../harness/packages';

const scanScript = join(__dirname, 'scan.mjs');

interface ScanResult {
	root?: string;
	passed: boolean;
	message?: string;
	details?: string;
}

interface PackageJson {
	name: string;
	dependencies?: Record<string, string>;
	n8n: { strict: boolean; nodes: string[]; credentials: string[] };
}

function scan(args: string[]): ScanResult {
	// eslint-plugin-n8n-nodes-base reads file names differently when NODE_ENV is "test" (its own
	// fixtures), which jest sets: the scanner runs with NODE_ENV unset, as in n8n's pipeline.
	const env = { ...process.env };
	delete env.NODE_ENV;
	const out = execFileSync(process.execPath, [scanScript, ...args], { cwd: repoRoot, encoding: 'utf8', env });
	return JSON.parse(out) as ScanResult;
}

/** The repository as committed (HEAD), unpacked into a fresh folder: what n8n downloads. */
function checkoutOfHead(into: string): string {
	const folder = mkdtempSync(join(into, 'checkout-'));
	execSync(`git archive --format=tar HEAD | tar -x -C "${folder}"`, { cwd: repoRoot, stdio: 'pipe' });
	return folder;
}

/** `npm pack` of the built package, unpacked into a fresh folder (as the scanner does with a download). */
function packAndUnpack(pkg: OurPackage, into: string): string {
	if (!existsSync(join(pkg.dir, 'dist', 'nodes'))) {
		execFileSync('npm', ['run', 'build', '--silent'], { cwd: pkg.dir, stdio: 'pipe' });
	}
	const folder = mkdtempSync(join(into, 'pack-'));
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], { cwd: pkg.dir, encoding: 'utf8' }),
	) as Array<{ filename: string }>;
	const unpacked = join(folder, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', join(folder, packed[0].filename), '-C', unpacked, '--strip-components=1']);
	return unpacked;
}

function filesIn(folder: string): string[] {
	return readdirSync(folder, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(folder, join(entry.parentPath, entry.name)));
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

let work: string;
let checkout: string;
const tarballs = new Map<string, string>();
beforeAll(() => {
	work = mkdtempSync(join(tmpdir(), 'scanner-test-'));
	checkout = checkoutOfHead(work);
	for (const pkg of PACKAGES) tarballs.set(pkg.name, packAndUnpack(pkg, work));
});
afterAll(() => {
	rmSync(work, { recursive: true, force: true });
});

jest.setTimeout(240_000);

describe.each(PACKAGES.map((pkg) => [pkg.name, pkg] as const))('%s', (_name, pkg) => {
	const other = PACKAGES.find((entry) => entry !== pkg)!;

	it('n8n finds its folder in the repository at HEAD, and the scan of its sources finds nothing', () => {
		const result = scan(['source', checkout, pkg.name]);
		expect(result.root).toBe(join(checkout, relative(repoRoot, pkg.dir)));
		expect(result.details ?? '').toBe('');
		expect(result).toMatchObject({ passed: true });
		// The sources scanned include the shared code (nodes/shared, linked into the package).
		expect(existsSync(join(result.root!, 'nodes', 'shared', 'transport', 'http.ts'))).toBe(true);
	});

	it('the scan of its packed tarball (compiled JavaScript and the published package.json) finds nothing', () => {
		const result = scan(['tarball', tarballs.get(pkg.name)!]);
		expect(result.details ?? '').toBe('');
		expect(result).toMatchObject({ passed: true });
	});

	it("is strict, has no runtime dependencies, and its n8n section lists only its own service's files, each in the tarball", () => {
		const unpacked = tarballs.get(pkg.name)!;
		const manifest = readJson<PackageJson>(join(unpacked, 'package.json'));
		expect(manifest.name).toBe(pkg.name);
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.n8n.strict).toBe(true);
		const vendorFolder = `dist/nodes/${pkg.vendor}/`;
		expect(manifest.n8n.nodes.length).toBeGreaterThan(0);
		for (const node of manifest.n8n.nodes) {
			expect(node.startsWith(vendorFolder)).toBe(true);
			expect(existsSync(join(unpacked, node))).toBe(true);
			expect(existsSync(join(unpacked, node.replace(/\.js$/, '.json')))).toBe(true);
			// The icons the node names (file:...) ship beside it.
			const compiled = readFileSync(join(unpacked, node), 'utf8');
			const icons = [...compiled.matchAll(/'file:([^']+)'/g)].map((match) => join(dirname(join(unpacked, node)), match[1]));
			expect(icons.length).toBeGreaterThan(0);
			for (const icon of icons) expect(existsSync(icon)).toBe(true);
		}
		expect(manifest.n8n.credentials).toEqual([`dist/credentials/${pkg.credential[0].toUpperCase()}${pkg.credential.slice(1)}.credentials.js`]);
		expect(existsSync(join(unpacked, manifest.n8n.credentials[0]))).toBe(true);
		// Nothing of the other service rides along: no node folder, no credential, no mention.
		const files = filesIn(unpacked);
		expect(files.filter((file) => file.includes(`/${other.vendor}/`) || file.includes(other.credential.slice(1)))).toEqual([]);
		const mentions = files.filter((file) => file.endsWith('.js') && readFileSync(join(unpacked, file), 'utf8').includes(other.credential));
		expect(mentions).toEqual([]);
		// The shared code is compiled in: the tarball is complete on its own.
		expect(files).toContain('dist/nodes/shared/transport/http.js');
	});
});

describe('planted violations make the scan fail', () => {
	const [pkg] = PACKAGES;

	it('a runtime dependency in the package.json', () => {
		const copy = checkoutOfHead(work);
		const packageFile = join(copy, relative(repoRoot, pkg.dir), 'package.json');
		writeFileSync(packageFile, JSON.stringify({ ...readJson<PackageJson>(packageFile), dependencies: { axios: '1.12.0' } }, null, 2));
		const result = scan(['source', copy, pkg.name]);
		expect(result.passed).toBe(false);
		expect(result.details).toMatch(/no-runtime-dependencies/);
	});

	it('a node that reads process.env and imports node:fs', () => {
		const copy = checkoutOfHead(work);
		const root = join(copy, relative(repoRoot, pkg.dir));
		const [node] = readJson<PackageJson>(join(root, 'package.json')).n8n.nodes;
		const source = join(root, node.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		writeFileSync(
			source,
			`import { readFileSync } from 'node:fs';\nexport const planted = readFileSync(process.env.PLANTED_PATH ?? '');\n${readFileSync(source, 'utf8')}`,
		);
		const result = scan(['source', copy, pkg.name]);
		expect(result.passed).toBe(false);
		expect(result.details).toMatch(/node:fs|restricted/i);
		expect(result.details).toMatch(/process/);
	});

	it('compiled code that requires child_process (in an unpacked tarball)', () => {
		const unpacked = packAndUnpack(pkg, work);
		const [node] = readJson<PackageJson>(join(unpacked, 'package.json')).n8n.nodes;
		const compiled = join(unpacked, node);
		writeFileSync(compiled, `${readFileSync(compiled, 'utf8')}\nrequire('child_process').execSync('id');\n`);
		const result = scan(['tarball', unpacked]);
		expect(result.passed).toBe(false);
		expect(result.details).toMatch(/child_process/);
	});
});

/**
 * n8n's community-package scanner (@n8n/scan-community-package) on this package, offline: its
 * analyzer on the sources and on the packed, unpacked tarball finds nothing; the same analyzer
 * on a copy with a planted violation reports it (so a green result means something).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..');
const scanScript = join(__dirname, 'scan.mjs');

interface ScanResult {
	passed: boolean;
	message?: string;
	details?: string;
}

function scan(mode: 'source' | 'tarball', folder: string): ScanResult {
	// eslint-plugin-n8n-nodes-base reads file names differently when NODE_ENV is "test" (its own
	// fixtures), which jest sets: the scanner runs with NODE_ENV unset, as in n8n's pipeline.
	const env = { ...process.env };
	delete env.NODE_ENV;
	const out = execFileSync(process.execPath, [scanScript, mode, folder], { cwd: repoRoot, encoding: 'utf8', env });
	return JSON.parse(out) as ScanResult;
}

/** npm pack of the built package, unpacked into a fresh folder (as the scanner does with a download). */
function packAndUnpack(into: string): string {
	if (!existsSync(join(repoRoot, 'dist', 'nodes'))) {
		execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'pipe' });
	}
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', into], { cwd: repoRoot, encoding: 'utf8' }),
	) as Array<{ filename: string }>;
	const unpacked = join(into, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', join(into, packed[0].filename), '-C', unpacked, '--strip-components=1']);
	return unpacked;
}

let work: string;
beforeAll(() => {
	work = mkdtempSync(join(tmpdir(), 'scanner-test-'));
});
afterAll(() => {
	rmSync(work, { recursive: true, force: true });
});

jest.setTimeout(180_000);

describe('@n8n/scan-community-package analyzer', () => {
	it('finds nothing in the sources (nodes, credentials, package.json)', () => {
		const result = scan('source', repoRoot);
		expect(result.details ?? '').toBe('');
		expect(result).toMatchObject({ passed: true });
	});

	it('finds nothing in the packed tarball (compiled JavaScript and the published package.json)', () => {
		const unpacked = packAndUnpack(mkdtempSync(join(work, 'pack-')));
		expect(existsSync(join(unpacked, 'dist', 'nodes', 'Venafi', 'VenafiTicket', 'VenafiTicket.node.js'))).toBe(true);
		const result = scan('tarball', unpacked);
		expect(result.details ?? '').toBe('');
		expect(result).toMatchObject({ passed: true });
	});

	it('reports a node that imports node:fs and reads process.env (planted in a copy of the sources)', () => {
		const copy = mkdtempSync(join(work, 'planted-source-'));
		for (const part of ['nodes', 'credentials', 'package.json']) cpSync(join(repoRoot, part), join(copy, part), { recursive: true });
		const node = join(copy, 'nodes', 'Venafi', 'VenafiWork', 'VenafiWork.node.ts');
		writeFileSync(
			node,
			`import { readFileSync } from 'node:fs';\nexport const planted = readFileSync(process.env.PLANTED_PATH ?? '');\n${readFileSync(node, 'utf8')}`,
		);
		const result = scan('source', copy);
		expect(result.passed).toBe(false);
		expect(result.details).toContain('VenafiWork.node.ts');
		expect(result.details).toMatch(/node:fs|restricted/i);
		expect(result.details).toMatch(/process/);
	});

	it('reports compiled code that requires child_process (planted in an unpacked tarball)', () => {
		const unpacked = packAndUnpack(mkdtempSync(join(work, 'planted-pack-')));
		const compiled = join(unpacked, 'dist', 'nodes', 'Venafi', 'VenafiWork', 'VenafiWork.node.js');
		writeFileSync(compiled, `${readFileSync(compiled, 'utf8')}\nrequire('child_process').execSync('id');\n`);
		const result = scan('tarball', unpacked);
		expect(result.passed).toBe(false);
		expect(result.details).toContain('VenafiWork.node.js');
		expect(result.details).toMatch(/child_process/);
	});
});

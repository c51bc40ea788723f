/**
 * The GitHub Actions workflows, checked by a real workflow validator (@action-validator/cli:
 * the workflow JSON schema GitHub's syntax follows, plus its own checks) and for what n8n's
 * verification needs from publishing: provenance, OIDC, no long-lived npm token. The validator
 * must also reject a planted broken workflow, so a pass means something.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..');
const workflowsDir = join(repoRoot, '.github', 'workflows');
const validator = join(repoRoot, 'node_modules', '.bin', 'action-validator');

function validate(file: string): { code: number | null; output: string } {
	const run = spawnSync(validator, [file], { cwd: repoRoot, encoding: 'utf8' });
	return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

const read = (name: string) => readFileSync(join(workflowsDir, name), 'utf8');

describe('GitHub Actions workflows', () => {
	it.each(['ci.yml', 'publish.yml'])('%s passes action-validator', (name) => {
		const result = validate(join(workflowsDir, name));
		expect(result.output).toBe('');
		expect(result.code).toBe(0);
	});

	it('action-validator rejects a planted broken workflow', () => {
		const dir = mkdtempSync(join(tmpdir(), 'workflow-lint-'));
		try {
			// A job without runs-on, an unknown trigger and a permission value GitHub does not have.
			const broken = read('ci.yml')
				.replace('  push:\n', '  pushed:\n')
				.replace('permissions:\n  contents: read', 'permissions:\n  contents: readable')
				.replace(/\n    runs-on: ubuntu-latest\n/, '\n');
			const file = join(dir, 'ci.yml');
			writeFileSync(file, broken);
			const result = validate(file);
			expect(result.code).not.toBe(0);
			expect(result.output).toMatch(/pushed|readable|runs-on/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('publish.yml publishes each package from its own tag, with provenance, by OIDC (a token only for a first release)', () => {
		const publish = read('publish.yml');
		expect(publish).toMatch(/on:\n  push:\n    tags:\n      - 'n8n-nodes-sailpoint-isc@\*'\n      - 'n8n-nodes-venafi-tpp@\*'/);
		expect(publish).toMatch(/permissions:\n  contents: read\n  id-token: write/);
		expect(publish).toContain('run: npm publish --provenance --access public');
		for (const step of ['npm ci', 'npm run lint', 'npm run build', 'npm test']) expect(publish).toContain(`run: ${step}`);
		// The tag names the package folder the publish step runs in.
		expect(publish).toContain('n8n-nodes-sailpoint-isc) folder=packages/sailpoint-isc');
		expect(publish).toContain('n8n-nodes-venafi-tpp) folder=packages/venafi-tpp');
		expect(publish).toContain('working-directory: ${{ steps.package.outputs.folder }}');
		// The only secret is the first release's token (RELEASING.md), and only on the publish step.
		const steps = publish.split('\n').filter((line) => !line.trimStart().startsWith('#'));
		expect(steps.filter((line) => /secrets\./.test(line)).map((line) => line.trim())).toEqual(['NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}']);
	});

	it('ci.yml runs on push and pull request: the checks, n8n 2.8.4 on Node 20 and the newest n8n on Node 24', () => {
		const ci = read('ci.yml');
		expect(ci).toMatch(/on:\n  push:\n  pull_request:/);
		for (const step of ['npm run lint', 'npm run typecheck', 'npm run build', 'npm test']) expect(ci).toContain(`run: ${step}`);
		expect(ci).toContain('E2E_LINES: pinned');
		expect(ci).toContain('E2E_LINES: latest');
	});
});

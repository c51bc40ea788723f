/*
 * `npm run test:e2e` (and `npm run test:e2e:latest` with --latest): the nodes inside a real n8n.
 * The packed packages are installed as community packages, the sandbox stands in for TPP and
 * ISC, one `n8n start` serves the webhook-triggered test workflows and the examples, and every
 * case reads the finished execution (each node's output) back through n8n's REST API.
 *
 * `--package sailpoint-isc` or `--package venafi-tpp` installs that package alone (as a user who
 * installed only it has it) and runs its cases; without it, both packages and all cases. The
 * cases live per node family in e2e/cases/<vendor>/.
 */
import assert from 'node:assert/strict';

import { SECRETS } from '../test/n8n/credentials';
import { EXAMPLES, loadExamples } from './lib/examples';
import { latestN8n, PACKAGES, pinnedN8n } from '../test/n8n/paths';
import { runE2e } from './lib/main';
import { resetSandbox, seen, type CaseFamily, type TestCase } from './cases/context';
import { credentialCases as sailpointCredentialCases } from './cases/sailpoint/credential';
import { approvalCases } from './cases/sailpoint/approvals';
import { certificationCases } from './cases/sailpoint/certifications';
import { certificationHelperCases, exampleCases as sailpointExampleCases } from './cases/sailpoint/examples';
import { workItemCases } from './cases/sailpoint/workItems';
import { credentialCases as venafiCredentialCases } from './cases/venafi/credential';
import { exampleCases as venafiExampleCases } from './cases/venafi/examples';
import { ticketCases } from './cases/venafi/ticket';
import { OUTPUT_WORKFLOWS, outputCases } from './cases/venafi/outputs';
import { ticketTriggerCases } from './cases/venafi/ticketTrigger';
import { TRIGGER_NAME_WORKFLOWS, triggerNameCases } from './cases/venafi/triggerNames';
import { workCases } from './cases/venafi/work';
import { SAILPOINT_PACKAGE, VENAFI_PACKAGE } from '../test/harness/packages';
import { TEST_WORKFLOWS, ticketTriggerWorkflow } from './workflows';

const latest = process.argv.includes('--latest');
const install = latest ? latestN8n : pinnedN8n;
const packageArgument = process.argv[process.argv.indexOf('--package') + 1];
const packages = process.argv.includes('--package') ? PACKAGES.filter((pkg) => pkg.dir.endsWith(`/${packageArgument}`)) : PACKAGES;
if (packages.length === 0) throw new Error(`--package ${packageArgument}: no such package (sailpoint-isc or venafi-tpp)`);

/** Each package's cases, by node family, in the order they run. */
const CASES = new Map<(typeof PACKAGES)[number], CaseFamily[]>([
	[VENAFI_PACKAGE, [workCases, ticketCases, outputCases, ticketTriggerCases, triggerNameCases, venafiCredentialCases, venafiExampleCases]],
	[SAILPOINT_PACKAGE, [sailpointCredentialCases, workItemCases, approvalCases, certificationCases, sailpointExampleCases, certificationHelperCases]],
]);

const names = packages.map((pkg) => pkg.name).join(' and ');
void runE2e(`End-to-end: ${names} inside a real n8n`, {
	install,
	packages,
	workflows: [...TEST_WORKFLOWS.map((test) => test.workflow), ...OUTPUT_WORKFLOWS.map((test) => test.workflow), ticketTriggerWorkflow.workflow, ...TRIGGER_NAME_WORKFLOWS.map((test) => test.workflow), ...loadExamples()],
	activate: [...TEST_WORKFLOWS.map((test) => test.id), ...OUTPUT_WORKFLOWS.map((test) => test.id), EXAMPLES.ticketDecision.id],
	testVariants: true,
}, (run, session) => {
	const { sandbox } = session;
	const test: TestCase = (name, fn) =>
		run.test(name, async () => {
			resetSandbox(sandbox);
			await fn();
		});
	for (const pkg of packages) for (const family of CASES.get(pkg) ?? []) family(test, session);

	test('n8n tried to reach no outside host (no name lookups failed in its log)', async () => {
		// Nothing but 127.0.0.1 answers here: a call home would show up as a failed lookup.
		assert.doesNotMatch(session.main.process.log, /ENOTFOUND|EAI_AGAIN|getaddrinfo/);
	});

	test("No token appears in n8n's logs, webhook answers or stored executions", async () => {
		const texts = [...seen, session.main.process.log];
		const secrets = [...SECRETS, ...sandbox.tppAuth.issued, ...sandbox.iscAuth.issued];
		assert.ok(texts.length > 10);
		assert.ok(secrets.length > SECRETS.length, 'the tokens the sign-ins got are checked too');
		for (const text of texts) for (const secret of secrets) assert.ok(!text.includes(secret), `a token leaked into: ${text.slice(0, 200)}`);
	});
});

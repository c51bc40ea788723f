import type { IDataObject } from 'n8n-workflow';

import { SailPointCertifications } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointCertifications/SailPointCertifications.node';
import { SailPointCertificationsTrigger } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointCertificationsTrigger/SailPointCertificationsTrigger.node';
import { expectNoSecrets } from '../../harness/assertions';
import { declaredParameters, evaluateNode, expectImportable, ourNodes, readExample } from '../../harness/examples';
import { PollingTrigger, emitted } from '../../harness/poll';
import { runNode, runWorkflow } from '../../harness/run';
import { ISC_IDENTITY_ID, ISC_TOKEN } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/**
 * examples/sailpoint-certification-helper.json: importable as is; on the sandbox, a newly
 * assigned certification's undecided items are listed, those matching the role model (roles and
 * access profiles) approved, the entitlements turned into a message for the reviewer; once the
 * reviewer decided the rest, the hourly branch signs the certification off.
 */

const { example, byName } = readExample('sailpoint-certification-helper.json');
const isc = useIscSandbox({ apiVersion: 'current' });
const certs = () => isc.sandbox.certifications;
const assignments = (node: string) =>
	Object.fromEntries(
		(byName(node).parameters.assignments as { assignments: Array<{ name: string; value: string }> }).assignments.map((entry) => [entry.name, entry.value]),
	);

const passThrough = (() => {
	const node = evaluateNode([]);
	node.description = { ...node.description, name: 'passThrough' };
	return node;
})();

beforeEach(() => certs().reseed([{ reviewerId: ISC_IDENTITY_ID, identities: 1, campaign: 0 }]));

test('the example is importable: known node types, wired nodes, declared parameters, the sandbox credential', () => {
	expectImportable(example);
	expect(ourNodes(example).map((node) => node.name)).toEqual([
		'Certification assigned or due',
		'Undecided review items',
		'Approve',
		'Fully decided certifications',
		'Sign off',
	]);
	for (const node of ourNodes(example)) {
		expect(node.credentials).toEqual({ sailPointIscApi: { id: 'sailpoint-isc-sandbox', name: 'SailPoint ISC (sandbox)' } });
		const declared = declaredParameters(node.name === 'Certification assigned or due' ? new SailPointCertificationsTrigger() : new SailPointCertifications());
		for (const parameter of Object.keys(node.parameters).filter((key) => key !== 'pollTimes')) expect(declared.has(parameter)).toBe(true);
	}
	expect(example.connections['Matches the role model?'].main.map((branch) => branch[0].node)).toEqual(['Approve', 'Ask the reviewer']);
	expect(JSON.stringify(example)).not.toContain(ISC_TOKEN);
});

test('its steps on the sandbox: assigned → items → role model approved, the rest asked → signed off when none is left', async () => {
	const active = new PollingTrigger(new SailPointCertificationsTrigger(), byName('Certification assigned or due').parameters, { credentials: isc.credentials() });
	expect(await active.activate()).toBeNull();
	const assigned = certs().add({ reviewerId: ISC_IDENTITY_ID, identities: 2, campaign: 0, due: new Date(Date.now() + 20 * 86_400_000).toISOString() });
	const news = emitted(await active.poll());
	expect(news.map((item) => [item.id, item.event])).toEqual([[assigned.id, 'assigned']]);

	// Trigger item → the real Get Many Review Items → the Set node's expressions (n8n's engine, paired items).
	const assess = assignments('Assess item');
	const fields = ['certificationId', 'certificationName', 'id', 'summary', 'matchesRoleModel'];
	const run = await runWorkflow({
		nodes: [
			// Stands in for the trigger (its own node type: the registry keys nodes by type).
			{ name: 'Certification assigned or due', node: passThrough, parameters: {} },
			{ name: 'Undecided review items', node: new SailPointCertifications(), parameters: byName('Undecided review items').parameters },
			{ name: 'Assess item', node: evaluateNode(fields), parameters: Object.fromEntries(fields.map((name) => [name, assess[name]])) },
		],
		items: news,
		credentials: isc.credentials(),
	});
	expect(run.output('Certification assigned or due').map((item) => item.json.id)).toEqual([assigned.id]);
	expect(run.error).toBeUndefined();
	const rows = run.output('Assess item').map((item) => item.json);
	expect(rows).toHaveLength(8);
	expect(rows.every((row) => row.certificationId === assigned.id)).toBe(true);
	const matches = rows.filter((row) => row.matchesRoleModel === true);
	expect(matches.map((row) => row.id)).toEqual(assigned.items.filter((item) => item.accessSummary.access.type !== 'ENTITLEMENT').map((item) => item.id));
	expect(rows[0].summary).toBe(`${assigned.items[0].identitySummary.name} has the entitlement ${assigned.items[0].accessSummary.access.name}`);

	const approved = await runNode(new SailPointCertifications(), byName('Approve').parameters, { credentials: isc.credentials(), items: matches as IDataObject[] });
	expectNoSecrets(approved, ISC_TOKEN);
	expect(approved.items.map((item) => item.json.status)).toEqual(matches.map(() => 'decided'));
	expect(assigned.items.filter((item) => item.decision === 'APPROVE').map((item) => item.comments)).toEqual(matches.map(() => byName('Approve').parameters.comment));

	const rest = rows.filter((row) => row.matchesRoleModel !== true);
	const ask = assignments('Ask the reviewer');
	const asked = await runNode(evaluateNode(['text']), { text: ask.text }, { items: rest as IDataObject[] });
	expect(String(asked.items[0].json.text)).toBe(
		`:mag: Access review *${assigned.name}*: ${rest[0].summary}. Keep it (Approve) or remove it (Revoke, with a reason)? Review item ${rest[0].id}`,
	);

	// Not yet: the hourly branch finds nothing fully decided.
	const before = await runNode(new SailPointCertifications(), byName('Fully decided certifications').parameters, { credentials: isc.credentials() });
	expect(before.items).toEqual([]);
	// The reviewer answers: revoke the entitlements, with a reason.
	const revoked = await runNode(
		new SailPointCertifications(),
		{ resource: 'certification', operation: 'decide', certificationId: { __rl: true, mode: 'id', value: assigned.id }, reviewItemIds: rest.map((row) => row.id) as string[], decision: 'REVOKE', comment: 'No longer needed' },
		{ credentials: isc.credentials() },
	);
	expect(revoked.items.every((item) => item.json.status === 'decided')).toBe(true);
	const decided = await runNode(new SailPointCertifications(), byName('Fully decided certifications').parameters, { credentials: isc.credentials() });
	expect(decided.items.map((item) => item.json.id)).toEqual([assigned.id]);
	const signed = await runNode(new SailPointCertifications(), byName('Sign off').parameters, { credentials: isc.credentials(), items: decided.items.map((item) => item.json) });
	expect(signed.items[0].json).toMatchObject({ id: assigned.id, phase: 'SIGNED' });
});

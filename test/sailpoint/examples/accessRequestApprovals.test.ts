import type { IDataObject } from 'n8n-workflow';

import { SailPointApprovals } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { SailPointApprovalsTrigger } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovalsTrigger/SailPointApprovalsTrigger.node';
import { expectNoSecrets } from '../../harness/assertions';
import { declaredParameters, evaluateNode, expectImportable, ourNodes, readExample } from '../../harness/examples';
import { PollingTrigger, emitted } from '../../harness/poll';
import { runNode } from '../../harness/run';
import { ISC_IDENTITY_ID, ISC_OWNERS, ISC_TOKEN } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/**
 * examples/sailpoint-access-request-approvals.json: its shape as n8n imports it; the trigger,
 * Approve, Forward and summary nodes run with their exact parameters against the sandbox; the
 * Set nodes' expressions evaluated by n8n's own engine on what the trigger emitted.
 */

const { example, byName } = readExample('sailpoint-access-request-approvals.json');

/** Stands in for the Set nodes: resolves their expressions with n8n's engine. */
const evaluate = evaluateNode(['first', 'second']);

const isc = useIscSandbox({ apiVersion: 'current' });
const approvals = () => isc.sandbox.accessRequestApprovals;
const assignment = (node: string, name: string) =>
	(byName(node).parameters.assignments as { assignments: Array<{ name: string; value: string }> }).assignments.find((entry) => entry.name === name)
		?.value ?? '';

beforeEach(() => approvals().reseed(12));

test('the example is importable as is: known node types, wired nodes, declared parameters, the sandbox credential', () => {
	expectImportable(example);
	const ours = ourNodes(example);
	expect(ours.map((node) => node.name)).toEqual(['New pending approval', 'Approve', 'Forward to reviewer', 'Approvals summary']);
	for (const node of ours) {
		expect(node.credentials).toEqual({ sailPointIscApi: { id: 'sailpoint-isc-sandbox', name: 'SailPoint ISC (sandbox)' } });
	}
	expect(example.connections['Low risk?'].main.map((branch) => branch[0].node)).toEqual(['Approve', 'Forward to reviewer']);
	const declared = declaredParameters;
	for (const name of ['Approve', 'Forward to reviewer', 'Approvals summary']) {
		for (const parameter of Object.keys(byName(name).parameters)) expect(declared(new SailPointApprovals()).has(parameter)).toBe(true);
	}
	for (const parameter of Object.keys(byName('New pending approval').parameters).filter((key) => key !== 'pollTimes')) {
		expect(declared(new SailPointApprovalsTrigger()).has(parameter)).toBe(true);
	}
	expect(byName('Forward to reviewer').parameters.newOwnerId).toBe(ISC_OWNERS[2].id);
	expect(JSON.stringify(example)).not.toContain(ISC_TOKEN);
});

test('its steps: new approvals emitted once, the access profile grant approved with the comment, the others forwarded, then the summary', async () => {
	const active = new PollingTrigger(new SailPointApprovalsTrigger(), byName('New pending approval').parameters, {
		credentials: isc.credentials(),
		typeVersion: byName('New pending approval').typeVersion,
	});
	expect(await active.activate()).toBeNull();

	const added = [approvals().add(), approvals().add(), approvals().add()];
	// Seeded objects rotate ACCESS_PROFILE, ROLE, ENTITLEMENT; spell one in the current title case.
	added[0].requestedObject.type = 'Access_Profile';
	const news = emitted(await active.poll());
	expect(news.map((item) => item.id)).toEqual(added.map((approval) => approval.id));

	const assessed = await runNode(
		evaluate,
		{ first: assignment('Assess risk', 'summary'), second: assignment('Assess risk', 'lowRisk') },
		{ items: news },
	);
	expect(assessed.error).toBeUndefined();
	const rows = assessed.items.map((item) => ({ ...item.json, summary: item.json.first, lowRisk: item.json.second }) as IDataObject);
	expect(rows.map((row) => [row.requestedObject && (row.requestedObject as IDataObject).type, row.lowRisk])).toEqual([
		['Access_Profile', true],
		['ROLE', false],
		['ENTITLEMENT', false],
	]);
	expect(rows[1].summary).toBe(`${added[1].requester.name} asks for ${added[1].requestedObject.name} (ROLE) for ${added[1].requestedFor.name}`);

	const approved = await runNode(new SailPointApprovals(), byName('Approve').parameters, {
		credentials: isc.credentials(),
		typeVersion: byName('Approve').typeVersion,
		items: rows.filter((row) => row.lowRisk === true),
	});
	expectNoSecrets(approved, ISC_TOKEN);
	expect(approved.items.map((item) => item.json.id)).toEqual([added[0].id]);
	expect(approvals().completed).toEqual([
		expect.objectContaining({ id: added[0].id, state: 'APPROVED', reviewerComment: expect.objectContaining({ comment: byName('Approve').parameters.comment }) }),
	]);

	const forwarded = await runNode(new SailPointApprovals(), byName('Forward to reviewer').parameters, {
		credentials: isc.credentials(),
		typeVersion: byName('Forward to reviewer').typeVersion,
		items: rows.filter((row) => row.lowRisk !== true),
	});
	expect(forwarded.error).toBeUndefined();
	expect([added[1].owner.id, added[2].owner.id]).toEqual([ISC_OWNERS[2].id, ISC_OWNERS[2].id]);
	expect(added[1].forwardHistory[0].comment).toBe(`Needs a review: ${rows[1].summary}`);
	expect(await active.poll()).toBeNull();

	const summary = await runNode(new SailPointApprovals(), byName('Approvals summary').parameters, {
		credentials: isc.credentials(),
		typeVersion: byName('Approvals summary').typeVersion,
	});
	const line = await runNode(evaluate, { first: assignment('Daily line', 'line') }, { items: summary.items.map((item) => item.json) });
	const mine = approvals().pending.filter((approval) => approval.owner.id === ISC_IDENTITY_ID).length;
	expect(line.items[0].json.first).toBe(`Access request approvals: ${mine} pending, 1 approved, 0 rejected`);
});

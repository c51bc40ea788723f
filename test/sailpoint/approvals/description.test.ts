import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { SailPointApprovals } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { SailPointApprovalsTrigger } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovalsTrigger/SailPointApprovalsTrigger.node';
import { runNode } from '../../harness/run';
import { ISC_TOKEN } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

const description = new SailPointApprovals().description;
const isc = useIscSandbox({ apiVersion: 'current' });

const operationsOf = (resource: string) =>
	(description.properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource))
		?.options ?? []) as Array<{ name: string; value: string; action: string; description: string }>;

test('node and trigger names, resources and operation values (public API once on main)', () => {
	expect(description.name).toBe('sailPointApprovals');
	expect(description.usableAsTool).toBe(true);
	expect(description.credentials).toEqual([{ name: 'sailPointIscApi', required: true }]);
	expect(operationsOf('accessRequestApproval').map((option) => option.value).sort()).toEqual(
		['approve', 'bulkApprove', 'forward', 'getApprovers', 'getManyCompleted', 'getManyPending', 'getSummary', 'reject'].sort(),
	);
	expect(operationsOf('genericApproval').map((option) => option.value).sort()).toEqual(
		['addComment', 'approve', 'bulkApprove', 'bulkCancel', 'bulkReassign', 'bulkReject', 'cancel', 'get', 'getMany', 'reassign', 'reject', 'updateAttributes'].sort(),
	);
	expect(operationsOf('nonEmployeeApproval').map((option) => option.value).sort()).toEqual(['approve', 'get', 'getMany', 'getSummary', 'reject']);
	expect(new SailPointApprovalsTrigger().description.name).toBe('sailPointApprovalsTrigger');
});

test('every operation has a distinct action; its scope and user level are on the docs page (the panel\'s Docs link), not in a notice', () => {
	const docs = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'sailPointApprovals.md'), 'utf8').split('\n');
	for (const [resource, label] of [
		['accessRequestApproval', 'Access Request Approval'],
		['genericApproval', 'Generic Approval'],
		['nonEmployeeApproval', 'Non-Employee Approval'],
	]) {
		const rows = docs.filter((line) => line.startsWith(`| ${label} |`));
		for (const option of operationsOf(resource)) {
			expect(option.action).toMatch(/^[A-Z][a-z]+ .*(approval|approvers|request)/);
			const notices = description.properties.filter(
				(property: INodeProperties) =>
					property.type === 'notice' &&
					property.displayOptions?.show?.resource?.includes(resource) &&
					property.displayOptions?.show?.operation?.includes(option.value),
			);
			expect(notices).toEqual([]);
			let index = rows.findIndex((line) => line.includes(`\`${option.value}\``));
			expect({ operation: option.value, row: index >= 0 }).toEqual({ operation: option.value, row: true });
			// "same" repeats the row above, as the table reads.
			while (index > 0 && rows[index].split(' | ')[3] === 'same') index--;
			expect(rows[index].split(' | ')[3]).toMatch(/(idn|sp):[a-z-]+:[a-z]+/);
		}
	}
	const actions = [...operationsOf('accessRequestApproval'), ...operationsOf('genericApproval'), ...operationsOf('nonEmployeeApproval')].map((option) => option.action);
	expect(new Set(actions).size).toBe(actions.length);
});

test('the codex files name the nodes, and package.json registers them', () => {
	const read = (path: string) => JSON.parse(readFileSync(join(__dirname, '../../../packages/sailpoint-isc', path), 'utf8'));
	expect(read('nodes/SailPoint/SailPointApprovals/SailPointApprovals.node.json').node).toBe('n8n-nodes-sailpoint-isc.sailPointApprovals');
	expect(read('nodes/SailPoint/SailPointApprovalsTrigger/SailPointApprovalsTrigger.node.json').node).toBe(
		'n8n-nodes-sailpoint-isc.sailPointApprovalsTrigger',
	);
	const pkg = read('package.json');
	expect(pkg.n8n.nodes).toEqual(
		expect.arrayContaining([
			'dist/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node.js',
			'dist/nodes/SailPoint/SailPointApprovalsTrigger/SailPointApprovalsTrigger.node.js',
		]),
	);
});

test('the approval services answer ISC\'s documented 401 and 429 bodies, and the node explains them', async () => {
	for (const path of ['/access-request-approvals/v1/pending', '/v3/access-request-approvals/pending', '/generic-approvals/v1']) {
		const unauthorized = await fetch(`${isc.sandbox.url}${path}`, { headers: { Authorization: 'Bearer expired-token-0123456789' } });
		expect([unauthorized.status, await unauthorized.json()]).toEqual([401, { error: 'JWT validation failed: JWT is expired' }]);
		isc.sandbox.isc.rateLimit(1, 3);
		const limited = await fetch(`${isc.sandbox.url}${path}`, { headers: { Authorization: `Bearer ${ISC_TOKEN}` } });
		expect([limited.status, limited.headers.get('retry-after'), await limited.json()]).toEqual([429, '3', { message: ' Rate Limit Exceeded ' }]);
	}
	const result = await runNode(
		new SailPointApprovals(),
		{ resource: 'accessRequestApproval', operation: 'getManyPending', returnAll: true },
		{ credentials: isc.credentials({ accessToken: 'expired-token-0123456789' }) },
	);
	expect(result.error?.message).toBe('SailPoint ISC rejected the access token: it is invalid or has expired (HTTP 401): JWT validation failed: JWT is expired');
});

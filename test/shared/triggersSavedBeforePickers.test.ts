import type { INodeParameters, INodeType } from 'n8n-workflow';

import { SailPointApprovalsTrigger } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovalsTrigger/SailPointApprovalsTrigger.node';
import { WorkItemsTrigger } from '../../packages/sailpoint-isc/nodes/SailPoint/WorkItemsTrigger/WorkItemsTrigger.node';
import { VenafiTicketTrigger } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicketTrigger/VenafiTicketTrigger.node';
import { PollingTrigger } from '../harness/poll';
import { ISC_TOKEN, ISC_USER_ID } from '../sandbox/isc';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { TPP_TOKEN } from '../sandbox/tpp';

/**
 * The triggers' picker fields (Venafi Ticket Trigger: Object DN; Work Items Trigger: Owner ID in
 * Options; SailPoint Approvals Trigger: Owner ID) as saved before (plain strings) poll exactly as
 * the same value picked From List: the same requests, the same memory.
 */

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.stop());

const credentials = () => ({
	venafiTppApi: { baseUrl: sandbox.url, accessToken: TPP_TOKEN, allowUnauthorizedCerts: false },
	sailPointIscApi: { baseUrl: sandbox.url, accessToken: ISC_TOKEN, apiVersion: 'current' },
});
const picked = (value: string) => ({ __rl: true, mode: 'list', value });

async function activateAndPoll(node: () => INodeType, parameters: INodeParameters) {
	sandbox.isc.reseed(40);
	sandbox.accessRequestApprovals.reseed(12);
	sandbox.clearLog();
	const trigger = new PollingTrigger(node(), parameters, { credentials: credentials() });
	const activated = await trigger.activate();
	const polled = await trigger.poll();
	return {
		activated,
		polled,
		memory: trigger.memory(),
		requests: sandbox.requests.map(({ method, path, query, body }) => ({ method, path, query, body })),
	};
}

const CASES: Array<[string, () => INodeType, INodeParameters, INodeParameters]> = [
	[
		'Venafi Ticket Trigger: Object DN',
		() => new VenafiTicketTrigger(),
		{ objectDn: '\\VED\\Policy\\Certificates\\app1.venafi.example', options: {} },
		{ objectDn: picked('\\VED\\Policy\\Certificates\\app1.venafi.example'), options: {} },
	],
	[
		'Work Items Trigger: Owner ID',
		() => new WorkItemsTrigger(),
		{ options: { ownerId: ISC_USER_ID } },
		{ options: { ownerId: picked(ISC_USER_ID) } },
	],
	[
		'SailPoint Approvals Trigger: Owner ID',
		() => new SailPointApprovalsTrigger(),
		{ owner: 'identity', ownerId: ISC_USER_ID, options: {} },
		{ owner: 'identity', ownerId: picked(ISC_USER_ID), options: {} },
	],
];

test.each(CASES)('%s saved as plain text polls as the value picked from the list', async (_name, node, saved, today) => {
	const before = await activateAndPoll(node, saved);
	const after = await activateAndPoll(node, today);
	expect(before.requests.length).toBeGreaterThan(0);
	expect(JSON.stringify(before.requests)).toMatch(/app1\.venafi\.example|2c91808568c529c60168cca6f90c1313/);
	expect(after.requests).toEqual(before.requests);
	expect(after.memory).toEqual(before.memory);
	expect([after.activated, after.polled]).toEqual([before.activated, before.polled]);
});

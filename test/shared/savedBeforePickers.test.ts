import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INode, INodeParameters, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { SailPointApprovals } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { WorkItems } from '../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { VenafiTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { runNode } from '../harness/run';
import { ISC_TOKEN } from '../sandbox/isc';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { TPP_TOKEN, seedTickets } from '../sandbox/tpp';

/**
 * Every ID field that became a picker keeps its parameter name, and a workflow exported before
 * (test/fixtures/saved-before-pickers.json: plain strings, one expression) opens and runs
 * unchanged through n8n-core: n8n-workflow keeps the plain string when it fills defaults and
 * reports no issue for it, n8n-core's extractValue passes it through, and the node sends the
 * same requests and outputs the same items as with the value picked From List or typed By ID.
 */

const saved = JSON.parse(readFileSync(join(__dirname, '../fixtures/saved-before-pickers.json'), 'utf8')) as {
	nodes: Array<INode & { parameters: INodeParameters }>;
};
const TYPES: Record<string, () => INodeType> = {
	'n8n-nodes-venafi-tpp.venafiTicket': () => new VenafiTicket(),
	'n8n-nodes-sailpoint-isc.workItems': () => new WorkItems(),
	'n8n-nodes-sailpoint-isc.sailPointApprovals': () => new SailPointApprovals(),
};
/** The fields of each saved node that are resource locators now (top level or in a collection). */
const LOCATOR_PATHS: Record<string, string[]> = {
	'Ticket Details': ['guid'],
	'Ticket Status': ['guid'],
	'Find Tickets': ['objectDn'],
	'Create Ticket': ['objectDn', 'workflowDn'],
	'Work Item': ['workItemId'],
	"Owner's Work Items": ['filters.ownerId'],
	Forward: ['workItemId', 'targetOwnerId'],
	'Approve Access Request': ['approvalId'],
	'Reassign Approval': ['approvalId', 'reassignTo', 'options.reassignFrom'],
};

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.stop());

function resetSandbox(): void {
	sandbox.tpp.tickets.clear();
	for (const ticket of seedTickets()) sandbox.tpp.tickets.set(ticket.GUID.toLowerCase(), ticket);
	sandbox.isc.reset();
	sandbox.isc.reseed(40);
	sandbox.accessRequestApprovals.reseed(12);
	sandbox.genericApprovals.reseed(10);
	sandbox.clearLog();
}

const credentials = () => ({
	venafiTppApi: { baseUrl: sandbox.url, accessToken: TPP_TOKEN, allowUnauthorizedCerts: false },
	sailPointIscApi: { baseUrl: sandbox.url, accessToken: ISC_TOKEN, apiVersion: 'current' },
});

function get(parameters: INodeParameters, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], parameters);
}

function withLocators(parameters: INodeParameters, paths: string[], mode: 'list' | 'id'): INodeParameters {
	const copy = JSON.parse(JSON.stringify(parameters)) as INodeParameters;
	for (const path of paths) {
		const keys = path.split('.');
		const parent = keys.slice(0, -1).reduce<IDataObject>((value, key) => value[key] as IDataObject, copy as IDataObject);
		const last = keys[keys.length - 1];
		parent[last] = { __rl: true, mode, value: parent[last] } as IDataObject;
	}
	return copy;
}

async function run(node: INode & { parameters: INodeParameters }, parameters: INodeParameters) {
	resetSandbox();
	const result = await runNode(TYPES[node.type](), { ...parameters, requestOptions: { paceRequests: false } }, {
		credentials: credentials(),
		items: [{ GUID: 'af415f09-d487-43de-ba2e-f61d089b4e68' }],
	});
	const requests = sandbox.requests.map(({ method, path, query, body }) => ({ method, path, query, body }));
	// Create answers a new random GUID each time; the rest of each item must be equal.
	const items = result.items.map((item) => ({ ...item.json, ...(item.json.ObjectDN && item.json.WorkflowDN ? { GUID: 'new' } : {}) }));
	return { error: result.error, requests, items };
}

test('the fixture is an export from before: every picker field holds a plain string', () => {
	expect(saved.nodes.map((node) => node.name)).toEqual(Object.keys(LOCATOR_PATHS));
	for (const node of saved.nodes) {
		for (const path of LOCATOR_PATHS[node.name]) expect(typeof get(node.parameters, path)).toBe('string');
	}
});

test.each(saved.nodes.map((node) => [node.name, node] as const))(
	'"%s": the fields are pickers now, the saved strings open as they are and without issues',
	(_name, node) => {
		const { description } = TYPES[node.type]();
		for (const path of LOCATOR_PATHS[node.name]) {
			const [top, inner] = path.split('.');
			const field = description.properties.find(
				(property) => property.name === top && NodeHelpers.displayParameter(node.parameters, property, node, description),
			)!;
			const locator = inner === undefined ? field : (field.options as typeof description.properties).find((option) => option.name === inner)!;
			expect(locator.type).toBe('resourceLocator');
		}
		const opened = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description)!;
		for (const path of LOCATOR_PATHS[node.name]) expect(get(opened, path)).toBe(get(node.parameters, path));
		expect(NodeHelpers.getNodeParametersIssues(description.properties, { ...node, parameters: opened }, description)).toBeNull();
	},
);

test.each(saved.nodes.map((node) => [node.name, node] as const))(
	'"%s" runs as saved, with the same requests and items as picked From List or typed By ID',
	async (_name, node) => {
		const before = await run(node, node.parameters);
		expect(before.error).toBeUndefined();
		expect(before.requests.length).toBeGreaterThan(0);
		expect(before.items.length).toBeGreaterThan(0);
		for (const mode of ['list', 'id'] as const) {
			const today = await run(node, withLocators(node.parameters, LOCATOR_PATHS[node.name], mode));
			expect(today.error).toBeUndefined();
			expect(today.requests).toEqual(before.requests);
			expect(today.items).toEqual(before.items);
		}
	},
);

test('a bad value saved before is still refused before any request, naming the field; By ID refuses it in the editor', async () => {
	const details = saved.nodes[0];
	resetSandbox();
	const plain = await runNode(new VenafiTicket(), { ...details.parameters, guid: 'not-a-guid' }, { credentials: credentials() });
	expect(plain.error?.message).toMatch(/The "Ticket GUID" parameter must be a GUID/);
	// The same text typed By ID fails the mode's validation: n8n reports the issue and runs nothing.
	const byId = runNode(new VenafiTicket(), { ...details.parameters, guid: { __rl: true, mode: 'id', value: 'not-a-guid' } }, {
		credentials: credentials(),
	});
	await expect(byId).rejects.toThrow(/The workflow has issues/);
	expect(sandbox.requests).toHaveLength(0);
});

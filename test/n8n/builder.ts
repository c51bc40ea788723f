import { randomUUID } from 'node:crypto';

import { nodeTypeName } from '../harness/packages';

/**
 * Small builders for the test workflows, so each one reads as "webhook -> these nodes" and
 * the JSON n8n imports (ids, positions, connections, credential references) stays consistent.
 */

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	onError?: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
	/** Run once, with the first input item only (n8n's node setting "Execute Once"). */
	executeOnce?: boolean;
}

export interface Workflow {
	id: string;
	name: string;
	active: boolean;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: Record<string, unknown>;
	pinData?: Record<string, unknown>;
	tags?: unknown[];
	meta?: Record<string, unknown>;
}

export const VENAFI_CREDENTIAL = { id: 'venafi-tpp-sandbox', name: 'Venafi TPP (sandbox)' };
export const VENAFI_WRONG_TOKEN = { id: 'venafi-tpp-wrongtoken', name: 'Venafi TPP (wrong token)' };
export const SAILPOINT_CREDENTIAL = { id: 'sailpoint-isc-sandbox', name: 'SailPoint ISC (sandbox)' };
export const SAILPOINT_WRONG_TOKEN = { id: 'sailpoint-isc-wrongtok', name: 'SailPoint ISC (wrong token)' };
export const VENAFI_OAUTH = { id: 'venafi-tpp-oauth', name: 'Venafi TPP (sandbox, OAuth)' };
export const SAILPOINT_OAUTH = { id: 'sailpoint-isc-clientcr', name: 'SailPoint ISC (sandbox, client credentials)' };
export const SAILPOINT_V3 = { id: 'sailpoint-isc-apiv3000', name: 'SailPoint ISC (sandbox, API Version v3)' };

export function ourNode(
	node: string,
	name: string,
	parameters: Record<string, unknown>,
	credentials: Record<string, { id: string; name: string }>,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	const type = nodeTypeName({ name: node, credentials: Object.keys(credentials).map((credential) => ({ name: credential })) });
	return { id: randomUUID(), name, type, typeVersion: 1, position: [0, 0], parameters, credentials, ...extra };
}

/** What a node class declares about its versions (n8n's INodeType, the fields used here). */
export interface NodeTypeVersions {
	description: { name: string; version: number | number[]; defaultVersion?: number };
}

/**
 * The version the nodes panel adds of a node of ours: its class's `defaultVersion`, else its
 * highest version (n8n's own rule), so scripts that want "a fresh node" need no version of their own.
 */
export function newestVersion(nodeType: NodeTypeVersions): number {
	const { version, defaultVersion } = nodeType.description;
	return defaultVersion ?? Math.max(...(Array.isArray(version) ? version : [version]));
}

/** A node of ours at its newest version (`newestVersion`), its type named by the class. */
export function newestNode(
	nodeType: NodeTypeVersions,
	name: string,
	parameters: Record<string, unknown>,
	credentials: Record<string, { id: string; name: string }>,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return ourNode(nodeType.description.name, name, parameters, credentials, { typeVersion: newestVersion(nodeType), ...extra });
}

export function venafiTicket(name: string, parameters: Record<string, unknown>, extra: Partial<WorkflowNode> = {}, credential = VENAFI_CREDENTIAL) {
	return ourNode('venafiTicket', name, parameters, { venafiTppApi: credential }, extra);
}

export function venafiWork(name: string, parameters: Record<string, unknown>, extra: Partial<WorkflowNode> = {}, credential = VENAFI_CREDENTIAL) {
	return ourNode('venafiWork', name, parameters, { venafiTppApi: credential }, extra);
}

export function sailPointApprovals(name: string, parameters: Record<string, unknown>, extra: Partial<WorkflowNode> = {}, credential = SAILPOINT_CREDENTIAL) {
	return ourNode('sailPointApprovals', name, parameters, { sailPointIscApi: credential }, extra);
}

export function sailPointCertifications(name: string, parameters: Record<string, unknown>, extra: Partial<WorkflowNode> = {}, credential = SAILPOINT_CREDENTIAL) {
	return ourNode('sailPointCertifications', name, parameters, { sailPointIscApi: credential }, extra);
}

export function workItems(name: string, parameters: Record<string, unknown>, extra: Partial<WorkflowNode> = {}, credential = SAILPOINT_CREDENTIAL) {
	return ourNode('workItems', name, parameters, { sailPointIscApi: credential }, extra);
}

/** A POST webhook that answers with every item of the last node (or waits for Respond nodes). */
export function webhook(path: string, name = 'Webhook'): WorkflowNode {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	};
}

/** One item per entry of the webhook body's `items` array (each entry an object). */
export function splitItems(name = 'Split Items'): WorkflowNode {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [0, 0],
		parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
	};
}

/** IF node (v2.2): a string field equals a value. */
export function ifEquals(name: string, leftValue: string, rightValue: string): WorkflowNode {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		position: [0, 0],
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
				conditions: [
					{ id: randomUUID(), leftValue, rightValue, operator: { type: 'string', operation: 'equals' } },
				],
				combinator: 'and',
			},
			options: {},
		},
	};
}

/** Lays nodes out left to right and connects them; `links` adds branches: [from, output, to]. */
export function workflow(
	id: string,
	name: string,
	nodes: WorkflowNode[],
	links?: Array<[string, number, string]>,
): Workflow {
	nodes.forEach((node, index) => (node.position = [index * 240, 0]));
	const pairs: Array<[string, number, string]> =
		links ?? nodes.slice(1).map((node, index) => [nodes[index].name, 0, node.name] as [string, number, string]);
	const connections: Workflow['connections'] = {};
	for (const [from, output, to] of pairs) {
		const entry = (connections[from] ??= { main: [] });
		while (entry.main.length <= output) entry.main.push([]);
		entry.main[output].push({ node: to, type: 'main', index: 0 });
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, tags: [] };
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { SailPointApprovals } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { SailPointCertifications } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointCertifications/SailPointCertifications.node';
import { WorkItems } from '../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { VenafiFlowTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicket/VenafiFlowTicket.node';
import { VenafiTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { VenafiWork } from '../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node';
import { ourNodes, versionsOf } from '../harness/editorProperties';
import { packageOfType } from '../harness/packages';

/**
 * Every example in examples/ is a workflow n8n can import as is: our nodes (or their "...Tool"
 * variants) with an operation they have, connections between nodes that exist, and $fromAI
 * keys n8n accepts. The e2e suite imports and runs them in a real n8n; this catches a broken
 * example in seconds.
 */

const examplesDir = join(__dirname, '..', '..', 'examples');
const ACTION_NODES: Record<string, INodeType> = {
	venafiWork: new VenafiWork(),
	venafiTicket: new VenafiTicket(),
	venafiFlowTicket: new VenafiFlowTicket(),
	workItems: new WorkItems(),
	sailPointApprovals: new SailPointApprovals(),
	sailPointCertifications: new SailPointCertifications(),
};
const TRIGGERS = [
	'venafiTicketTrigger',
	'venafiFlowTicketTrigger',
	'workItemsTrigger',
	'sailPointApprovalsTrigger',
	'sailPointEventTrigger',
	'sailPointCertificationsTrigger',
];

/** The version the nodes panel adds, per node name: what an example should show a builder. */
const NEWEST_VERSION = new Map(
	ourNodes().map(({ description }) => [description.name, description.defaultVersion ?? Math.max(...versionsOf(description))]),
);

interface ExampleNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
	onError?: string;
}
interface Example {
	name: string;
	nodes: ExampleNode[];
	connections: Record<string, Record<string, Array<Array<{ node: string; type: string }>>>>;
}

const files = readdirSync(examplesDir).filter((file) => file.endsWith('.json'));

test('there are examples, including the AI and person-in-the-loop ones', () => {
	expect(files).toEqual(
		expect.arrayContaining([
			'ai-mcp-approval-tools.json',
			'ai-approval-assistant.json',
			'sailpoint-access-request-decision-page.json',
			'venafi-ticket-decision-page.json',
		]),
	);
});

describe.each(files)('%s', (file) => {
	const example = JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as Example;

	test('has a name, unique node names and connections between nodes that exist', () => {
		expect(example.name).toMatch(/\S/);
		const names = example.nodes.map((node) => node.name);
		expect(new Set(names).size).toBe(names.length);
		for (const [from, outputs] of Object.entries(example.connections)) {
			expect(names).toContain(from);
			for (const [type, targets] of Object.entries(outputs)) {
				for (const target of targets.flat()) {
					expect(names).toContain(target.node);
					expect(target.type).toBe(type);
				}
			}
		}
	});

	test("uses only our node types that exist, with an operation the node has", () => {
		for (const node of example.nodes.filter((entry) => packageOfType(entry.type))) {
			const type = node.type.slice(packageOfType(node.type)!.name.length + 1);
			if (TRIGGERS.includes(type)) continue;
			const action = ACTION_NODES[type.replace(/Tool$/, '')];
			expect({ node: node.name, known: action !== undefined }).toEqual({ node: node.name, known: true });
			// A saved workflow leaves out parameters at their default (the Resource of a one-resource node).
			const resource = node.parameters.resource ?? action.description.properties.find((property) => property.name === 'resource')?.default;
			const operations = action.description.properties
				.filter((property) => property.name === 'operation')
				.filter((property) => property.displayOptions?.show?.resource?.includes(resource as string))
				.flatMap((property) => (property.options as Array<{ value: string }>).map((option) => option.value));
			expect({ node: node.name, operation: node.parameters.operation, known: operations.includes(node.parameters.operation as string) }).toEqual({
				node: node.name,
				operation: node.parameters.operation,
				known: true,
			});
		}
	});

	test('uses the version of each of our nodes that the nodes panel adds (newer behaviour, not a saved old workflow)', () => {
		for (const node of example.nodes.filter((entry) => packageOfType(entry.type))) {
			const type = node.type.slice(packageOfType(node.type)!.name.length + 1);
			expect({ node: node.name, typeVersion: node.typeVersion }).toEqual({ node: node.name, typeVersion: NEWEST_VERSION.get(type.replace(/Tool$/, '')) });
		}
	});

	test('every $fromAI key is one n8n accepts, and a key means the same everywhere', () => {
		const seen = new Map<string, string>();
		for (const node of example.nodes) {
			for (const match of JSON.stringify(node.parameters).matchAll(/\$fromAI\('([^']*)', '((?:[^'\\]|\\.)*)', '(\w+)'\)/g)) {
				expect(match[1]).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
				const meaning = `${match[2]}|${match[3]}`;
				if (seen.has(match[1]) && !node.type.endsWith('Tool')) expect(seen.get(match[1])).toBe(meaning);
				seen.set(match[1], meaning);
			}
		}
	});
});

test('the AI examples: every tool continues on error (a short answer, not a stack trace) and the model credential is left to the user', () => {
	for (const file of ['ai-mcp-approval-tools.json', 'ai-approval-assistant.json']) {
		const example = JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as Example;
		const tools = example.nodes.filter((node) => packageOfType(node.type));
		expect(tools.length).toBe(9);
		for (const tool of tools) {
			expect(tool.type).toMatch(/Tool$/);
			expect(tool.onError).toBe('continueRegularOutput');
		}
	}
	const assistant = JSON.parse(readFileSync(join(examplesDir, 'ai-approval-assistant.json'), 'utf8')) as Example;
	const model = assistant.nodes.find((node) => node.type.startsWith('@n8n/n8n-nodes-langchain.lmChat'));
	expect(model).toBeDefined();
	expect(model?.credentials).toBeUndefined();
});

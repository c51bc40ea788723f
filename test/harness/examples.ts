import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { packageOfType } from './packages';

/** An example workflow from examples/, as n8n imports it. */
export interface ExampleNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: INodeParameters;
	credentials?: Record<string, { id: string; name: string }>;
}

export interface Example {
	name: string;
	nodes: ExampleNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

/** Reads examples/<file> and gives its nodes by name (failing clearly when one is missing). */
export function readExample(file: string): { example: Example; byName: (name: string) => ExampleNode } {
	const example = JSON.parse(readFileSync(join(__dirname, '../../examples', file), 'utf8')) as Example;
	const byName = (name: string) => {
		const node = example.nodes.find((entry) => entry.name === name);
		if (!node) throw new Error(`The example has no node "${name}"`);
		return node;
	};
	return { example, byName };
}

/** What n8n needs to import an example: unique node names, connections between known nodes. */
export function expectImportable(example: Example): void {
	const names = example.nodes.map((node) => node.name);
	expect(new Set(names).size).toBe(names.length);
	for (const [from, { main }] of Object.entries(example.connections)) {
		expect(names).toContain(from);
		for (const target of main.flat()) expect(names).toContain(target.node);
	}
}

/** The example's nodes of this package, in the order the workflow lists them. */
export function ourNodes(example: Example): ExampleNode[] {
	return example.nodes.filter((node) => packageOfType(node.type));
}

/** The parameter names a node declares. */
export function declaredParameters(node: INodeType): Set<string> {
	return new Set(node.description.properties.map((property) => property.name));
}

/**
 * Stands in for an example's Set node: resolves the given string parameters (expressions) for
 * each item with n8n's own engine and adds them to the item.
 */
export function evaluateNode(fields: readonly string[]): INodeType {
	return {
		description: {
			displayName: 'Evaluate',
			name: 'evaluate',
			group: ['transform'],
			version: 1,
			description: 'Test only',
			defaults: { name: 'Evaluate' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: fields.map((name) => ({ displayName: name, name, type: 'string' as const, default: '' })),
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [
				this.getInputData().map((item, index) => ({
					json: { ...item.json, ...Object.fromEntries(fields.map((name) => [name, this.getNodeParameter(name, index)])) },
					pairedItem: { item: index },
				})),
			];
		},
	};
}

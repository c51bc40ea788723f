import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

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

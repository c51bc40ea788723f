import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { VenafiWork } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node';
import { runNode } from '../../harness/run';
import { useTppSandbox } from '../context';

/**
 * Venafi Work gained a Resource parameter. A workflow exported before that (its node has only
 * Work Type and Request Options; Operation was left at its default, so n8n did not save it)
 * must open with the same parameters and run as it did.
 */

const tpp = useTppSandbox();

const saved = JSON.parse(
	readFileSync(join(__dirname, '../../fixtures/venafi-work-saved-before-resource.json'), 'utf8'),
) as { nodes: Array<INode & { parameters: INodeParameters }> };
const savedNode = saved.nodes[0];

test('the saved node has no Resource or Operation, as exported before the change', () => {
	expect(savedNode.type).toBe('n8n-nodes-venafi-tpp.venafiWork');
	expect(Object.keys(savedNode.parameters).sort()).toEqual(['requestOptions', 'workType']);
});

test('opening it fills Resource and Operation with the only choices there are and keeps the rest', () => {
	const { description } = new VenafiWork();
	const opened = NodeHelpers.getNodeParameters(
		description.properties,
		savedNode.parameters,
		true,
		false,
		savedNode,
		description,
	);
	expect(opened).toMatchObject({
		resource: 'work',
		operation: 'getAll',
		workType: 'Client Agent Configuration Work',
		requestOptions: { batchSize: 1 },
	});
});

test('it runs unchanged: the same request and the same items as a node saved today', async () => {
	const before = await runNode(new VenafiWork(), savedNode.parameters, { credentials: tpp.credentials() });
	expect(before.error).toBeUndefined();
	const requestsBefore = tpp.sandbox.requests.map(({ method, path, query }) => ({ method, path, query }));
	tpp.sandbox.clearLog();

	const today = await runNode(
		new VenafiWork(),
		{ resource: 'work', operation: 'getAll', ...savedNode.parameters },
		{ credentials: tpp.credentials() },
	);
	expect(today.error).toBeUndefined();

	expect(requestsBefore).toEqual([
		{ method: 'GET', path: '/vedsdk/Client/Work/', query: 'WorkType=Client+Agent+Configuration+Work' },
	]);
	expect(tpp.sandbox.requests.map(({ method, path, query }) => ({ method, path, query }))).toEqual(
		requestsBefore,
	);
	expect(before.items).toHaveLength(2);
	expect(before.items.map((item) => item.json)).toEqual(today.items.map((item) => item.json));
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { WorkItems } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';

const description = new WorkItems().description;

test('the node, operation and parameter names are the ones the issue gives', () => {
	expect(description.name).toBe('workItems');
	expect(description.displayName).toBe('SailPoint Work Items');
	expect(description.usableAsTool).toBe(true);
	expect(description.credentials).toEqual([{ name: 'sailPointIscApi', required: true }]);
	const operation = description.properties.find((property) => property.name === 'operation');
	expect(operation?.default).toBe('getAll');
	expect(operation?.options).toContainEqual(expect.objectContaining({ name: 'Get Many', value: 'getAll' }));
	// Get Many's parameters are as they were before the other operations came.
	// As version 1 has them: version 3 adds Request Options to Options (checked below).
	const fromVersion3 = (property: INodeProperties) => JSON.stringify(property.displayOptions?.show?.['@version']) === '[{"_cnd":{"gte":3}}]';
	const forGetAll = description.properties.filter((property) => property.displayOptions?.show?.operation?.includes('getAll') && !fromVersion3(property));
	const byName = Object.fromEntries(forGetAll.map((property) => [property.name, property]));
	expect(Object.keys(byName)).toEqual(['returnAll', 'limit', 'filters', 'options', 'simplify']);
	expect(description.properties.at(-1)?.name).toBe('requestOptions');
	expect(byName.limit).toMatchObject({ type: 'number', default: 50, displayOptions: { show: { returnAll: [false] } } });
	expect(byName.limit.typeOptions?.maxValue).toBeUndefined();
	const names = (name: string) => (byName[name].options ?? []).map((option) => ('name' in option ? option.name : undefined));
	expect(names('filters')).toEqual(['ownerId']);
	expect(names('options')).toEqual(['includeTotal', 'offset']);
	const version3Options = description.properties.find((property) => property.name === 'options' && fromVersion3(property) && property.displayOptions?.show?.operation?.includes('getAll'));
	expect(version3Options?.options?.map((option) => option.name)).toEqual(['includeTotal', 'offset', 'requestOptions']);
});

test('the codex names this node and the package registers node and credential', () => {
	const codex = JSON.parse(readFileSync(join(__dirname, '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node.json'), 'utf8'));
	expect(codex.node).toBe('n8n-nodes-sailpoint-isc.workItems');
	const pkg = JSON.parse(readFileSync(join(__dirname, '../../../packages/sailpoint-isc/package.json'), 'utf8'));
	expect(pkg.n8n.nodes).toContain('dist/nodes/SailPoint/WorkItems/WorkItems.node.js');
	expect(pkg.n8n.credentials).toContain('dist/credentials/SailPointIscApi.credentials.js');
});

import type { INodeProperties, INodeType } from 'n8n-workflow';

import { workItem } from '../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/actions/workItem';
import { WorkItems } from '../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { ticket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/actions/ticket';
import { VenafiTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { work } from '../../packages/venafi-tpp/nodes/Venafi/VenafiWork/actions/work';
import { VenafiWork } from '../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node';

/**
 * Each operation is declared once, in its own file, and listed once per resource; everything
 * the node shows about it is derived from that list. These checks fail when a declaration is
 * incomplete or two operations claim the same value.
 */

// Each package compiles its own copy of the shared code, so each has its own Resource type.
type Resource = typeof ticket | typeof work | typeof workItem;

const nodes: Array<[string, INodeType, Resource]> = [
	['Venafi Ticket', new VenafiTicket(), ticket],
	['Venafi Work', new VenafiWork(), work],
	['Work Items', new WorkItems(), workItem],
];

describe.each(nodes)('%s', (_name, node, resource) => {
	test('every operation declares its option, action, parameters, idempotency and execute', () => {
		for (const operation of resource.operations) {
			const { descriptionFrom, ...option } = operation.option;
			expect(option).toEqual({
				name: expect.stringMatching(/\S/),
				value: expect.stringMatching(/^\w+$/),
				action: expect.stringMatching(/\S/),
				description: expect.stringMatching(/\S/),
			});
			// A newer version's text, when that version's output says more.
			if (descriptionFrom !== undefined) {
				expect(descriptionFrom).toEqual({
					version: expect.any(Number),
					description: expect.stringMatching(/\S/),
				});
				expect(descriptionFrom.description).not.toBe(option.description);
			}
			expect(typeof operation.execute).toBe('function');
			expect(typeof operation.idempotent).toBe('boolean');
			expect(Array.isArray(operation.description)).toBe(true);
			expect(operation.subtitle).toBeDefined();
		}
	});

	test('no two operations share a value', () => {
		const values = resource.operations.map(({ option }) => option.value);
		expect(new Set(values).size).toBe(values.length);
	});

	test('the Operation parameter lists exactly the declared operations, by name, with the default among them', () => {
		const operation = node.description.properties.find((property) => property.name === 'operation');
		const listed = (operation?.options ?? []).map((option) =>
			'value' in option ? option.value : undefined,
		);
		const declared = [...resource.operations]
			.sort((a, b) => a.option.name.localeCompare(b.option.name))
			.map(({ option }) => option.value);
		expect(listed).toEqual(declared);
		expect(listed).toContain(operation?.default);
	});

	test("each operation's parameters show only for its resource and operation", () => {
		const parameters = node.description.properties.filter(
			(property: INodeProperties) =>
				!['resource', 'operation', 'requestOptions'].includes(property.name),
		);
		expect(parameters.length).toBeGreaterThan(0);
		for (const parameter of parameters) {
			expect(parameter.displayOptions?.show?.resource).toEqual([resource.value]);
			expect(parameter.displayOptions?.show?.operation).toHaveLength(1);
		}
	});

	test('the subtitle gives every operation a text', () => {
		const subtitle = node.description.subtitle as string;
		const evaluate = new Function('$parameter', `return (${subtitle.slice(3, -2)});`) as (
			parameter: Record<string, unknown>,
		) => unknown;
		for (const { option } of resource.operations) {
			expect(evaluate({ operation: option.value, status: 'Approved', limit: 5 })).toMatch(/\S/);
		}
	});
});

import type { INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { WorkItems } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { runNode } from '../../harness/run';
import { useIscSandbox } from '../context';

/**
 * SailPoint Work Items version 2 (new nodes): Simplify on by default, no real-looking Account
 * Selection sent as a default. Version 1 (saved workflows, which omit parameters left at their
 * default) keeps the raw answer and its old default.
 */

const isc = useIscSandbox({ apiVersion: 'current' });
const state = () => isc.sandbox.isc;
const { description } = new WorkItems();
const SIMPLE_FIELDS = ['id', 'name', 'type', 'state', 'requesterDisplayName', 'ownerName', 'created', 'description', 'approvalItems', 'remediationItems'];

const run = async (parameters: INodeParameters, typeVersion: number) =>
	await runNode(new WorkItems(), { requestOptions: { paceRequests: false }, ...parameters }, { credentials: isc.credentials(), typeVersion });

test('a new node gets version 3 (version 2\'s defaults, Request Options under Options), named with the product; the type name is unchanged', () => {
	expect(description).toMatchObject({ name: 'workItems', displayName: 'SailPoint Work Items', version: [1, 2, 3], defaultVersion: 3 });
});

test('Get: Simplify on (version 2) gives the fields a person reads first, in that order; off and version 1 the raw answer', async () => {
	const item = state().addWorkItem();
	const simple = await run({ operation: 'get', workItemId: item.id }, 2);
	const raw = await run({ operation: 'get', workItemId: item.id, simplify: false }, 2);
	const v1 = await run({ operation: 'get', workItemId: item.id }, 1);
	expect(simple.error).toBeUndefined();
	expect(Object.keys(simple.items[0].json)).toEqual(SIMPLE_FIELDS.filter((key) => simple.items[0].json[key] !== undefined));
	expect(Object.keys(simple.items[0].json).slice(0, 4)).toEqual(['id', 'name', 'type', 'state']);
	expect(simple.items[0].json).toMatchObject({ id: item.id, requesterDisplayName: item.requesterDisplayName, approvalItems: raw.items[0].json.approvalItems });
	expect(raw.items[0].json).toHaveProperty('requesterId', item.requesterId);
	expect(simple.items[0].json).not.toHaveProperty('requesterId');
	expect(simple.items[0].json).not.toHaveProperty('remediationItems');
	expect(raw.items[0].json).toHaveProperty('remediationItems', null);
	expect(v1.items[0].json).toEqual(raw.items[0].json);
});

test('Get Many: Simplify applies to every work item listed', async () => {
	const simple = await run({ operation: 'getAll', limit: 3 }, 2);
	const v1 = await run({ operation: 'getAll', limit: 3 }, 1);
	expect(simple.items).toHaveLength(3);
	for (const [index, item] of simple.items.entries()) {
		expect(Object.keys(item.json).every((key) => SIMPLE_FIELDS.includes(key))).toBe(true);
		expect(item.json.id).toBe(v1.items[index].json.id);
	}
	expect(v1.items[0].json).toHaveProperty('modified');
});

describe('Submit Account Selection', () => {
	const opened = (parameters: INodeParameters, typeVersion: number) =>
		NodeHelpers.getNodeParameters(description.properties, parameters, true, false, { typeVersion } as never, description)!;

	test('version 2 sends nothing by default: the field is empty (its example is a placeholder) and the run fails naming it', async () => {
		const form = state().addWorkItem({ type: 'FORM', approvals: 0 });
		const parameters = { operation: 'submitAccountSelection', workItemId: form.id };
		expect(opened(parameters, 2).accountSelection).toBe('');
		// n8n marks it required in the panel but lists no node issue for an empty JSON field.
		const result = await run(parameters, 2);
		expect(result.error?.message).toBe('The "Account Selection" parameter is required but is empty');
		expect(isc.sandbox.requests).toHaveLength(0);
		expect(state().accountSelections.get(form.id)).toBeUndefined();
	});

	test('version 1 keeps its old default, so a workflow saved with it sends what it sent before', async () => {
		const form = state().addWorkItem({ type: 'FORM', approvals: 0 });
		const result = await run({ operation: 'submitAccountSelection', workItemId: form.id }, 1);
		expect(result.error).toBeUndefined();
		expect(state().accountSelections.get(form.id)).toEqual({ fieldName: 'account' });
	});
});

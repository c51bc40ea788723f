import type { INodeParameters, INodeProperties, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { SailPointApprovals } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { WorkItems } from '../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { VenafiFlowTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicket/VenafiFlowTicket.node';
import { VenafiTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { VenafiWork } from '../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node';
import { runNode } from '../harness/run';
import { ISC_TOKEN } from '../sandbox/isc';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { ticketGuid, TPP_TOKEN } from '../sandbox/tpp';

/**
 * Request Options moved under each operation's Options (as the HTTP Request node keeps
 * Batching) in the newest version of every action node; workflows saved with an older version
 * keep the collection of their own (`requestOptions.*`) and it keeps working.
 */

/**
 * `newest`: the version new nodes get (later versions changed outputs or the Items in Flight
 * default, test/venafi/itemsInFlight.test.ts, not where Request Options sit).
 */
const NODES: Array<{ node: INodeType; movedIn: number; newest?: number }> = [
	{ node: new VenafiTicket(), movedIn: 3, newest: 5 },
	{ node: new WorkItems(), movedIn: 3 },
	{ node: new VenafiWork(), movedIn: 2, newest: 3 },
	{ node: new VenafiFlowTicket(), movedIn: 2, newest: 4 },
	{ node: new SailPointApprovals(), movedIn: 2, newest: 3 },
];

/** The parameters n8n shows for these values on a node of this version (its own display rules). */
function shown(node: INodeType, typeVersion: number, values: INodeParameters): INodeProperties[] {
	const { description } = node;
	// With the defaults filled in, as the editor has them.
	const complete = NodeHelpers.getNodeParameters(description.properties, values, true, false, { typeVersion }, description) ?? {};
	return description.properties.filter((property) =>
		NodeHelpers.displayParameter(complete, property, { typeVersion }, description),
	);
}

describe.each(NODES)('$node.description.displayName', ({ node, movedIn, newest = movedIn }) => {
	const { description } = node;
	const operations = description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as Array<{ value: string }>).map((option) => ({
				resource: property.displayOptions?.show?.resource?.[0] as string,
				operation: option.value,
			})),
		);

	test(`new nodes get version ${newest}; from version ${movedIn} every operation shows Request Options under Options, none on its own`, () => {
		expect(description.defaultVersion).toBe(newest);
		expect([description.version].flat().at(-1)).toBe(newest);
		expect(operations.length).toBeGreaterThan(0);
		for (let version = movedIn; version <= newest; version++) for (const values of operations) {
			const properties = shown(node, version, values);
			expect(properties.map((property) => property.name)).not.toContain('requestOptions');
			const options = properties.filter((property) => property.name === 'options');
			expect(options).toHaveLength(1);
			const entry = (options[0].options as INodeProperties[]).find((option) => option.name === 'requestOptions');
			expect(entry?.type).toBe('fixedCollection');
			// Shown whatever else is set: only the resource, operation and version decide.
			expect(Object.keys(options[0].displayOptions?.show ?? {}).sort()).toEqual(['@version', 'operation', 'resource']);
		}
	});

	test(`versions before ${movedIn} keep the Request Options collection and their Options as they were`, () => {
		for (let version = 1; version < movedIn; version++) {
			for (const values of operations) {
				const properties = shown(node, version, values);
				expect(properties.filter((property) => property.name === 'requestOptions')).toHaveLength(1);
				for (const options of properties.filter((property) => property.name === 'options')) {
					expect((options.options as INodeProperties[]).map((option) => option.name)).not.toContain('requestOptions');
				}
			}
		}
	});
});

describe('what a run reads', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ latencyMs: 20 });
	});
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.clearLog());

	const details = async (typeVersion: number, parameters: INodeParameters) =>
		await runNode(
			new VenafiTicket(),
			{ operation: 'get', guid: '={{ $json.guid }}', ...parameters },
			{
				credentials: { venafiTppApi: { baseUrl: sandbox.url, accessToken: TPP_TOKEN } },
				items: Array.from({ length: 30 }, (_v, index) => ({ guid: ticketGuid((index % 4) + 1) })),
				typeVersion,
			},
		);

	test('version 3: Items in Flight under Options bounds the requests in flight', async () => {
		const result = await details(3, { options: { requestOptions: { values: { batchSize: 3 } } } });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(30);
		expect(sandbox.maxInFlight).toBeLessThanOrEqual(3);
	});

	test('versions 1 and 2: the saved collection of its own still applies', async () => {
		for (const typeVersion of [1, 2]) {
			sandbox.clearLog();
			const result = await details(typeVersion, { requestOptions: { batchSize: 3 } });
			expect(result.items).toHaveLength(30);
			expect(sandbox.maxInFlight).toBeLessThanOrEqual(3);
		}
	});

	test('version 3 ignores a collection of its own (n8n drops parameters a version does not show)', async () => {
		await details(3, { requestOptions: { batchSize: 3 } });
		expect(sandbox.maxInFlight).toBeGreaterThan(3);
	});

	test("SailPoint Approvals version 2: Request Options sit beside a bulk operation's own Batch Size", async () => {
		const result = await runNode(
			new SailPointApprovals(),
			{
				resource: 'genericApproval',
				operation: 'getMany',
				assignedTo: 'anyone',
				returnAll: true,
				options: { includeTotal: true, requestOptions: { values: { paceRequests: false, batchSize: 1 } } },
			},
			{
				credentials: { sailPointIscApi: { baseUrl: sandbox.url, accessToken: ISC_TOKEN } },
				items: [{}, {}, {}],
				typeVersion: 2,
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBeGreaterThan(0);
		expect(result.items[0].json.totalCount).toBeDefined();
		expect(sandbox.maxInFlight).toBe(1);
	});
});

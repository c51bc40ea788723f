import type { INodeParameters, INodeProperties, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { VenafiFlowTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicket/VenafiFlowTicket.node';
import { VenafiTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { VenafiWork } from '../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node';
import { runNode } from '../harness/run';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { ticketGuid, TPP_TOKEN } from '../sandbox/tpp';

/**
 * Items in Flight left unset: 100 on the Venafi nodes' older versions (what their saved
 * workflows keep), 1,000 from the version that changed it (TPP documents no rate limit, so
 * concurrency sets the pace). The SailPoint nodes pace to ISC's limit and keep 100.
 */

const NODES: Array<{ node: INodeType; before: number; from: number }> = [
	{ node: new VenafiTicket(), before: 4, from: 5 },
	{ node: new VenafiFlowTicket(), before: 3, from: 4 },
	{ node: new VenafiWork(), before: 2, from: 3 },
];

/** The Items in Flight field the editor shows under Options > Request Options on this version. */
function itemsInFlightField(node: INodeType, typeVersion: number): INodeProperties {
	const { description } = node;
	const operation = description.properties.find((property) => property.name === 'operation');
	const firstOperation = (operation?.options as Array<{ value: string }>)[0].value;
	const values: INodeParameters = {
		resource: operation?.displayOptions?.show?.resource?.[0] as string,
		operation: firstOperation,
	};
	const complete =
		NodeHelpers.getNodeParameters(description.properties, values, true, false, { typeVersion }, description) ?? {};
	const options = description.properties.filter(
		(property) =>
			property.name === 'options' && NodeHelpers.displayParameter(complete, property, { typeVersion }, description),
	);
	expect(options).toHaveLength(1);
	const entry = (options[0].options as INodeProperties[]).find((option) => option.name === 'requestOptions');
	const group = (entry?.options as Array<{ values: INodeProperties[] }>)[0];
	const field = group.values.find((value) => value.name === 'batchSize');
	if (!field) throw new Error('no Items in Flight field');
	return field;
}

describe.each(NODES)('$node.description.displayName', ({ node, before, from }) => {
	test(`new nodes get version ${from}; the editor shows Items in Flight 1,000 there and 100 on version ${before}`, () => {
		expect(node.description.defaultVersion).toBe(from);
		expect(itemsInFlightField(node, from).default).toBe(1000);
		expect(itemsInFlightField(node, before).default).toBe(100);
	});
});

describe('what a run does when Items in Flight is left unset', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		// Latency keeps requests open long enough for the server to see how many overlap.
		sandbox = await startSandbox({ latencyMs: 40 });
	});
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.clearLog());

	const credentials = () => ({ venafiTppApi: { baseUrl: sandbox.url, accessToken: TPP_TOKEN } });
	const items = (count: number) =>
		Array.from({ length: count }, (_v, index) => ({ guid: ticketGuid((index % 4) + 1) }));

	test('Venafi TPP Ticket version 4 (a saved workflow) keeps at most 100 in flight; version 5 sends more at once, output in input order', async () => {
		const run = async (typeVersion: number) =>
			await runNode(new VenafiTicket(), { operation: 'get', guid: '={{ $json.guid }}', simplify: false }, { credentials: credentials(), items: items(250), typeVersion });

		const saved = await run(4);
		expect(saved.error).toBeUndefined();
		expect(saved.items).toHaveLength(250);
		expect(sandbox.maxInFlight).toBeLessThanOrEqual(100);

		sandbox.clearLog();
		const fresh = await run(5);
		expect(fresh.error).toBeUndefined();
		expect(sandbox.maxInFlight).toBeGreaterThan(100);
		expect(fresh.items.map((item) => [item.json.GUID, item.pairedItem])).toEqual(
			Array.from({ length: 250 }, (_v, index) => [ticketGuid((index % 4) + 1), { item: index }]),
		);
	});

	test('an Items in Flight set on version 5 still bounds the requests in flight', async () => {
		const result = await runNode(
			new VenafiTicket(),
			{ operation: 'get', guid: '={{ $json.guid }}', options: { requestOptions: { values: { batchSize: 5 } } } },
			{ credentials: credentials(), items: items(40), typeVersion: 5 },
		);
		expect(result.items).toHaveLength(40);
		expect(sandbox.maxInFlight).toBeLessThanOrEqual(5);
	});

	test('Venafi TPP Agent Work: version 2 at most 100 in flight, version 3 more', async () => {
		const run = async (typeVersion: number) => {
			sandbox.clearLog();
			const result = await runNode(new VenafiWork(), { operation: 'getAll' }, { credentials: credentials(), items: items(250), typeVersion });
			expect(result.error).toBeUndefined();
			return sandbox.maxInFlight;
		};
		expect(await run(2)).toBeLessThanOrEqual(100);
		expect(await run(3)).toBeGreaterThan(100);
	});

	test('Venafi TPP Flow Ticket: version 3 at most 100 in flight, version 4 more', async () => {
		const run = async (typeVersion: number) => {
			sandbox.clearLog();
			const result = await runNode(
				new VenafiFlowTicket(),
				{ operation: 'get', ticketId: { __rl: true, mode: 'id', value: '12' } },
				{ credentials: credentials(), items: items(250), typeVersion },
			);
			expect(result.error).toBeUndefined();
			return sandbox.maxInFlight;
		};
		expect(await run(3)).toBeLessThanOrEqual(100);
		expect(await run(4)).toBeGreaterThan(100);
	});
});

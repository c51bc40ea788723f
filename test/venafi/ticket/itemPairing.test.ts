import { VenafiTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { expectNoSecrets } from '../../harness/assertions';
import { runNode } from '../../harness/run';
import { RESULT_CODE_GUIDS, TPP_TOKEN, ticketGuid } from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

const tpp = useTppSandbox({ tpp: { tickets: undefined } });

const approveAll = async (guids: string[], continueOnFail: boolean) =>
	await runNode(
		new VenafiTicket(),
		{ operation: 'updateStatus', guid: '={{ $json.guid }}', status: 'Approved', explanation: '={{ "item " + $itemIndex }}' },
		{ credentials: tpp.credentials(), items: guids.map((guid) => ({ guid })), continueOnFail },
	);

beforeEach(() => {
	for (const ticket of tpp.sandbox.tpp.tickets.values()) ticket.Status = 'Pending';
});

test('Continue On Fail: bad items become error items in place, paired, and the good ones are applied', async () => {
	const guids = [ticketGuid(1), 'not-a-guid', ticketGuid(2), RESULT_CODE_GUIDS[3], ticketGuid(3), '', ticketGuid(4)];
	const result = await approveAll(guids, true);
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(guids.length);
	expect(result.items.map((item) => item.pairedItem)).toEqual(guids.map((_guid, item) => ({ item })));
	const errors = result.items.map((item) => (item.json.error ? String(item.json.error) : null));
	expect(errors).toEqual([
		null,
		'The "Ticket GUID" parameter must be a GUID such as af415f09-d487-43de-ba2e-f61d089b4e68, but it is "not-a-guid"',
		null,
		`Venafi TPP Update Status failed for ticket ${RESULT_CODE_GUIDS[3]} (Result 3 TicketDoesNotExist): the ticket does not exist`,
		null,
		'The "Ticket GUID" parameter is required but is empty',
		null,
	]);
	expect(result.items[3].json.description).toContain('Options > Refresh Permissions');
	for (const index of [1, 2, 3, 4]) {
		expect(tpp.sandbox.tpp.tickets.get(ticketGuid(index))?.Status).toBe('Approved');
	}
	// Bad GUIDs never reached TPP: four good items and the Result 3 one did.
	expect(tpp.sandbox.requests).toHaveLength(5);
	expectNoSecrets(result, TPP_TOKEN);
});

test('without Continue On Fail the first bad item stops the node with its item index', async () => {
	const result = await approveAll([ticketGuid(1), 'bad', ticketGuid(2)], false);
	expect(result.error?.message).toBe(
		'The "Ticket GUID" parameter must be a GUID such as af415f09-d487-43de-ba2e-f61d089b4e68, but it is "bad"',
	);
	expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	expect(result.items).toEqual([]);
});

test('many items run concurrently, yet every output keeps its input\'s order and pairing', async () => {
	const guids = Array.from({ length: 60 }, () => tpp.sandbox.tpp.addTicket());
	tpp.sandbox.latencyMs = 15;
	try {
		const result = await approveAll(guids, false);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.GUID, item.pairedItem])).toEqual(
			guids.map((guid, item) => [guid, { item }]),
		);
		expect(tpp.sandbox.maxInFlight).toBeGreaterThan(1);
		expect(tpp.sandbox.maxInFlight).toBeLessThanOrEqual(100);
		for (const guid of guids) expect(tpp.sandbox.tpp.tickets.get(guid)?.ApprovalExplanation).toMatch(/^item \d+$/);
		expect(guids.map((guid) => tpp.sandbox.tpp.tickets.get(guid)?.ApprovalExplanation)).toEqual(
			guids.map((_guid, index) => `item ${index}`),
		);
	} finally {
		tpp.sandbox.latencyMs = 0;
	}
});

import { VenafiFlowTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicket/VenafiFlowTicket.node';
import { listSearch } from '../../harness/loadOptions';
import { TPP_TOKEN } from '../../sandbox/tpp';
import { codeSignTicket } from '../../sandbox/tppFlow';
import { useTppSandbox } from '../context';

const tpp = useTppSandbox();
const flow = () => tpp.sandbox.tpp.flow;
const search = async (method: string, filter?: string, paginationToken?: string) =>
	await listSearch(new VenafiFlowTicket(), method, { credentials: tpp.credentials(), filter, paginationToken });

beforeEach(() => flow().reset());

test('From List shows the pending tickets with their Id, object and requester; the value is the Id', async () => {
	const { results, paginationToken } = await search('searchPendingFlowTickets');
	expect(results.map((item) => item.value)).toEqual(['11', '12', '13', '14']);
	// Who asks, by name (Identity/Validate; see identityNames.test.ts).
	expect(results[0].name).toBe('#11 · Signing key 11 · by Rita Requester');
	expect(results[0].description).toBe('\\VED\\Code Signing\\Projects\\Release\\Environments\\Signing key 11 — Sign release build 11');
	expect(paginationToken).toBeUndefined();
	expect(JSON.stringify(results)).not.toContain(TPP_TOKEN);
});

test('typing filters the list (on Id, object, requester or reason)', async () => {
	const { results } = await search('searchPendingFlowTickets', 'build 13');
	expect(results.map((item) => item.value)).toEqual(['13']);
});

test('a long list is paged through the pagination token', async () => {
	flow().reset(Array.from({ length: 70 }, (_entry, index) => codeSignTicket(1000 + index)));
	const first = await search('searchPendingFlowTickets');
	expect(first.results).toHaveLength(50);
	expect(first.paginationToken).toBe('1');
	const second = await search('searchPendingFlowTickets', undefined, first.paginationToken as string);
	expect(second.results.map((item) => item.value)).toEqual(Array.from({ length: 20 }, (_entry, index) => String(1050 + index)));
	expect(second.paginationToken).toBeUndefined();
});

test('the Update operation\'s list shows approved tickets', async () => {
	const { results } = await search('searchApprovedFlowTickets');
	expect(results.map((item) => item.value)).toEqual(['21']);
});

test('a failure reaches the editor as a clear error', async () => {
	tpp.sandbox.queue('/vedsdk/Flow/Tickets/Enumerate', { status: 200, body: { Result: 3, Message: 'Database unavailable' } });
	await expect(search('searchPendingFlowTickets')).rejects.toThrow(/Result 3 FailedToEnumerateTickets/);
});

test('the By ID mode validates Ids in the editor', () => {
	const field = new VenafiFlowTicket().description.properties.find((property) => property.name === 'ticketId');
	const byId = field?.modes?.find((mode) => mode.name === 'id');
	const rule = byId?.validation?.[0] as { properties: { regex: string } } | undefined;
	const regex = new RegExp(rule!.properties.regex);
	expect(['12', ' 12, 13 ', '#12']).toEqual(['12', ' 12, 13 ', '#12'].filter((value) => regex.test(value)));
	expect(['abc', '12,', '-3', '1.5'].filter((value) => regex.test(value))).toEqual([]);
});

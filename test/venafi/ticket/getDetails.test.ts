import { VenafiTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { TICKET_RESULT_CODES } from '../../../packages/venafi-tpp/nodes/Venafi/helpers/resultCodes';
import { expectNoSecrets } from '../../harness/assertions';
import { runNode } from '../../harness/run';
import { RESULT_CODE_GUIDS, TPP_TOKEN } from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

const tpp = useTppSandbox();
const SEED_GUID = 'af415f09-d487-43de-ba2e-f61d089b4e68';
const getDetails = async (guid: string, options: Parameters<typeof runNode>[2] = {}) =>
	await runNode(new VenafiTicket(), { operation: 'get', guid }, { credentials: tpp.credentials(), ...options });

test('Get Details returns the ticket with its GUID and ISO 8601 dates', async () => {
	const result = await getDetails(SEED_GUID);
	expect(result.error).toBeUndefined();
	expect(result.items).toEqual([
		{
			json: {
				GUID: SEED_GUID,
				ApprovalExplanation: '',
				ApprovalFrom: 'AD+VENAFI:e3fc935977cf4940bd1d0c67433a76e5',
				ApprovalReason: 'Testing workflow',
				Approvers: ['AD+VENAFI:e3fc935977cf4940bd1d0c67433a76e5', 'AD+VENAFI:f824d97c78d9364499aaa93bfd6799a8'],
				Blocking: '\\VED\\Policy\\Regression\\four.venafi.example',
				Created: '2017-03-09T21:59:14.000Z',
				IssuedDueTo: '\\VED\\Policy\\Regression\\Stage 0',
				Result: 1,
				Status: 'Pending',
				Updated: '2017-03-09T22:32:59.597Z',
			},
			pairedItem: { item: 0 },
		},
	]);
	expect(tpp.sandbox.requests[0]).toMatchObject({
		method: 'POST',
		path: '/vedsdk/Workflow/Ticket/Details',
		body: { GUID: SEED_GUID },
	});
});

test('a GUID in braces, upper case or with spaces is accepted', async () => {
	const result = await getDetails(`  {${SEED_GUID.toUpperCase()}} `);
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.GUID).toBe(SEED_GUID);
});

test.each(['not-a-guid', '12345', 'af415f09-d487-43de-ba2e-f61d089b4e6'])(
	'a GUID that is not a GUID (%s) fails naming the field, and nothing is sent',
	async (guid) => {
		const result = await getDetails(guid);
		expect(result.error?.message).toBe(
			`The "Ticket GUID" parameter must be a GUID such as af415f09-d487-43de-ba2e-f61d089b4e68, but it is "${guid}"`,
		);
		expect(tpp.sandbox.requests).toHaveLength(0);
	},
);

test('an empty GUID says the field is required', async () => {
	const result = await getDetails('={{ $json.missing }}');
	expect(result.error?.message).toBe('The "Ticket GUID" parameter is required but is empty');
	expect(tpp.sandbox.requests).toHaveLength(0);
});

test.each(Object.entries(RESULT_CODE_GUIDS).map(([code, guid]) => [Number(code), guid] as const))(
	'Result %i is an error that names the code',
	async (code, guid) => {
		const result = await getDetails(guid);
		const name = TICKET_RESULT_CODES[code];
		expect(result.error?.message).toContain(`Venafi TPP Get Details failed for ticket ${guid} (Result ${code} ${name})`);
		if (code === 3 || code === 4) {
			expect(result.error?.description).toContain('Options > Refresh Permissions');
		} else {
			expect(result.error?.description ?? '').not.toContain('Refresh Permissions');
		}
	},
);

test('a ticket created after the token was issued is "does not exist" until permissions are refreshed', async () => {
	const guid = tpp.sandbox.tpp.addTicket({ hiddenUntilRefresh: true });
	const result = await getDetails(guid);
	expect(result.error?.message).toContain('(Result 3 TicketDoesNotExist): the ticket does not exist');
	expect(result.error?.description).toContain('created after the access token was issued');
});

test('TPP\'s HTTP 400 body is reported with its error and error_description', async () => {
	tpp.sandbox.queue('/vedsdk/workflow/ticket/details', {
		status: 400,
		body: { error: 'invalid_request', error_description: 'The GUID parameter is missing.' },
	});
	const result = await getDetails(SEED_GUID);
	expect(result.error?.message).toBe(
		'Venafi TPP rejected the request to Workflow/Ticket/Details (HTTP 400: invalid_request)',
	);
	expect(result.error?.description).toBe('The GUID parameter is missing.');
	expect((result.error as { httpCode?: string }).httpCode).toBe('400');
});

test('a 403 explains the missing scope', async () => {
	tpp.sandbox.queue('/vedsdk/workflow/ticket/details', {
		status: 403,
		body: { error: 'insufficient_rights', error_description: 'The token does not have the required scope.' },
	});
	const result = await getDetails(SEED_GUID);
	expect(result.error?.message).toBe('Venafi TPP refused the request (HTTP 403: insufficient_rights)');
	expect(result.error?.description).toContain(':approve');
});

test('a 500 with an HTML page names the status and says it is not TPP\'s JSON', async () => {
	tpp.sandbox.queue('/vedsdk/workflow/ticket/details', { status: 500, rawBody: '<html><body>Server Error</body></html>' });
	const result = await getDetails(SEED_GUID);
	expect(result.error?.message).toBe('Venafi TPP failed to process Workflow/Ticket/Details (HTTP 500)');
	expect(result.error?.description).toContain('HTML page');
});

test('a token echoed back by the server is hidden', async () => {
	tpp.sandbox.queue('/vedsdk/workflow/ticket/details', {
		status: 400,
		body: { error: `bad token ${TPP_TOKEN}`, error_description: `Authorization: Bearer ${TPP_TOKEN}` },
	});
	const result = await getDetails(SEED_GUID);
	expect(result.error?.message).toContain('bad token ***');
	expectNoSecrets(result, TPP_TOKEN);
});

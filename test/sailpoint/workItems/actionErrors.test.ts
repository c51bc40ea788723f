import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { WorkItems } from '../../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import type { RetrySettings } from '../../../shared/transport/retry';
import { expectNoSecrets } from '../../harness/assertions';
import { runNode } from '../../harness/run';
import { ISC_ERROR_BODIES, ISC_OWNERS, ISC_TOKEN } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/** Error bodies, ID checks and Continue On Fail for the operations beyond Get Many. */

const isc = useIscSandbox();
const state = () => isc.sandbox.isc;

const FAST_RETRY = { maxDelayMs: 5, baseDelayMs: 1 };

async function run(
	operation: string,
	parameters: INodeParameters = {},
	options: Parameters<typeof runNode>[2] = {},
	retry: Partial<RetrySettings> = FAST_RETRY,
) {
	// Pacing to ISC's limit is tested on its own; here it would only slow these tests down.
	const pacingOff = { requestOptions: { paceRequests: false } };
	const result = await runNode(new WorkItems(retry), { operation, ...pacingOff, ...parameters }, { credentials: isc.credentials(), ...options });
	expectNoSecrets(result, ISC_TOKEN);
	return result;
}

const UNKNOWN = '2c9180835d2e5168ffffffffffffffff';

/** Parameters for each operation that reach ISC for the given work item (and its approval item). */
function parametersFor(operation: string, workItemId: string, approvalItemId: string): INodeParameters {
	switch (operation) {
		case 'approveItem':
		case 'rejectItem':
			return { workItemId, approvalItemId };
		case 'forward':
			return { workItemId, targetOwnerId: ISC_OWNERS[3].id, comment: 'Please take this one' };
		case 'submitAccountSelection':
			return { workItemId, accountSelection: '{"account": "john.smith"}' };
		case 'getCount':
		case 'getCompletedCount':
		case 'getSummary':
		case 'getManyCompleted':
			return {};
		default:
			return { workItemId };
	}
}

const BY_ID = ['get', 'complete', 'forward', 'approveItem', 'rejectItem', 'approveAll', 'rejectAll', 'submitAccountSelection'];
const ALL = [...BY_ID, 'getManyCompleted', 'getCount', 'getCompletedCount', 'getSummary'];

describe.each(ALL)('%s: ISC\'s error bodies', (operation) => {
	const request = () => {
		const item = state().addWorkItem({ type: operation === 'submitAccountSelection' ? 'FORM' : 'APPROVAL' });
		const approval = item.approvalItems as Record<string, string> | null;
		return parametersFor(operation, item.id, approval?.id ?? 'none');
	};

	test('401: the token is invalid or expired', async () => {
		const expired = 'eyJhbGciOiJSUzI1NiJ9.ZXhwaXJlZA.ExpiredSignatureOfTheSandboxToken';
		const result = await run(operation, request(), { credentials: isc.credentials({ accessToken: expired }) });
		expect(result.error?.message).toBe(
			'SailPoint ISC rejected the access token: it is invalid or has expired (HTTP 401): JWT validation failed: JWT is expired',
		);
		expectNoSecrets(result, expired);
	});

	test.each([403, 404, 500, 400] as const)('%i with the seed\'s body: its text and tracking ID', async (status) => {
		const parameters = request();
		state().failNext(status);
		const result = await run(operation, parameters);
		const body = ISC_ERROR_BODIES[status];
		expect(result.error?.message).toContain(body.messages[0].text);
		expect(result.error?.message).toContain(`(HTTP ${status}, ${body.detailCode})`);
		expect(result.error?.message).toContain(`tracking ID ${body.trackingId}`);
		expect((result.error as { httpCode?: string }).httpCode).toBe(String(status));
		expect(isc.sandbox.requests).toHaveLength(1);
	});

	test('429 is waited out and retried; the answer then comes through', async () => {
		const parameters = request();
		state().rateLimit(2, 0);
		const result = await run(operation, parameters);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(operation === 'getManyCompleted' ? 0 : 1);
		expect(state().rateLimited).toBe(2);
		expect(isc.sandbox.requests).toHaveLength(3);
	});

	test('429 without end gives up with a clear message', async () => {
		const parameters = request();
		state().rateLimit(Infinity, 0);
		const result = await run(operation, parameters, {}, { ...FAST_RETRY, maxAttempts: 3 });
		expect(result.error?.message).toMatch(/^SailPoint ISC rate limited this request: rate limited \(429\) 3 times over \d+ m?s; gave up after 3 attempts$/);
	});
});

describe.each(BY_ID)('%s: a work item ISC does not know', (operation) => {
	test('is the seed\'s 404, reported as "found no work item" with the ID', async () => {
		const result = await run(operation, parametersFor(operation, UNKNOWN, '1211bcaa32112bcef6122adb21cef1ac'));
		expect(result.error?.message).toMatch(
			new RegExp(
				`^SailPoint ISC found no (approval item "1211bcaa32112bcef6122adb21cef1ac" in )?work item "${UNKNOWN}" \\(HTTP 404, 404 Not found\\): The server did not find a current representation for the target resource\\. \\(tracking ID b21b1f7ce4da4d639f2c62a57171b427\\)$`,
			),
		);
		expect(result.error?.description).toContain('Check the ID');
		expect((result.error as { httpCode?: string }).httpCode).toBe('404');
	});
});

test('an approval item the work item does not have is a 404 naming both IDs', async () => {
	const item = state().addWorkItem();
	const result = await run('approveItem', { workItemId: item.id, approvalItemId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
	expect(result.error?.message).toMatch(/^SailPoint ISC found no approval item "a{32}" in work item "\w+" \(HTTP 404/);
	expect(state().find(item.id)?.state).toBe('PENDING');
});

test('an approval item decided already is ISC\'s 400', async () => {
	const item = state().addWorkItem({ approvals: 2 });
	const [first] = item.approvalItems as Array<Record<string, string>>;
	await run('approveItem', { workItemId: item.id, approvalItemId: first.id });
	const again = await run('rejectItem', { workItemId: item.id, approvalItemId: first.id });
	expect(again.error?.message).toContain(`approval item ${first.id} is already decided (FINISHED)`);
});

describe('IDs and other parameters are checked before any request', () => {
	const cases: Array<[string, INodeParameters, string]> = [
		// A literal empty required field is n8n's own "workflow has issues"; an expression can still give one.
		['get', { workItemId: '={{ "" }}' }, 'The "Work Item ID" parameter is required but is empty'],
		['get', { workItemId: '   ' }, 'The "Work Item ID" parameter is required but is empty'],
		['complete', { workItemId: '../../identities' }, 'The "Work Item ID" parameter must be an ISC ID such as 2c9180835d2e5168015d32f890ca1581, but it is "../../identities"'],
		['approveAll', { workItemId: 'abc/def' }, 'The "Work Item ID" parameter must be an ISC ID such as 2c9180835d2e5168015d32f890ca1581, but it is "abc/def"'],
		['rejectAll', { workItemId: 'two words' }, 'must be an ISC ID'],
		['get', { workItemId: 'abc?x=1' }, 'must be an ISC ID'],
		['get', { workItemId: '={{ 12345 }}' }, 'The "Work Item ID" parameter must be text (an ISC ID), but it is a number'],
		['get', { workItemId: '={{ ["a"] }}' }, 'The "Work Item ID" parameter must be text (an ISC ID), but it is a list'],
		['approveItem', { workItemId: UNKNOWN, approvalItemId: '={{ $json.missing }}' }, 'The "Approval Item ID" parameter is required but is empty'],
		['rejectItem', { workItemId: UNKNOWN, approvalItemId: 'x/y' }, 'The "Approval Item ID" parameter must be an ISC ID'],
		['forward', { workItemId: UNKNOWN, targetOwnerId: '={{ "" }}', comment: 'x' }, 'The "Target Owner ID" parameter is required but is empty'],
		['forward', { workItemId: UNKNOWN, targetOwnerId: 'a b', comment: 'x' }, 'The "Target Owner ID" parameter must be an ISC ID'],
		['forward', { workItemId: UNKNOWN, targetOwnerId: ISC_OWNERS[1].id, comment: '  ' }, 'The "Comment" parameter is required but is empty'],
		['forward', { workItemId: UNKNOWN, targetOwnerId: ISC_OWNERS[1].id, comment: 'x', sendNotifications: '={{ "yes" }}' }, 'The "Send Notifications" parameter must be true or false, but it is a string'],
		['submitAccountSelection', { workItemId: UNKNOWN, accountSelection: '{not json' }, 'The "Account Selection" parameter must be a JSON object, but it is not valid JSON: "{not json"'],
		['submitAccountSelection', { workItemId: UNKNOWN, accountSelection: '[1, 2]' }, 'The "Account Selection" parameter must be a JSON object keyed on field names, but it is a list'],
		['submitAccountSelection', { workItemId: UNKNOWN, accountSelection: '{}' }, 'The "Account Selection" parameter is an empty object'],
		['getCount', { filters: { ownerId: '={{ {"a": 1} }}' } }, 'The "Owner ID" parameter must be text, but it is an object'],
	];
	test.each(cases)('%s %j', async (operation, parameters, message) => {
		const result = await run(operation, parameters);
		expect(result.error?.message).toContain(message);
		expect(isc.sandbox.requests).toEqual([]);
	});

	test('an unknown operation names the known ones', async () => {
		const result = await run('approveEverything');
		expect(result.error?.message).toContain('The operation "approveEverything" is not known to this node; choose one of: approveAll, approveItem');
	});
});

test('Continue On Fail: each input item yields its result or its error, paired and in order', async () => {
	const first = state().addWorkItem();
	const second = state().addWorkItem();
	const items: IDataObject[] = [{ id: first.id }, { id: 'bad/id' }, { id: UNKNOWN }, { id: second.id }, { id: first.id }];
	const result = await run('approveAll', { workItemId: '={{ $json.id }}' }, { items, continueOnFail: true });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => [item.pairedItem, item.json.state ?? item.json.error])).toEqual([
		[{ item: 0 }, 'Finished'],
		[{ item: 1 }, expect.stringContaining('The "Work Item ID" parameter must be an ISC ID')],
		[{ item: 2 }, expect.stringContaining(`SailPoint ISC found no work item "${UNKNOWN}"`)],
		[{ item: 3 }, 'Finished'],
		// The first item finished it already: ISC's 400 for a completed work item.
		[{ item: 4 }, expect.stringContaining('is already completed')],
	]);
	// The bad ID never left the node.
	expect(isc.sandbox.requests.map((request) => request.path)).not.toContain('/v3/work-items/bulk-approve/bad/id');
	expect(isc.sandbox.requests).toHaveLength(4);
});

test('without Continue On Fail the first failing item stops the node and names its index', async () => {
	const result = await run('get', { workItemId: '={{ $json.id }}' }, { items: [{ id: state().addWorkItem().id }, { id: '' }] });
	expect(result.error?.message).toBe('The "Work Item ID" parameter is required but is empty');
	expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
});

describe('actions are not repeated when their first try may have gone through', () => {
	test('a dropped connection on Approve All is reported, not retried', async () => {
		const item = isc.sandbox.isc.addWorkItem({ type: 'APPROVAL' });
		isc.sandbox.queue(`/v3/work-items/bulk-approve/${item.id}`, { status: 0, drop: true });
		const result = await run('approveAll', { workItemId: item.id });
		expect(result.error?.message).toBe(
			'SailPoint ISC did not answer (the connection was closed before an answer came); the request may or may not have been carried out',
		);
		expect(isc.sandbox.requests.filter((request) => request.path.includes('bulk-approve'))).toHaveLength(1);
	});

	test('a 429 on Approve All is retried (ISC did nothing)', async () => {
		const item = isc.sandbox.isc.addWorkItem({ type: 'APPROVAL' });
		isc.sandbox.queue(`/v3/work-items/bulk-approve/${item.id}`, { status: 429, body: { message: ' Rate Limit Exceeded ' }, headers: { 'Retry-After': '0' } });
		const result = await run('approveAll', { workItemId: item.id });
		expect(result.error).toBeUndefined();
		expect(isc.sandbox.requests.filter((request) => request.path.includes('bulk-approve'))).toHaveLength(2);
	});
});

import { expectNoSecrets, visibleText } from '../../harness/assertions';
import { ISC_ERROR_BODIES, ISC_OWNERS, ISC_TOKEN, ISC_USER_ID, ISC_USER_TOKEN } from '../../sandbox/isc';
import { ownedByMe, useIscSandbox } from '../context';

// Retry-After asks for seconds; tests wait milliseconds.
const FAST_RETRY = { maxDelayMs: 5, baseDelayMs: 1 };
const isc = useIscSandbox({}, FAST_RETRY);

const TRACKING = 'b21b1f7ce4da4d639f2c62a57171b427';

describe('ISC error bodies', () => {
	test('401: the token is invalid or expired, and the message says how to fix it', async () => {
		const expired = 'eyJhbGciOiJSUzI1NiJ9.ZXhwaXJlZA.ExpiredSignatureOfTheSandboxToken';
		const result = await isc.getAll({ returnAll: true }, { credentials: isc.credentials({ accessToken: expired }) });
		expect(result.error?.message).toBe(
			'SailPoint ISC rejected the access token: it is invalid or has expired (HTTP 401): JWT validation failed: JWT is expired',
		);
		expect(result.error?.description).toContain('Access Token field of the SailPoint ISC credential');
		expect((result.error as { httpCode?: string }).httpCode).toBe('401');
		expect(isc.sandbox.requests[0].authorization).toBe(`Bearer ${expired}`);
		expectNoSecrets(result, expired);
	});

	test('403 for another owner\'s work items without admin rights: the text and the tracking ID', async () => {
		const result = await isc.getAll(
			{ returnAll: true, filters: { ownerId: ISC_OWNERS[0].id } },
			{ credentials: isc.credentials({ accessToken: ISC_USER_TOKEN }) },
		);
		expect(result.error?.message).toMatch(
			/^SailPoint ISC refused the request to work-items \(HTTP 403, 403 Forbidden\): The server understood the request but refuses to authorize it\. \(tracking ID [0-9a-f]{32}\)$/,
		);
		expect(result.error?.description).toMatch(/Tracking ID [0-9a-f]{32}: quote it to SailPoint support\./);
		expect(result.error?.description).toContain('needs an admin');
		expectNoSecrets(result, ISC_USER_TOKEN);
	});

	test('a plain user lists its own work items', async () => {
		const result = await isc.getAll({ returnAll: true }, { credentials: isc.credentials({ accessToken: ISC_USER_TOKEN }) });
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBeGreaterThan(0);
		for (const item of result.items) expect(item.json.ownerId).toBe(ISC_USER_ID);
	});

	test.each([
		[403, 'The server understood the request but refuses to authorize it.'],
		[404, 'The server did not find a current representation for the target resource.'],
		[500, 'An internal fault occurred.'],
	] as const)('%i with the seed\'s body: the message has the text and the tracking ID', async (status, text) => {
		isc.sandbox.isc.failNext(status);
		const result = await isc.getAll({ returnAll: true });
		const message = result.error?.message ?? '';
		expect(message).toContain(text);
		expect(message).toContain(`(HTTP ${status}, ${ISC_ERROR_BODIES[status].detailCode})`);
		expect(message).toContain(`tracking ID ${TRACKING}`);
		expect(result.error?.description).toContain(`Tracking ID ${TRACKING}`);
		expect((result.error as { httpCode?: string }).httpCode).toBe(String(status));
		// 500 is a fault, not a temporary refusal: it is not repeated.
		expect(isc.sandbox.requests).toHaveLength(1);
		expectNoSecrets(result, ISC_TOKEN);
	});

	test('404 says to check the Base URL; 500 says to try again later', async () => {
		isc.sandbox.isc.failNext(404);
		const notFound = await isc.getAll({});
		expect(notFound.error?.description).toContain('Check that the Base URL');
		isc.sandbox.isc.failNext(500);
		const fault = await isc.getAll({});
		expect(fault.error?.description).toContain('Try again later');
	});

	test('400 with the seed\'s body (messages and causes alike) says the text once', async () => {
		isc.sandbox.isc.failNext(400);
		const result = await isc.getAll({});
		expect(result.error?.message).toBe(
			'SailPoint ISC rejected the request to work-items (HTTP 400, 400.1 Bad Request Content): The request was syntactically correct but its content is semantically invalid. (tracking ID e7eab60924f64aa284175b9fa3309599)',
		);
	});

	test('a start Offset past the end that ISC calls invalid is reported, not taken as the end', async () => {
		isc.sandbox.isc.offsetPastEnd = 'invalid';
		const result = await isc.getAll({ returnAll: true, options: { offset: 5000 } });
		expect(result.error?.message).toMatch(/HTTP 400.*offset is invalid \(tracking ID [0-9a-f]{32}\)$/);
	});

	test('an error on a later page fails the listing (no partial result)', async () => {
		isc.sandbox.isc.reseed(1000, { owners: ownedByMe });
		isc.sandbox.queue('/v3/work-items', { status: 200, body: isc.sandbox.isc.workItems.slice(0, 250), headers: { 'X-Total-Count': '1000' } });
		isc.sandbox.isc.failNext(500);
		const result = await isc.getAll({ returnAll: true });
		expect(result.error?.message).toContain('An internal fault occurred.');
		expect(result.items).toEqual([]);
	});

	test('a token echoed back by the server is redacted', async () => {
		isc.sandbox.queue('/v3/work-items', {
			status: 400,
			body: { detailCode: '400.1 Bad Request Content', trackingId: TRACKING, messages: [{ text: `Token ${ISC_TOKEN} is not allowed here` }] },
		});
		const result = await isc.getAll({});
		expect(result.error?.message).toContain('Token *** is not allowed here');
		expectNoSecrets(result, ISC_TOKEN);
	});

	test('a JSON object where a list belongs is reported', async () => {
		isc.sandbox.queue('/v3/work-items', { status: 200, body: { items: [] } });
		const result = await isc.getAll({});
		expect(result.error?.message).toBe('SailPoint ISC answered work-items with something other than a list');
		expect(result.error?.description).toBe('{"items":[]}');
	});

	test('an HTML page instead of JSON says to check the Base URL', async () => {
		isc.sandbox.queue('/v3/work-items', { status: 200, rawBody: '<!DOCTYPE html><html><body>Sign in</body></html>' });
		const result = await isc.getAll({});
		expect(result.error?.message).toContain('with an HTML page instead of JSON');
	});
});

describe('429 Too Many Requests', () => {
	test('waits and tries again until ISC answers', async () => {
		isc.sandbox.isc.rateLimit(3, 1);
		const result = await isc.getAll({ returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(isc.ownIds());
		expect(isc.sandbox.isc.rateLimited).toBe(3);
		expect(isc.sandbox.requests).toHaveLength(4);
	});

	test('rate limits in the middle of planned pages lose and repeat nothing', async () => {
		isc.sandbox.isc.reseed(2000, { owners: ownedByMe });
		isc.sandbox.queue('/v3/work-items', { status: 200, body: isc.sandbox.isc.workItems.slice(0, 250), headers: { 'X-Total-Count': '2000' } });
		isc.sandbox.isc.rateLimit(5, 1);
		const result = await isc.getAll({ returnAll: true });
		const ids = result.items.map((item) => item.json.id);
		expect(ids).toEqual(isc.ownIds());
		expect(isc.sandbox.isc.rateLimited).toBe(5);
	});

	test('a rate limit that never ends fails clearly after the allowed attempts', async () => {
		isc.sandbox.isc.rateLimit(Number.POSITIVE_INFINITY, 2);
		const result = await isc.getAll({ returnAll: true }, {}, { ...FAST_RETRY, maxAttempts: 3 });
		expect(result.error?.message).toMatch(
			/^SailPoint ISC rate limited this request: rate limited \(429\) 3 times over \d+ m?s; gave up after 3 attempts$/,
		);
		expect(result.error?.description).toContain('429 Too Many Requests');
		expect(isc.sandbox.requests).toHaveLength(3);
		expectNoSecrets(result, ISC_TOKEN);
	});
});

describe('Continue On Fail and parameters', () => {
	const parameters = {
		returnAll: false,
		limit: '={{ $json.limit }}',
		filters: { ownerId: '={{ $json.owner }}' },
	};
	const items = [
		{ limit: 2, owner: '' },
		{ limit: 2, owner: ISC_OWNERS[2].id },
		{ limit: 0, owner: ISC_USER_ID },
		{ limit: 3, owner: ISC_USER_ID },
		{ limit: 'many', owner: '' },
	];

	test('every input item yields its work items or its error, paired to it', async () => {
		const result = await isc.getAll(parameters, {
			items,
			continueOnFail: true,
			credentials: isc.credentials({ accessToken: ISC_USER_TOKEN }),
		});
		expect(result.error).toBeUndefined();
		const outputs = result.items.map((item) => [item.pairedItem, item.json.error ?? item.json.ownerId]);
		expect(outputs).toEqual([
			[{ item: 0 }, ISC_USER_ID],
			[{ item: 0 }, ISC_USER_ID],
			[{ item: 1 }, expect.stringContaining('The server understood the request but refuses to authorize it.')],
			[{ item: 2 }, 'The "Limit" parameter must be a whole number of at least 1, but it is 0'],
			[{ item: 3 }, ISC_USER_ID],
			[{ item: 3 }, ISC_USER_ID],
			[{ item: 3 }, ISC_USER_ID],
			[{ item: 4 }, 'The "Limit" parameter must be a whole number of at least 1, but it is "many"'],
		]);
		expect(result.items[2].json.description).toMatch(/Tracking ID [0-9a-f]{32}/);
		expect(result.items[2].json.httpCode).toBe('403');
		// The bad parameters were caught before any request.
		expect(isc.sandbox.requests).toHaveLength(3);
		expectNoSecrets(result, ISC_USER_TOKEN);
	});

	test('without Continue On Fail the first failing item stops the node, naming that item', async () => {
		const result = await isc.getAll(parameters, { items, credentials: isc.credentials({ accessToken: ISC_USER_TOKEN }) });
		expect(result.error?.message).toContain('refuses to authorize it');
		expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	});

	test.each([
		[{ returnAll: false, limit: 2.5 }, 'The "Limit" parameter must be a whole number of at least 1, but it is 2.5'],
		[{ options: { offset: -1 } }, 'The "Offset" parameter must be a whole number of at least 0, but it is -1'],
		[{ filters: { ownerId: '={{ {"a": 1} }}' } }, 'The "Owner ID" parameter must be text, but it is an object'],
	])('bad parameters fail before any request: %j', async (parameters, message) => {
		const result = await isc.getAll(parameters);
		expect(result.error?.message).toBe(message);
		expect(isc.sandbox.requests).toHaveLength(0);
	});

	test('the token shows nowhere in outputs or errors across the scenarios', async () => {
		isc.sandbox.isc.failNext(403);
		isc.sandbox.isc.failNext(500);
		const runs = [
			await isc.getAll({ returnAll: true }),
			await isc.getAll(parameters, { items, continueOnFail: true }),
			await isc.getAll({ returnAll: true }, { credentials: isc.credentials({ baseUrl: 'acme.api.identitynow.com' }) }),
		];
		for (const run of runs) expectNoSecrets(run, ISC_TOKEN);
		expect(visibleText(runs[0])).toContain('refuses to authorize it');
		expect(visibleText(runs[1])).toContain('An internal fault occurred.');
	});
});

describe('Base URL', () => {
	test.each(['', '/', '///', '/v3', '/v3/', '/V3//'])('"<server>%s" reaches /v3/work-items', async (suffix) => {
		const result = await isc.getAll({}, { credentials: isc.credentials({ baseUrl: `  ${isc.sandbox.url}${suffix} ` }) });
		expect(result.error).toBeUndefined();
		expect(isc.sandbox.requests.map((request) => request.path)).toEqual(['/v3/work-items']);
	});

	test('a Base URL without https:// is refused before any request', async () => {
		const result = await isc.getAll({}, { credentials: isc.credentials({ baseUrl: 'acme.api.identitynow.com' }) });
		expect(result.error?.message).toBe(
			'The Base URL in the SailPoint ISC credential must start with https://, e.g. https://acme.api.identitynow.com, but it is "acme.api.identitynow.com"',
		);
		expect(isc.sandbox.requests).toHaveLength(0);
	});
});

import { VenafiWork } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node';
import { WORK_TYPES } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiWork/actions/work/getAll.operation';
import { expectNoSecrets } from '../../harness/assertions';
import { runNode } from '../../harness/run';
import { TPP_TOKEN } from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

const tpp = useTppSandbox();
const run = async (workType: string, options: Parameters<typeof runNode>[2] = {}) =>
	await runNode(new VenafiWork(), { operation: 'getAll', workType }, { credentials: tpp.credentials(), ...options });

test('"All" lists every work entry with no WorkType filter, always with the trailing slash', async () => {
	const result = await run('');
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json)).toEqual(tpp.sandbox.tpp.work);
	expect(tpp.sandbox.requests).toHaveLength(1);
	expect(tpp.sandbox.requests[0]).toMatchObject({ method: 'GET', path: '/vedsdk/Client/Work/', query: '' });
	expect(tpp.sandbox.requests[0].authorization).toBe(`Bearer ${TPP_TOKEN}`);
});

test('a WorkType filter returns only that kind of work, one item per entry', async () => {
	const result = await run('Client Agent Configuration Work');
	expect(result.items).toHaveLength(2);
	for (const item of result.items) expect(item.json.WorkType).toBe('Client Agent Configuration Work');
	expect(new URLSearchParams(tpp.sandbox.requests[0].query).get('WorkType')).toBe('Client Agent Configuration Work');
	expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
});

test('the options list holds the documented WorkTypes plus All', () => {
	const property = new VenafiWork().description.properties.find((entry) => entry.name === 'workType');
	const values = (property?.options ?? []).map((option) => ('value' in option ? option.value : undefined));
	expect(values).toEqual(['', ...WORK_TYPES]);
	for (const required of [
		'Client Agent Configuration Work',
		'Client Agent Automatic Upgrade Work',
		'Client Agent Device Placement Work',
		'Certificate Provisioning Work',
		'Client Agent SSH Discovery Work',
		'Client Agent SSH Provisioning Work',
		'Client Agent SSH Key Usage Work',
		'Client User Certificate Work',
		'Client Certificate Work',
	]) {
		expect(values).toContain(required);
	}
});

test('HTTP 204 (no work of that type) gives no items and no error', async () => {
	const result = await run('Client User Certificate Work');
	expect(result.error).toBeUndefined();
	expect(result.items).toEqual([]);
});

test('an unknown WorkType from an expression reaches TPP, whose 400 reason is reported', async () => {
	const result = await run('={{ "Coffee Brewing Work" }}');
	expect(result.error?.message).toBe(
		"Venafi TPP rejected the request to Client/Work/ (HTTP 400: WorkType 'Coffee Brewing Work' is not valid.)",
	);
	expect(result.error?.description).toContain('Use one of the documented WorkTypes');
});

test('each input item gets its own request and its own paired outputs', async () => {
	const result = await run('={{ $json.type }}', {
		items: [{ type: 'Client Agent Automatic Upgrade Work' }, { type: 'Client Agent SSH Discovery Work' }, { type: '' }],
	});
	expect(result.items.map((item) => [item.pairedItem, item.json.WorkName])).toEqual([
		[{ item: 0 }, 'Agent Upgrade'],
		[{ item: 1 }, 'SSH Discovery'],
		...tpp.sandbox.tpp.work.map((work) => [{ item: 2 }, work.WorkName]),
	]);
});

test.each([
	['with a trailing slash', (url: string) => `${url}/`],
	['with /vedsdk', (url: string) => `${url}/vedsdk`],
	['with /vedsdk/', (url: string) => `${url}/vedsdk/`],
	['with spaces', (url: string) => `  ${url}  `],
])('a Base URL %s is normalised', async (_label, variant) => {
	const result = await run('', { credentials: tpp.credentials({ baseUrl: variant(tpp.sandbox.url) }) });
	expect(result.error).toBeUndefined();
	expect(tpp.sandbox.requests[0].path).toBe('/vedsdk/Client/Work/');
});

test('a wrong token fails with TPP\'s reason and advice, and the token is not shown', async () => {
	const wrong = 'wrong-token-abcdef123456';
	const result = await run('', { credentials: tpp.credentials({ accessToken: wrong }) });
	expect(result.error?.message).toBe('Venafi TPP rejected the access token (HTTP 401: invalid_token)');
	expect(result.error?.description).toContain('Failed to validate access token');
	expect(result.error?.description).toContain('update the Venafi TPP credential');
	expectNoSecrets(result, wrong, TPP_TOKEN);
});

test('a 307 redirect is reported, not followed', async () => {
	tpp.sandbox.queue('/vedsdk/client/work', {
		status: 307,
		body: 'There is no operation listening for ..., so you are being redirected there.',
		headers: { Location: '/vedsdk/Client/Work/' },
	});
	const result = await run('');
	expect(result.error?.message).toBe('Venafi TPP redirected Client/Work/ (HTTP 307) to /vedsdk/Client/Work/');
	expect(tpp.sandbox.requests).toHaveLength(1);
});

test('an HTML page instead of JSON is reported as a wrong Base URL', async () => {
	tpp.sandbox.queue('/vedsdk/client/work', { status: 200, rawBody: '<!DOCTYPE html><html><body>Sign in</body></html>' });
	const result = await run('');
	expect(result.error?.message).toContain('answered Client/Work/ with an HTML page instead of JSON');
});

test('the token never appears in outputs', async () => {
	const result = await run('');
	expectNoSecrets(result, TPP_TOKEN);
});

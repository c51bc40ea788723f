import { VenafiWork } from '../../nodes/Venafi/VenafiWork/VenafiWork.node';
import { runNode } from '../harness/run';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { TPP_TOKEN } from '../sandbox/tpp';

let sandbox: Sandbox;
const credentials = () => ({ venafiTppApi: { baseUrl: sandbox.url, accessToken: TPP_TOKEN, allowUnauthorizedCerts: false } });

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.clearLog());

test('Get Many with All lists every work entry, always with the trailing slash', async () => {
	const { items, error } = await runNode(new VenafiWork(), { operation: 'getAll', workType: '' }, { credentials: credentials() });
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json.WorkName)).toHaveLength(sandbox.tpp.work.length);
	expect(sandbox.requests[0].path).toBe('/vedsdk/Client/Work/');
	expect(sandbox.requests[0].query).toBe('');
	expect(sandbox.requests[0].authorization).toBe(`Bearer ${TPP_TOKEN}`);
});

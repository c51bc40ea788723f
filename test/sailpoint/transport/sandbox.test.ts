import axios from 'axios';

import { ISC_ERROR_BODIES, ISC_TOKEN } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/** The ISC emulation keeps the contract the node is tested against. */

const isc = useIscSandbox();
const get = async (query: string, token = ISC_TOKEN) =>
	await axios.get(`${isc.sandbox.url}/v3/work-items${query}`, {
		headers: { Authorization: `Bearer ${token}` },
		validateStatus: () => true,
	});

test.each(['?limit=251', '?limit=-1', '?limit=ten', '?offset=-5'])('%s is a 400 in the seed\'s shape', async (query) => {
	const response = await get(query);
	expect(response.status).toBe(400);
	expect(response.data).toMatchObject({
		detailCode: '400.1 Bad Request Content',
		trackingId: expect.stringMatching(/^[0-9a-f]{32}$/),
		messages: ISC_ERROR_BODIES[400].messages,
		causes: [expect.objectContaining({ locale: 'en-US', text: expect.any(String) })],
	});
});

test('limit defaults to 250, limit=0 gives an empty page, count=true gives X-Total-Count', async () => {
	isc.sandbox.isc.reseed(1000);
	expect((await get('')).data).toHaveLength(250);
	expect((await get('?limit=0')).data).toEqual([]);
	const counted = await get('?limit=1&count=true');
	expect(counted.headers['x-total-count']).toBe('250');
	expect((await get('?limit=1')).headers['x-total-count']).toBeUndefined();
});

test('429 carries the seed body and Retry-After; an unknown path is the seed\'s 404', async () => {
	isc.sandbox.isc.rateLimit(1, 7);
	const limited = await get('');
	expect(limited.status).toBe(429);
	expect(limited.data).toEqual({ message: ' Rate Limit Exceeded ' });
	expect(limited.headers['retry-after']).toBe('7');
	const missing = await axios.get(`${isc.sandbox.url}/v3/work-itemz`, {
		headers: { Authorization: `Bearer ${ISC_TOKEN}` },
		validateStatus: () => true,
	});
	expect(missing.status).toBe(404);
	expect(missing.data).toEqual(ISC_ERROR_BODIES[404]);
});

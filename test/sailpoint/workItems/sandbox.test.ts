import axios from 'axios';

import { ISC_ERROR_BODIES, ISC_TOKEN } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/** The ISC emulation's work item endpoints keep the documented statuses and bodies. */

const isc = useIscSandbox();
const call = async (method: 'GET' | 'POST', path: string, data?: unknown) =>
	await axios.request({
		method,
		url: `${isc.sandbox.url}/v3/work-items${path}`,
		data,
		headers: { Authorization: `Bearer ${ISC_TOKEN}` },
		validateStatus: () => true,
	});

test('unknown IDs are the seed\'s 404 on every single-work-item endpoint', async () => {
	const unknown = '2c9180835d2e5168ffffffffffffffff';
	for (const [method, path] of [
		['GET', `/${unknown}`],
		['POST', `/${unknown}`],
		['POST', `/${unknown}/approve/x1`],
		['POST', `/${unknown}/reject/x1`],
		['POST', `/bulk-approve/${unknown}`],
		['POST', `/bulk-reject/${unknown}`],
		['POST', `/${unknown}/submit-account-selection`],
	] as const) {
		const response = await call(method, path, method === 'POST' && path.endsWith('selection') ? { a: 1 } : undefined);
		expect([path, response.status, response.data]).toEqual([path, 404, ISC_ERROR_BODIES[404]]);
	}
	const forward = await call('POST', `/${unknown}/forward`, { targetOwnerId: isc.sandbox.isc.workItems[0].ownerId, comment: 'x' });
	expect(forward.status).toBe(404);
});

test('forward answers 200 with no body; a body without comment is a 400 in the seed\'s shape naming the field', async () => {
	const item = isc.sandbox.isc.addWorkItem();
	const ok = await call('POST', `/${item.id}/forward`, { targetOwnerId: isc.sandbox.isc.workItems[1].ownerId, comment: 'x' });
	expect([ok.status, ok.data]).toEqual([200, '']);
	const bad = await call('POST', `/${item.id}/forward`, { targetOwnerId: item.ownerId });
	expect(bad.status).toBe(400);
	expect(bad.data).toMatchObject({
		detailCode: '400.1 Bad Request Content',
		messages: ISC_ERROR_BODIES[400].messages,
		causes: [expect.objectContaining({ text: 'comment: is required' })],
	});
});

test('count, completed count and summary have the documented shapes and add up', async () => {
	isc.sandbox.isc.reseedCompleted(6);
	const open = (await call('GET', '/count')).data as { count: number };
	const completed = (await call('GET', '/completed/count')).data as { count: number };
	const summary = (await call('GET', '/summary')).data as Record<string, number>;
	expect(summary).toEqual({ open: open.count, completed: completed.count, total: open.count + completed.count });
	expect(completed.count).toBeGreaterThan(0);
	const listed = (await call('GET', '/completed?count=true')).headers['x-total-count'];
	expect(listed).toBe(String(completed.count));
});

import type { IDataObject } from 'n8n-workflow';

import { collectPages, type PageFetcher, type PageRequest } from '../../../packages/sailpoint-isc/nodes/SailPoint/transport/paging';

/**
 * The paging loop against an in-memory collection that can change between pages, as a live
 * tenant does: what the sandbox cannot easily show (shifted pages, stale totals, a server
 * that ignores offset).
 */

const make = (count: number, prefix = 'item') => Array.from({ length: count }, (_, i): IDataObject => ({ id: `${prefix}-${i}` }));

function server(data: IDataObject[], options: { total?: (data: IDataObject[]) => number | undefined; onPage?: (request: PageRequest) => void } = {}) {
	const requests: PageRequest[] = [];
	let inFlight = 0;
	const stats = { maxInFlight: 0 };
	const fetchPage: PageFetcher = async (request) => {
		requests.push(request);
		inFlight++;
		stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
		await new Promise((resolve) => setTimeout(resolve, 1));
		inFlight--;
		const items = data.slice(request.offset, request.offset + request.limit);
		const total = request.count ? (options.total ?? ((all) => all.length))(data) : undefined;
		options.onPage?.(request);
		return { items, total };
	};
	return { fetchPage, requests, stats };
}

const ids = (items: IDataObject[]) => items.map((item) => item.id);

test.each([
	['with a total', undefined],
	['without a total', () => undefined],
])('an item inserted at the head mid-listing (%s) neither repeats nor hides the others', async (_label, total) => {
	const data = make(1000);
	const original = ids(data);
	let inserted = false;
	const fake = server(data, {
		total,
		onPage: () => {
			if (!inserted) {
				inserted = true;
				data.unshift({ id: 'new-0' });
			}
		},
	});
	const { items } = await collectPages({ fetchPage: fake.fetchPage });
	const got = ids(items);
	expect(new Set(got).size).toBe(got.length);
	expect(got.filter((id) => id !== 'new-0')).toEqual(original);
});

test('a total smaller than a full first page is not trusted', async () => {
	const fake = server(make(600), { total: () => 100 });
	const { items, total } = await collectPages({ fetchPage: fake.fetchPage });
	expect(items).toHaveLength(600);
	expect(total).toBe(100);
});

test('a server that ignores offset stops the listing with a clear error instead of looping', async () => {
	const data = make(300);
	const fetchPage: PageFetcher = async (request) => ({ items: data.slice(0, request.limit) });
	await expect(collectPages({ fetchPage })).rejects.toThrow(
		'SailPoint ISC answered offset 250 with the same items as before; it does not seem to page, so the listing stopped here',
	);
});

test('planned pages: at most 4 in flight, order kept, each page asked once, never above 250', async () => {
	const fake = server(make(5000));
	const { items } = await collectPages({ fetchPage: fake.fetchPage, pageSize: 1000 });
	expect(ids(items)).toEqual(ids(make(5000)));
	expect(fake.stats.maxInFlight).toBe(4);
	expect(fake.requests.map((request) => request.offset)).toEqual(Array.from({ length: 20 }, (_, i) => i * 250));
	for (const request of fake.requests) expect(request.limit).toBe(250);
});

test('a max with a start offset asks exactly for the rest on the last page', async () => {
	const fake = server(make(2000));
	const { items } = await collectPages({ fetchPage: fake.fetchPage, start: 7, max: 600 });
	expect(ids(items)).toEqual(ids(make(2000)).slice(7, 607));
	expect(fake.requests.map((request) => [request.offset, request.limit, request.count])).toEqual([
		[7, 250, true],
		[257, 250, false],
		[507, 100, false],
	]);
});

test('a failing planned page fails the listing', async () => {
	const data = make(2000);
	const fetchPage: PageFetcher = async (request) => {
		if (request.offset === 750) throw new Error('page 4 failed');
		return { items: data.slice(request.offset, request.offset + request.limit), total: request.count ? 2000 : undefined };
	};
	await expect(collectPages({ fetchPage })).rejects.toThrow('page 4 failed');
});

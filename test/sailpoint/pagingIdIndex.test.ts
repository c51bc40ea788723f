import type { IDataObject } from 'n8n-workflow';

import { collectPages, type PageFetcher } from '../../packages/sailpoint-isc/nodes/SailPoint/transport/paging';

/**
 * Return All keeps each id once, in the order first seen, with a compact index of the ids seen
 * (not a Set): many ids, slots shared by several ids, repeats far apart, numbers and their text.
 */

function pages(data: IDataObject[]): PageFetcher {
	return async (request) => ({ items: data.slice(request.offset, request.offset + request.limit) });
}

test('5,000 distinct ids across 20 pages are all kept, in order (the index grows several times)', async () => {
	const data = Array.from({ length: 5000 }, (_, i): IDataObject => ({ id: `2c9180835d2e5168${i.toString(16).padStart(16, '0')}` }));
	const { items } = await collectPages({ fetchPage: pages(data) });
	expect(items.map((item) => item.id)).toEqual(data.map((item) => item.id));
});

test('an id repeated pages later is dropped; the first one stays where it was', async () => {
	const data: IDataObject[] = Array.from({ length: 1200 }, (_, i) => ({ id: `item-${i}`, n: i }));
	// The repeats are other objects with the same id (as after a shifted page).
	data[900] = { id: 'item-3', n: 900 };
	data[1100] = { id: 'item-250', n: 1100 };
	const { items } = await collectPages({ fetchPage: pages(data) });
	expect(items).toHaveLength(1198);
	expect(items.filter((item) => item.id === 'item-3')).toEqual([{ id: 'item-3', n: 3 }]);
	expect(items.filter((item) => item.id === 'item-250')).toEqual([{ id: 'item-250', n: 250 }]);
	expect(items.map((item) => item.n)).toEqual(data.map((item) => item.n).filter((n) => n !== 900 && n !== 1100));
});

test('a number id and the same number as text are one id; items without an id are all kept', async () => {
	const data: IDataObject[] = [{ id: 7 }, { id: '7' }, { name: 'no id' }, { name: 'no id' }, { id: 8 }];
	const { items } = await collectPages({ fetchPage: pages(data) });
	expect(items).toEqual([{ id: 7 }, { name: 'no id' }, { name: 'no id' }, { id: 8 }]);
});

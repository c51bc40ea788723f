import { ISC_OWNERS } from '../../sandbox/isc';
import { ownedByMe, useIscSandbox } from '../context';

const isc = useIscSandbox();

const idsOf = (items: Array<{ json: { id?: unknown } }>) => items.map((item) => String(item.json.id));

/** Every request asked for at most 250 items. */
function expectPagesWithinLimit() {
	for (const query of isc.queries()) {
		const limit = Number(query.get('limit'));
		expect(Number.isInteger(limit)).toBe(true);
		expect(limit).toBeGreaterThan(0);
		expect(limit).toBeLessThanOrEqual(250);
	}
}

describe('Limit', () => {
	test.each([
		[1, 1],
		[250, 1],
		[251, 2],
		[1000, 4],
	])('limit %i returns exactly that many items in server order, in %i request(s) of at most 250', async (limit, requests) => {
		isc.sandbox.isc.reseed(1200, { owners: ownedByMe });
		const result = await isc.getAll({ returnAll: false, limit });
		expect(result.error).toBeUndefined();
		expect(idsOf(result.items)).toEqual(isc.ownIds().slice(0, limit));
		expect(isc.sandbox.requests).toHaveLength(requests);
		expectPagesWithinLimit();
		for (const item of result.items) expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('the default limit is 50 and no total is asked for when one page does', async () => {
		isc.sandbox.isc.reseed(300, { owners: ownedByMe });
		const result = await isc.getAll({});
		expect(result.items).toHaveLength(50);
		expect(isc.queries()).toHaveLength(1);
		expect(isc.queries()[0].get('limit')).toBe('50');
		expect(isc.queries()[0].get('count')).toBeNull();
	});

	test('a limit above what exists returns what exists', async () => {
		isc.sandbox.isc.reseed(260, { owners: ownedByMe });
		const result = await isc.getAll({ returnAll: false, limit: 1000 });
		expect(idsOf(result.items)).toEqual(isc.ownIds());
		expectPagesWithinLimit();
	});

	test('fields come through as ISC returned them, one output item per work item', async () => {
		isc.sandbox.isc.reseed(6, { owners: ownedByMe });
		const result = await isc.getAll({ returnAll: true });
		expect(result.items.map((item) => item.json)).toEqual(JSON.parse(JSON.stringify(isc.sandbox.isc.workItems.map((item) => isc.sandbox.isc.present(item)))));
	});
});

describe('Return All', () => {
	test.each([0, 1, 249, 250, 251, 500, 10_000])('over %i items: every id exactly once, in order', async (count) => {
		isc.sandbox.isc.reseed(count, { owners: ownedByMe });
		const result = await isc.getAll({ returnAll: true });
		expect(result.error).toBeUndefined();
		const ids = idsOf(result.items);
		expect(ids).toHaveLength(count);
		expect(new Set(ids).size).toBe(count);
		expect(ids).toEqual(isc.ownIds());
		expectPagesWithinLimit();
		// The total from the first page plans the rest: no request past the end.
		expect(isc.sandbox.requests).toHaveLength(Math.max(1, Math.ceil(count / 250)));
		expect(isc.queries()[0].get('count')).toBe('true');
		for (const query of isc.queries().slice(1)) expect(query.get('count')).toBeNull();
	});

	test('the planned pages go out at most 4 at a time', async () => {
		isc.sandbox.isc.reseed(3000, { owners: ownedByMe });
		isc.sandbox.latencyMs = 20;
		try {
			const result = await isc.getAll({ returnAll: true });
			expect(idsOf(result.items)).toEqual(isc.ownIds());
		} finally {
			isc.sandbox.latencyMs = 0;
		}
		expect(isc.sandbox.maxInFlight).toBeGreaterThan(1);
		expect(isc.sandbox.maxInFlight).toBeLessThanOrEqual(4);
	});

	test.each([0, 1, 249, 250, 251, 500, 1000])(
		'without X-Total-Count, pages one by one over %i items until a short or empty page',
		async (count) => {
			isc.sandbox.isc.omitTotalCount = true;
			isc.sandbox.isc.reseed(count, { owners: ownedByMe });
			const result = await isc.getAll({ returnAll: true });
			expect(result.error).toBeUndefined();
			expect(idsOf(result.items)).toEqual(isc.ownIds());
			expect(isc.sandbox.requests).toHaveLength(Math.floor(count / 250) + 1);
			expect(isc.sandbox.maxInFlight).toBe(1);
			expectPagesWithinLimit();
		},
	);

	test.each([250, 500])(
		'a 400 "offset is invalid" after a full page ends %i items cleanly',
		async (count) => {
			isc.sandbox.isc.omitTotalCount = true;
			isc.sandbox.isc.offsetPastEnd = 'invalid';
			isc.sandbox.isc.reseed(count, { owners: ownedByMe });
			const result = await isc.getAll({ returnAll: true });
			expect(result.error).toBeUndefined();
			expect(idsOf(result.items)).toEqual(isc.ownIds());
			expect(isc.sandbox.requests).toHaveLength(count / 250 + 1);
		},
	);
});

describe('Filters and options', () => {
	test('Owner ID lists that owner\'s work items only and is sent on every page', async () => {
		isc.sandbox.isc.reseed(2000);
		const owner = ISC_OWNERS[2].id;
		const result = await isc.getAll({ returnAll: true, filters: { ownerId: ` ${owner} ` } });
		const expected = isc.sandbox.isc.workItems.filter((item) => item.ownerId === owner).map((item) => item.id);
		expect(expected).toHaveLength(500);
		expect(idsOf(result.items)).toEqual(expected);
		for (const query of isc.queries()) expect(query.get('ownerId')).toBe(owner);
	});

	test('without Owner ID the token\'s own work items are listed and no ownerId is sent', async () => {
		const result = await isc.getAll({ returnAll: true });
		expect(idsOf(result.items)).toEqual(isc.ownIds());
		expect(result.items.length).toBeLessThan(isc.sandbox.isc.workItems.length);
		expect(isc.queries()[0].has('ownerId')).toBe(false);
	});

	test('Offset starts there, with a limit and with Return All', async () => {
		isc.sandbox.isc.reseed(600, { owners: ownedByMe });
		const limited = await isc.getAll({ returnAll: false, limit: 300, options: { offset: 120 } });
		expect(idsOf(limited.items)).toEqual(isc.ownIds().slice(120, 420));
		expect(isc.queries().map((query) => query.get('offset'))).toEqual(['120', '370']);
		isc.sandbox.clearLog();
		const all = await isc.getAll({ returnAll: true, options: { offset: 350 } });
		expect(idsOf(all.items)).toEqual(isc.ownIds().slice(350));
		expectPagesWithinLimit();
	});

	test('Offset past the end gives no items', async () => {
		const result = await isc.getAll({ returnAll: true, options: { offset: 5000 } });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	test('Include Total Count adds X-Total-Count as totalCount to each item', async () => {
		isc.sandbox.isc.reseed(700, { owners: ownedByMe });
		const result = await isc.getAll({ returnAll: false, limit: 3, options: { includeTotal: true, offset: 10 } });
		expect(result.items).toHaveLength(3);
		for (const item of result.items) expect(item.json.totalCount).toBe(700);
		expect(isc.queries()[0].get('count')).toBe('true');
		const without = await isc.getAll({ returnAll: false, limit: 3 });
		for (const item of without.items) expect(item.json).not.toHaveProperty('totalCount');
	});

	test('Include Total Count leaves totalCount out when ISC sends no total', async () => {
		isc.sandbox.isc.omitTotalCount = true;
		const result = await isc.getAll({ returnAll: true, options: { includeTotal: true } });
		expect(result.items.length).toBeGreaterThan(0);
		for (const item of result.items) expect(item.json).not.toHaveProperty('totalCount');
	});

	test('each input item runs its own listing, paired to it', async () => {
		const result = await isc.getAll(
			{ returnAll: false, limit: '={{ $json.limit }}', filters: { ownerId: '={{ $json.owner }}' } },
			{ items: [{ limit: 2, owner: ISC_OWNERS[1].id }, { limit: 3, owner: ISC_OWNERS[3].id }] },
		);
		expect(result.items.map((item) => [item.json.ownerId, item.pairedItem])).toEqual([
			[ISC_OWNERS[1].id, { item: 0 }],
			[ISC_OWNERS[1].id, { item: 0 }],
			[ISC_OWNERS[3].id, { item: 1 }],
			[ISC_OWNERS[3].id, { item: 1 }],
			[ISC_OWNERS[3].id, { item: 1 }],
		]);
	});
});

import type { IDataObject } from 'n8n-workflow';

import { collectPages, type PageFetcher } from '../../../packages/sailpoint-isc/nodes/SailPoint/transport/paging';
import { RepeatedStrings, StringTable } from '../../../shared/repeatedStrings';

/**
 * Return All makes repeated string values of the items one string (shared/repeatedStrings.ts):
 * the output is what the server sent, value for value and key for key, and the table behind it
 * keeps the first instance of each value, within its bounds.
 */

const OWNER_ID = '2c9180835d2e5168015d32f890ca1581';

/** Work items as ISC lists them: one owner, a few requesters, descriptions and forms. */
function workItems(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i): IDataObject => ({
		id: `2c9180835d2e5168${i.toString(16).padStart(16, '0')}`,
		requesterId: `2c91808568c529c60168cca6f90c131${i % 3}`,
		requesterDisplayName: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'][i % 3],
		ownerId: OWNER_ID,
		ownerName: 'Jason Smith',
		created: new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString(),
		description: `Create account on source '${['Active Directory', 'Workday'][i % 2]}'`,
		state: 'PENDING',
		type: i % 2 ? 'APPROVAL' : 'MANUAL_ACTION',
		approvalItems:
			i % 2
				? [{ id: `approval-${i}`, application: 'Active Directory', attributeName: 'emailAddress', attributeValue: `user${i}@example.com`, tags: ['Certification', 'Certification'] }]
				: null,
		form: i % 2 ? null : { id: `form-${i}`, name: 'AccountSelection Form', sections: { name: 'Section One', formItems: [] } },
		numItems: i % 19,
		errors: [],
	}));
}

/** Pages are JSON from the "server", parsed per request: fresh strings, as n8n hands them over. */
function jsonPages(data: IDataObject[]): PageFetcher {
	const text = data.map((item) => JSON.stringify(item));
	return async (request) => ({
		items: JSON.parse(`[${text.slice(request.offset, request.offset + request.limit).join(',')}]`) as IDataObject[],
		total: request.count ? data.length : undefined,
	});
}

test('Return All of 1,200 work items equals what the server sent, keys in the same order, nested objects and arrays too', async () => {
	const data = workItems(1200);
	const { items } = await collectPages({ fetchPage: jsonPages(data) });
	expect(items).toEqual(data);
	// toEqual ignores key order; the JSON text does not.
	expect(JSON.stringify(items)).toBe(JSON.stringify(data));
	expect(items.map((item) => Object.keys(item))).toEqual(data.map((item) => Object.keys(item)));
});

test('every page of a Return All goes through the interning as it arrives', async () => {
	const spy = jest.spyOn(RepeatedStrings.prototype, 'items');
	try {
		const data = workItems(1200);
		await collectPages({ fetchPage: jsonPages(data) });
		// 5 pages of at most 250: the first, then 4 planned from the total.
		expect(spy).toHaveBeenCalledTimes(5);
		expect(spy.mock.calls.map(([page]) => page.length)).toEqual([250, 250, 250, 250, 200]);
	} finally {
		spy.mockRestore();
	}
});

test('an own "__proto__" key (JSON.parse makes one) stays a plain value and the prototype stays Object', () => {
	const items = JSON.parse('[{"__proto__": "a value of eleven+ chars", "name": "a repeated value"}, {"__proto__": "a value of eleven+ chars", "name": "a repeated value"}]') as IDataObject[];
	new RepeatedStrings().items(items);
	for (const item of items) {
		expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
		expect(Object.getOwnPropertyDescriptor(item, '__proto__')?.value).toBe('a value of eleven+ chars');
		expect(item.name).toBe('a repeated value');
	}
});

test('values that are not plain strings (numbers, booleans, null, deeper objects) come out untouched', () => {
	const deep = { level: { two: 'a string two levels in, left alone' } };
	const items: IDataObject[] = [
		{ n: 1, yes: true, none: null, nested: deep, list: [1, 'a string in an array', null, [2]] },
		{ n: 1, yes: true, none: null, nested: deep, list: [1, 'a string in an array', null, [2]] },
	];
	const copy = JSON.parse(JSON.stringify(items)) as IDataObject[];
	new RepeatedStrings().items(items);
	expect(items).toEqual(copy);
	expect(items[0].nested).toBe(deep);
});

describe('StringTable', () => {
	test('answers the first instance seen for each value, counting the repeats', () => {
		const table = new StringTable();
		const first = ['2c9180835d2e', '5168015d32f890ca1581'].join('');
		expect(table.intern(first)).toBe(first);
		for (let i = 0; i < 100; i++) {
			// A new string with the same value each time (as JSON.parse makes one per item).
			const again = `${OWNER_ID.slice(0, 12)}${OWNER_ID.slice(12)}`;
			expect(table.intern(again)).toBe(OWNER_ID);
		}
		expect(table.size).toBe(1);
		expect(table.hits).toBe(100);
		expect(table.repeats).toBe(true);
	});

	test('keeps at most maxValues values; a new value after that is answered as it is and not kept', () => {
		const table = new StringTable(3);
		for (const value of ['value number 1', 'value number 2', 'value number 3', 'value number 4']) table.intern(value);
		expect(table.size).toBe(3);
		expect(table.full).toBe(true);
		expect(table.hits).toBe(0);
		// Values it holds are still answered from it...
		expect(table.intern('value number 2')).toBe('value number 2');
		expect(table.hits).toBe(1);
		// ...and one it had no room for is answered as it is, still not kept.
		expect(table.intern('value number 4')).toBe('value number 4');
		expect(table.size).toBe(3);
		expect(table.hits).toBe(1);
	});

	test('leaves alone strings longer than maxLength and shorter than minLength (JSON.parse already shares those)', () => {
		const table = new StringTable(256, 20, 11);
		const long = 'x'.repeat(21);
		expect(table.intern(long)).toBe(long);
		expect(table.intern('x'.repeat(21))).toBe(long);
		expect(table.intern('PENDING')).toBe('PENDING');
		expect(table.intern('PENDING')).toBe('PENDING');
		expect(table.size).toBe(0);
		expect(table.hits).toBe(0);
		expect(table.intern('x'.repeat(20))).toBe('x'.repeat(20));
		expect(table.size).toBe(1);
	});
});

describe('RepeatedStrings', () => {
	test('keeps one table per field: the values that repeat are held once, a field of distinct values is given up', () => {
		const repeated = new RepeatedStrings();
		repeated.items(workItems(2000));
		// Interning skipped altogether would leave these tables empty.
		const fields = (repeated as unknown as { fields: Map<string, { table?: StringTable; nested?: Map<string, { table?: StringTable }> }> }).fields;
		expect(fields.get('ownerId')?.table?.size).toBe(1);
		expect(fields.get('ownerId')?.table?.hits).toBe(1999);
		expect(fields.get('requesterId')?.table?.size).toBe(3);
		expect(fields.get('description')?.table?.size).toBe(2);
		// IDs and times never repeat: given up once the table filled (256 values), nothing kept.
		expect(fields.get('id')?.table).toBeUndefined();
		expect(fields.get('created')?.table).toBeUndefined();
		// One level in: the objects of an array and a nested object, field by field.
		expect(fields.get('approvalItems')?.nested?.get('attributeName')?.table?.size).toBe(1);
		expect(fields.get('approvalItems')?.nested?.get('attributeName')?.table?.hits).toBe(999);
		expect(fields.get('approvalItems')?.nested?.get('attributeValue')?.table).toBeUndefined();
		expect(fields.get('form')?.nested?.get('name')?.table?.size).toBe(1);
		// Two levels in is left alone.
		expect(fields.get('form')?.nested?.get('sections')).toBeUndefined();
	});
});

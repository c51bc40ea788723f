import type { IDataObject } from 'n8n-workflow';

import { mapInOrder } from '../../shared/concurrency';
import { RepeatedStrings } from '../../shared/repeatedStrings';
import type { Connection } from '../../shared/transport/connection';
import { ISC_SERVICE, readIscError, readIscList, sendIscRequest } from './index';

/**
 * Offset/limit paging of ISC v3 collections (V3 API Standard Collection Parameters): pages of
 * at most 250, `count=true` on the first page so that the rest can be planned from
 * `X-Total-Count` and fetched a few at a time, sequential paging when the header is absent.
 * Items keep the server's order; one seen before (same `id`, e.g. after an insert shifted a
 * page) is not returned again.
 */

/** ISC rejects a `limit` above 250. */
const MAX_PAGE_SIZE = 250;

/** Pages in flight at once when the total is known: fast, yet gentle on the rate limit. */
const PAGE_CONCURRENCY = 4;

export interface PageRequest {
	offset: number;
	limit: number;
	/** Ask for the total (`count=true`). */
	count: boolean;
	/** A full page came before this one, so "offset is invalid" means the end, not an error. */
	afterFullPage: boolean;
}

export interface Page {
	items: IDataObject[];
	/** The total when the server sent one. */
	total?: number;
}

export type PageFetcher = (request: PageRequest) => Promise<Page>;

interface PagingOptions {
	fetchPage: PageFetcher;
	/** Offset of the first item wanted. */
	start?: number;
	/** How many items at most; undefined for all of them. */
	max?: number;
	/** Ask for the total even when a single page will do. */
	wantTotal?: boolean;
	pageSize?: number;
	concurrency?: number;
}

interface PagedItems {
	items: IDataObject[];
	/** From the first page's `X-Total-Count`, when asked for and sent. */
	total?: number;
}

export async function collectPages(options: PagingOptions): Promise<PagedItems> {
	// Each page's repeated values (one owner's ID and name...) become one string as the page
	// arrives, before the next pages pile up: see repeatedStrings.ts.
	const repeated = new RepeatedStrings();
	const fetchPage: PageFetcher = async (request) => {
		const page = await options.fetchPage(request);
		repeated.items(page.items);
		return page;
	};
	const pageSize = Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
	const wanted = options.max ?? Number.POSITIVE_INFINITY;
	const start = options.start ?? 0;
	const collector = new Collector(wanted);
	if (wanted <= 0) return { items: collector.items };

	const firstLimit = Math.min(pageSize, wanted);
	const first = await fetchPage({
		offset: start,
		limit: firstLimit,
		count: options.wantTotal === true || wanted > pageSize,
		afterFullPage: false,
	});
	collector.add(first.items);
	const total = first.total;
	if (first.items.length < firstLimit || collector.full) return { items: collector.items, total };

	let offset = start + firstLimit;
	if (total !== undefined) {
		const planEnd = Math.min(total, start + wanted);
		const plan: PageRequest[] = [];
		for (let at = offset; at < planEnd; at += pageSize) {
			plan.push({
				offset: at,
				limit: Math.min(pageSize, planEnd - at),
				count: false,
				afterFullPage: true,
			});
		}
		const allAsPlanned = await fetchPlanned(
			fetchPage,
			plan,
			collector,
			options.concurrency ?? PAGE_CONCURRENCY,
		);
		if (collector.full || !allAsPlanned) return { items: collector.items, total };
		const covered = Math.max(offset, planEnd);
		// Every page came back full and nothing was a duplicate: the total holds, we are done.
		// Otherwise (items added meanwhile shifted a page, or the total was stale) go on page
		// by page from where the plan ended.
		if (total >= covered && collector.items.length >= covered - start)
			return { items: collector.items, total };
		offset = covered;
	}

	await fetchSequentially(fetchPage, offset, pageSize, collector);
	return { items: collector.items, total };
}

/** Keeps items in order, at most `wanted`, each id once. */
class Collector {
	readonly items: IDataObject[] = [];
	private readonly seen = new IdIndex(this.items);

	constructor(private readonly wanted: number) {}

	get full(): boolean {
		return this.items.length >= this.wanted;
	}

	/** Returns how many items were new. */
	add(page: IDataObject[]): number {
		let added = 0;
		for (const item of page) {
			if (this.full) break;
			const id = item?.id;
			if (typeof id === 'string' || typeof id === 'number') {
				if (!this.seen.addIfNew(String(id), this.items.length)) continue;
			}
			this.items.push(item);
			added++;
		}
		return added;
	}
}

/**
 * The ids already collected, as positions in `items` in a typed open-addressing table (with each
 * slot's hash beside it): 8 bytes a slot instead of a Set's entry per id, so 100,000 work items
 * cost 2 MB here, outside the JS heap, rather than several MB of heap. A position is compared by
 * its item's id, so two ids with the same hash stay two ids.
 */
class IdIndex {
	/** Position + 1 of an item in `items`; 0 is an empty slot. At most half full. */
	private slots = new Int32Array(1024);
	/** The hash of the id in the same slot (growing needs no id hashed again). */
	private hashes = new Int32Array(1024);
	private count = 0;

	constructor(private readonly items: readonly IDataObject[]) {}

	/** Records `id` as the id of `items[position]`, unless an item with that id is known. */
	addIfNew(id: string, position: number): boolean {
		// Grown before, not after: `items[position]` is only added once this returns.
		if ((this.count + 1) * 2 > this.slots.length) this.grow();
		const hash = hashOf(id);
		const mask = this.slots.length - 1;
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const held = this.slots[slot];
			if (held === 0) {
				this.slots[slot] = position + 1;
				this.hashes[slot] = hash;
				this.count++;
				return true;
			}
			if (this.hashes[slot] === hash && String(this.items[held - 1].id) === id) return false;
		}
	}

	private grow(): void {
		const { slots, hashes } = this;
		this.slots = new Int32Array(slots.length * 2);
		this.hashes = new Int32Array(slots.length * 2);
		const mask = this.slots.length - 1;
		for (let old = 0; old < slots.length; old++) {
			if (slots[old] === 0) continue;
			let slot = hashes[old] & mask;
			while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
			this.slots[slot] = slots[old];
			this.hashes[slot] = hashes[old];
		}
	}
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(text: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
	}
	return hash | 0;
}

async function fetchSequentially(
	fetchPage: PageFetcher,
	from: number,
	pageSize: number,
	collector: Collector,
): Promise<void> {
	let offset = from;
	while (!collector.full) {
		const limit = pageSize;
		const page = await fetchPage({ offset, limit, count: false, afterFullPage: true });
		const added = collector.add(page.items);
		if (page.items.length < limit) return;
		if (added === 0) {
			throw new Error(
				`${ISC_SERVICE} answered offset ${offset} with the same items as before; it does not seem to page, so the listing stopped here`,
			);
		}
		offset += limit;
	}
}

/**
 * Fetches the planned pages with at most `concurrency` in flight and adds them in plan order.
 * Returns whether every page came back as full as planned.
 */
async function fetchPlanned(
	fetchPage: PageFetcher,
	plan: PageRequest[],
	collector: Collector,
	concurrency: number,
): Promise<boolean> {
	const pages = await mapInOrder(plan, concurrency, async (request) => await fetchPage(request));
	let asPlanned = true;
	pages.forEach((page, index) => {
		if (page.items.length < plan[index].limit) asPlanned = false;
		collector.add(page.items);
	});
	return asPlanned;
}

interface IscListRequest {
	/** Path under /v3/, e.g. `work-items`. */
	endpoint: string;
	/** Filters sent with every page. */
	qs?: IDataObject;
	itemIndex: number;
	start?: number;
	max?: number;
	wantTotal?: boolean;
	/** What a 404 means for this listing (e.g. an unknown access request); the Base URL hint otherwise. */
	notFound?: { subject: string; hint: string };
	/** What a 403 means for this listing; the transport's generic hint otherwise. */
	forbiddenHint?: string;
}

/** Lists an ISC collection with the paging above. */
export async function listIscCollection(
	connection: Connection,
	list: IscListRequest,
): Promise<PagedItems> {
	const fetchPage: PageFetcher = async (page) => {
		const request = {
			method: 'GET' as const,
			endpoint: list.endpoint,
			qs: {
				...list.qs,
				limit: page.limit,
				offset: page.offset,
				...(page.count ? { count: true } : {}),
			},
			itemIndex: list.itemIndex,
			notFound: list.notFound,
			forbiddenHint: list.forbiddenHint,
		};
		const response = await sendIscRequest(connection, request);
		if (page.afterFullPage && response.statusCode === 400 && saysOffsetInvalid(response.body))
			return { items: [] };
		const items = await readIscList(connection, request, response);
		return { items, total: page.count ? totalCount(response.headers) : undefined };
	};
	return await collectPages({
		fetchPage,
		start: list.start,
		max: list.max,
		wantTotal: list.wantTotal,
	});
}

function saysOffsetInvalid(body: unknown): boolean {
	const { texts, causes, error } = readIscError(body);
	return [...texts, ...causes, error ?? ''].some((said) => /offset/i.test(said));
}

function totalCount(headers: Record<string, unknown>): number | undefined {
	const raw = headers['x-total-count'] ?? headers['X-Total-Count'];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const total = Number(String(value).trim());
	return Number.isSafeInteger(total) && total >= 0 ? total : undefined;
}

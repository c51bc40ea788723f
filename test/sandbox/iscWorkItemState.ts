import type { IscWorkItem } from './isc';

/**
 * How the ISC emulation moves a work item along, as the API reference describes the write
 * endpoints: approving or rejecting an approval item sets that item's state; once none is
 * PENDING the work item is done (REJECTED when every approval item was rejected, FINISHED
 * otherwise) and moves from the open list to the completed list. Approval items come as one
 * object (the seed's shape) or a list (newer API references); both are handled.
 */

export type ApprovalItem = Record<string, string>;

export function approvalItemsOf(item: IscWorkItem): ApprovalItem[] {
	const raw = item.approvalItems;
	if (Array.isArray(raw)) return raw;
	return raw === null ? [] : [raw];
}

/** Sets one approval item's state; true when the work item has none PENDING left. */
export function decide(item: IscWorkItem, approvalItem: ApprovalItem, state: 'FINISHED' | 'REJECTED', now: string): boolean {
	approvalItem.state = state;
	item.modified = now;
	return approvalItemsOf(item).every((entry) => entry.state !== 'PENDING');
}

/** The state a work item ends in once all its approval items are decided. */
export function outcomeOf(item: IscWorkItem): 'FINISHED' | 'REJECTED' {
	const items = approvalItemsOf(item);
	return items.length > 0 && items.every((entry) => entry.state === 'REJECTED') ? 'REJECTED' : 'FINISHED';
}

export function close(item: IscWorkItem, state: string, now: string): void {
	item.state = state;
	item.modified = now;
	item.completed = now;
}

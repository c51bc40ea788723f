import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Connection } from '../../shared/transport/connection';
import { readLimit, requireWholeNumber } from '../../shared/validation';
import { listIscCollection } from '../transport/paging';

/** What a SailPoint listing asks for: at most `max` entries from `start`, with the total or not. */
interface Paging {
	max?: number;
	start: number;
	includeTotal: boolean;
}

/** Return All / Limit, and the Offset and Include Total Count options, checked. */
function pagingOf(context: IExecuteFunctions, itemIndex: number): Paging {
	const max = readLimit(context, itemIndex);
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		max,
		start:
			options.offset === undefined
				? 0
				: requireWholeNumber(context.getNode(), options.offset, 'Offset', 0, itemIndex),
		includeTotal: options.includeTotal === true,
	};
}

/** Lists a collection with the item's paging parameters; adds `totalCount` when asked and known. */
export async function listPaged(
	context: IExecuteFunctions,
	connection: Connection,
	itemIndex: number,
	endpoint: string,
	qs: IDataObject | undefined,
	notFound?: { subject: string; hint: string },
	forbiddenHint?: string,
): Promise<IDataObject[]> {
	const paging = pagingOf(context, itemIndex);
	const { items, total } = await listIscCollection(connection, {
		endpoint,
		qs,
		itemIndex,
		start: paging.start,
		max: paging.max,
		wantTotal: paging.includeTotal,
		notFound,
		forbiddenHint,
	});
	if (paging.includeTotal && total !== undefined) for (const item of items) item.totalCount = total;
	return items;
}

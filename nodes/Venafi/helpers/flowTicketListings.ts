import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../shared/operations';
import type { Connection } from '../../shared/transport/connection';
import { listingFields, readListing } from '../VenafiFlowTicket/helpers';
import { countFlowTickets, listFlowTickets } from './flowTickets';

/**
 * The pending and the approved Flow tickets are listed and counted the same way, each with its
 * own TPP call (Enumerate / EnumerateApproved, Count / CountApproved): each twin is built here
 * once. All are reads (Flow calls are POSTs that change nothing here).
 */
type List = 'pending' | 'approved';

const WORDING: Record<List, { name: string; listed: string; counted: string; call: string }> = {
	pending: {
		name: 'Pending',
		listed:
			'List the Flow tickets (e.g. CodeSign Protect signing requests) waiting for your approval',
		counted: 'Count the Flow tickets waiting for your approval',
		call: '',
	},
	approved: {
		name: 'Approved',
		listed: 'List approved Flow tickets, with their remaining uses',
		counted: 'Count the approved Flow tickets',
		call: 'Approved',
	},
};

/** Get Many Pending / Get Many Approved: one output item per ticket. */
export function flowListingOperation(list: List): Operation {
	const { name, listed, call } = WORDING[list];
	const option = {
		name: `Get Many ${name}`,
		value: `getMany${name}`,
		action: `Get many ${list} Flow tickets`,
		description: `${listed} (POST Flow/Tickets/Enumerate${call})`,
	};
	return {
		option,
		subtitle: `Get ${list} tickets`,
		idempotent: true,
		description: listingFields(option.value),
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			connection: Connection,
		): Promise<IDataObject[]> {
			return await listFlowTickets(
				connection,
				list,
				readListing(this, itemIndex),
				option.name,
				itemIndex,
			);
		},
	};
}

/** Count Pending / Count Approved. */
export function flowCountOperation(list: List): Operation {
	const { name, counted, call } = WORDING[list];
	const option = {
		name: `Count ${name}`,
		value: `count${name}`,
		action: `Count ${list} Flow tickets`,
		description: `${counted} (POST Flow/Tickets/Count${call})`,
	};
	return {
		option,
		subtitle: `Count ${list}`,
		idempotent: true,
		description: [],
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			connection: Connection,
		): Promise<IDataObject> {
			return {
				Count: await countFlowTickets(connection, list, option.name, itemIndex),
				status: name,
			};
		},
	};
}

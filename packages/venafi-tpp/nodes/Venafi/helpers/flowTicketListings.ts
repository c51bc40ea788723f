import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../shared/operations';
import type { Connection } from '../../shared/transport/connection';
import { flowTicketListingFields, readListing } from '../VenafiFlowTicket/helpers';
import { countFlowTickets, listFlowTickets } from './flowTickets';

/**
 * The pending and the approved Flow tickets are listed and counted the same way, each with its
 * own TPP call (Enumerate / EnumerateApproved, Count / CountApproved): each twin is built here
 * once. All are reads (Flow calls are POSTs that change nothing here).
 */
type List = 'pending' | 'approved';

/** The options' texts, written as an AI agent reads them (what, when, inputs, returns). */
const WORDING: Record<List, { name: string; listing: OperationTexts; count: OperationTexts }> = {
	pending: {
		name: 'Pending',
		listing: {
			action: 'Get many pending Flow tickets',
			description:
				'Lists the Venafi Flow tickets waiting for your approval, such as CodeSign Protect requests to use a signing key. Use it to find what needs a decision. Inputs: Return All or Limit; Product Code filter optional. Returns one item per ticket: ID, product, requester, object, reason, approvers and approvals. Read only.',
		},
		count: {
			action: 'Count pending Flow tickets',
			description:
				'Counts the Venafi Flow tickets waiting for your approval. Use it for a quick number; Get Many Pending lists them. No input. Returns Count and status pending. Read only.',
		},
	},
	approved: {
		name: 'Approved',
		listing: {
			action: 'Get many approved Flow tickets',
			description:
				'Lists the approved Venafi Flow tickets. Use it to review what is allowed and for how long. Inputs: Return All or Limit; Product Code filter optional. Returns one item per ticket with its ID, remaining uses, Not Before and Expires. Read only.',
		},
		count: {
			action: 'Count approved Flow tickets',
			description:
				'Counts the approved Venafi Flow tickets. No input. Returns Count and status approved. Read only.',
		},
	},
};
interface OperationTexts {
	action: string;
	description: string;
}

/** Get Many Pending / Get Many Approved: one output item per ticket. */
export function flowListingOperation(list: List): Operation {
	const { name, listing } = WORDING[list];
	const option = { name: `Get Many ${name}`, value: `getMany${name}`, ...listing };
	return {
		option,
		subtitle: `Get ${list} tickets`,
		idempotent: true,
		description: flowTicketListingFields(option.value),
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
	const { name, count } = WORDING[list];
	const option = { name: `Count ${name}`, value: `count${name}`, ...count };
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

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mapInOrder } from '../../../../shared/concurrency';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import {
	refreshPermissionsOption,
	ticketSearchFields,
	ticketStatusFilterOption,
} from '../../../descriptions/ticketFields';
import {
	DETAILS_CONCURRENCY,
	enumerateTickets,
	matchesStatus,
	refreshPermissionsIfAsked,
	statusFilter,
	ticketDetailsInOrder,
	ticketFilter,
	ticketStatusIfExists,
} from '../../../helpers/tickets';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getMany',
	action:
		'Get many workflow tickets of an object (Object DN) or of approvers (User Data); returns one item per ticket with its details. Read only',
	description:
		"Finds Venafi workflow tickets, e.g. the pending ones an approver has to decide. Inputs: Object DN (a certificate's path in TPP, e.g. \\VED\\Policy\\Certificates\\web.example.com) and/or User Data (identities the tickets list, e.g. an approver's prefixed universal ID); Status filter optional. Returns one item per ticket, with its details when Include Details is on. Read only.",
};

export const subtitle = 'Get many tickets';

/** Reads (Enumerate is a POST that changes nothing). */
export const idempotent = true;

const OPERATION = 'Get Many';

export const description: INodeProperties[] = [
	...ticketSearchFields('Find'),
	{
		displayName: 'Include Details',
		name: 'includeDetails',
		type: 'boolean',
		default: true,
		description:
			"Whether to read each ticket's details (status, approvers, dates: one POST Workflow/Ticket/Details per ticket) or output the GUIDs only",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [refreshPermissionsOption, ticketStatusFilterOption('Output')],
	},
];

/** One output item per ticket: its details (with its GUID), or just the GUID. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const filter = ticketFilter(
		node,
		this.getNodeParameter('objectDn', itemIndex, ''),
		this.getNodeParameter('userData', itemIndex, ''),
		itemIndex,
	);
	const includeDetails = this.getNodeParameter('includeDetails', itemIndex, true) !== false;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const statuses = statusFilter(node, options.status, 'Status', itemIndex);

	await refreshPermissionsIfAsked(connection, options, itemIndex);
	const guids = await enumerateTickets(connection, filter, OPERATION, itemIndex);

	if (includeDetails) {
		const details = await ticketDetailsInOrder(connection, guids, OPERATION, itemIndex);
		return details.filter((ticket) => matchesStatus(ticket.Status, statuses));
	}
	if (statuses.length === 0) return guids.map((guid) => ({ GUID: guid }));
	// Filtering needs each status; Workflow/Ticket/Status is the lighter call for that.
	const withStatus = await mapInOrder(guids, DETAILS_CONCURRENCY, async (guid) => ({
		GUID: guid,
		Status: await ticketStatusIfExists(connection, guid, OPERATION, itemIndex),
	}));
	return withStatus.filter(
		(ticket) => ticket.Status !== undefined && matchesStatus(ticket.Status, statuses),
	);
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mapInOrder } from '../../../../shared/concurrency';
import { parameterError } from '../../../../shared/errors';
import { truncate } from '../../../../shared/validation';
import {
	FROM_VERSION_2,
	ONLY_VERSION_1,
	simplifyField,
	versionedDefault,
} from '../../../../shared/versions';
import { simplifyTicket } from '../../../helpers/simplify';
import { withApproverNames } from '../../../helpers/ticketOutputs';
import { limitField, returnAllField } from '../../../../shared/returnAll';
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
	resolveMe,
	ticketFilter,
	ticketStatusIfExists,
} from '../../../helpers/tickets';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many tickets',
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
			"Whether to read each ticket's details (status, approvers, dates; one more request per ticket) or output the GUIDs only",
	},
	// Version 1 returned every ticket found (kept for workflows saved with it); from version 2
	// a limit applies unless Return All is on, as on every other listing.
	...versionedDefault(returnAllField, { default: true }, { default: false }),
	limitField,
	{
		...simplifyField('ticket')[0],
		displayOptions: { show: { includeDetails: [true], ...ONLY_VERSION_1.show } },
	},
	{
		...simplifyField('ticket')[1],
		displayOptions: { show: { includeDetails: [true], ...FROM_VERSION_2.show } },
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
		this.getNodeParameter('objectDn', itemIndex, '', { extractValue: true }),
		this.getNodeParameter('userData', itemIndex, ''),
		itemIndex,
	);
	const includeDetails = this.getNodeParameter('includeDetails', itemIndex, true) !== false;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const statuses = statusFilter(node, options.status, 'Status', itemIndex);
	const limit = readLimit(this, itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, false) === true;

	await refreshPermissionsIfAsked(connection, options, itemIndex);
	const found = await enumerateTickets(
		connection,
		await resolveMe(connection, filter, itemIndex),
		OPERATION,
		itemIndex,
	);
	// Without a status filter the first `limit` GUIDs are the answer: read no more details.
	const guids = statuses.length === 0 ? found.slice(0, limit) : found;

	if (includeDetails) {
		const details = await ticketDetailsInOrder(connection, guids, OPERATION, itemIndex);
		const matching = await mapInOrder(
			details.filter((ticket) => matchesStatus(ticket.Status, statuses)).slice(0, limit),
			DETAILS_CONCURRENCY,
			async (ticket) => await withApproverNames(this, connection, ticket, itemIndex),
		);
		return simplify ? matching.map(simplifyTicket) : matching;
	}
	if (statuses.length === 0) return guids.map((guid) => ({ GUID: guid }));
	// Filtering needs each status; Workflow/Ticket/Status is the lighter call for that.
	const withStatus = await mapInOrder(guids, DETAILS_CONCURRENCY, async (guid) => ({
		GUID: guid,
		Status: await ticketStatusIfExists(connection, guid, OPERATION, itemIndex),
	}));
	return withStatus
		.filter((ticket) => ticket.Status !== undefined && matchesStatus(ticket.Status, statuses))
		.slice(0, limit);
}

/** How many tickets to output: all with Return All on, else the Limit (a whole number from 1). */
function readLimit(context: IExecuteFunctions, itemIndex: number): number {
	if (context.getNodeParameter('returnAll', itemIndex, true) !== false) return Infinity;
	const limit = Number(context.getNodeParameter('limit', itemIndex, 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw parameterError(
			context.getNode(),
			`The "Limit" parameter must be a whole number from 1, but it is "${truncate(String(limit))}"`,
			itemIndex,
		);
	}
	return limit;
}

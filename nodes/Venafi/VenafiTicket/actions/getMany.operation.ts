import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mapInOrder } from '../../../shared/concurrency';
import {
	DETAILS_CONCURRENCY,
	TICKET_STATUSES,
	enumerateTickets,
	matchesStatus,
	statusFilter,
	ticketDetailsInOrder,
	ticketFilter,
	ticketStatusIfExists,
} from '../../shared/tickets';
import { refreshPermissionsOption } from './fields';
import { refreshPermissionsIfAsked } from './refresh';

const show = { operation: ['getMany'] };
const OPERATION = 'Get Many';

export const description: INodeProperties[] = [
	{
		displayName: 'Object DN',
		name: 'objectDn',
		type: 'string',
		default: '',
		placeholder: '\\VED\\Policy\\Certificates\\web.example.com',
		description:
			'Find the tickets of this one object (a certificate, say; TPP does not search below a folder). Set this, User Data, or both.',
		displayOptions: { show },
	},
	{
		displayName: 'User Data',
		name: 'userData',
		type: 'string',
		default: '',
		placeholder: 'local:{8cea8e13-053f-400c-bf90-8fe66f135139}',
		description:
			'Find the tickets associated with these identities: a comma-separated list of prefixed universal IDs. Tickets TPP raises list their approvers here, so your own ID finds your approvals. Set this, Object DN, or both.',
		displayOptions: { show },
	},
	{
		displayName: 'Include Details',
		name: 'includeDetails',
		type: 'boolean',
		default: true,
		description:
			'Whether to read each ticket\'s details (status, approvers, dates: one POST Workflow/Ticket/Details per ticket) or output the GUIDs only',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			refreshPermissionsOption,
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				default: [],
				description: 'Output only the tickets in these statuses (all when empty)',
				options: TICKET_STATUSES.map((status) => ({ name: status, value: status })),
			},
		],
	},
];

/** One output item per ticket: its details (with its GUID), or just the GUID. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
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

	await refreshPermissionsIfAsked(this, options, itemIndex);
	const guids = await enumerateTickets(this, filter, OPERATION, itemIndex);

	if (includeDetails) {
		const details = await ticketDetailsInOrder(this, guids, OPERATION, itemIndex);
		return details.filter((ticket) => matchesStatus(ticket.Status, statuses));
	}
	if (statuses.length === 0) return guids.map((guid) => ({ GUID: guid }));
	// Filtering needs each status; Workflow/Ticket/Status is the lighter call for that.
	const withStatus = await mapInOrder(guids, DETAILS_CONCURRENCY, async (guid) => ({
		GUID: guid,
		Status: await ticketStatusIfExists(this, guid, OPERATION, itemIndex),
	}));
	return withStatus.filter((ticket) => ticket.Status !== undefined && matchesStatus(ticket.Status, statuses));
}

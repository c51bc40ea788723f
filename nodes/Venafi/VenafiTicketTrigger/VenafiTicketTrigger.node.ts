import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { mapInOrder } from '../../shared/concurrency';
import {
	DETAILS_CONCURRENCY,
	TICKET_STATUSES,
	enumerateTickets,
	matchesStatus,
	refreshPermissions,
	statusFilter,
	ticketDetailsInOrder,
	ticketFilter,
	ticketStatusIfExists,
} from '../shared/tickets';
import type { SeenTickets } from './ticketMemory';
import { REMEMBERED_TICKETS, filterKey, recall, remember } from './ticketMemory';

const OPERATION = 'Ticket Trigger';

export class VenafiTicketTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Venafi Ticket Trigger',
		name: 'venafiTicketTrigger',
		icon: { light: 'file:../../../icons/venafi.svg', dark: 'file:../../../icons/venafi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["objectDn"] || $parameter["userData"]}}',
		description: 'Starts the workflow when Venafi Trust Protection Platform has a new workflow ticket (or one changes status)',
		defaults: { name: 'Venafi Ticket Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'venafiTppApi', required: true }],
		properties: [
			{
				displayName: 'Object DN',
				name: 'objectDn',
				type: 'string',
				default: '',
				placeholder: '\\VED\\Policy\\Certificates\\web.example.com',
				description:
					'Watch the tickets of this one object (a certificate, say; TPP does not search below a folder). Set this, User Data, or both.',
			},
			{
				displayName: 'User Data',
				name: 'userData',
				type: 'string',
				default: '',
				placeholder: 'local:{8cea8e13-053f-400c-bf90-8fe66f135139}',
				description:
					'Watch the tickets associated with these identities: a comma-separated list of prefixed universal IDs. Tickets TPP raises list their approvers here, so your own ID watches your approvals. Set this, Object DN, or both.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Emit Existing Tickets',
						name: 'emitExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether the first poll after activation emits the tickets that already exist. Off: it only records them, and later polls emit what comes after.',
					},
					{
						displayName: 'Emit Status Changes',
						name: 'emitStatusChanges',
						type: 'boolean',
						default: false,
						description:
							'Whether to also emit a known ticket whose status changed since the last poll (reads every ticket\'s details on each poll)',
					},
					{
						displayName: 'Refresh Permissions',
						name: 'refreshPermissions',
						type: 'boolean',
						default: true,
						description: 'Whether to call GET Permissions/Refresh before each poll (on unless turned off)',
						hint: 'TPP grants approvers their rights when a ticket is created: a token issued before then does not see the ticket until GET Permissions/Refresh. Without it, an approver\'s token misses new tickets.',
					},
					{
						displayName: 'Status',
						name: 'status',
						type: 'multiOptions',
						default: [],
						description: 'Emit only tickets in these statuses (all when empty)',
						options: TICKET_STATUSES.map((status) => ({ name: status, value: status })),
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// n8n keeps one poll context for as long as the workflow is active, and the transport reads
		// the credential once per context: a fresh object per poll picks up an edited credential
		// (Base URL, the token to keep out of messages) without reactivating the workflow.
		const scope = Object.create(this) as IPollFunctions;
		const node = this.getNode();
		const filter = ticketFilter(node, this.getNodeParameter('objectDn', ''), this.getNodeParameter('userData', ''), 0);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const statuses = statusFilter(node, options.status, 'Status', 0);

		if (options.refreshPermissions !== false) await refreshPermissions(scope, 0);
		const guids = await enumerateTickets(scope, filter, OPERATION, 0);

		if (this.getMode() === 'manual') {
			// A test run shows the current tickets and leaves the trigger's memory alone.
			const tickets = (await ticketDetailsInOrder(scope, guids, OPERATION, 0)).filter((ticket) =>
				matchesStatus(ticket.Status, statuses),
			);
			if (tickets.length === 0) throw noTicketsYet(this, guids.length, statuses);
			return [this.helpers.returnJsonArray(tickets.map((ticket) => ({ ...ticket, event: 'existing' })))];
		}

		if (guids.length > REMEMBERED_TICKETS) {
			throw new NodeOperationError(
				node,
				`${guids.length} tickets match, more than the ${REMEMBERED_TICKETS} this trigger can remember between polls`,
				{ description: 'Watch one object (Object DN) or fewer identities (User Data) so fewer tickets match, or use several triggers.' },
			);
		}

		const memory = this.getWorkflowStaticData('node');
		const key = filterKey(filter.objectDn, filter.userData);
		const known = recall(memory, key);
		const emitChanges = options.emitStatusChanges === true;
		const events: IDataObject[] = [];
		let listed: Array<[string, string | null]>;

		if (known === undefined) {
			// First activation (or a new filter): record what exists; emit it only if asked to.
			if (options.emitExisting === true) {
				const tickets = await ticketDetailsInOrder(scope, guids, OPERATION, 0);
				listed = tickets.map((ticket) => [ticket.GUID as string, statusOf(ticket)]);
				events.push(...tickets.map((ticket) => ({ ...ticket, event: 'existing' })));
			} else if (emitChanges) {
				listed = await currentStatuses(scope, guids);
			} else {
				listed = guids.map((guid) => [guid, null]);
			}
		} else {
			const toRead = emitChanges ? guids : guids.filter((guid) => !(guid in known));
			const tickets = await ticketDetailsInOrder(scope, toRead, OPERATION, 0);
			const read = new Map(tickets.map((ticket) => [ticket.GUID as string, ticket]));
			listed = [];
			for (const guid of guids) {
				const ticket = read.get(guid);
				if (ticket === undefined) {
					// Not read this time (known, status changes not watched), or deleted since listed.
					if (guid in known) listed.push([guid, known[guid]]);
					continue;
				}
				listed.push([guid, statusOf(ticket)]);
				const event = describeChange(known, guid, statusOf(ticket));
				if (event !== undefined) events.push({ ...ticket, ...event });
			}
		}

		memory.filter = key;
		memory.seen = remember(known ?? ({} as SeenTickets), listed);

		const emitted = events.filter((ticket) => matchesStatus(ticket.Status, statuses));
		return emitted.length === 0 ? null : [this.helpers.returnJsonArray(emitted)];
	}
}

function statusOf(ticket: IDataObject): string | null {
	return typeof ticket.Status === 'string' ? ticket.Status : null;
}

/** New, changed status (when the old one is known), or nothing to emit. */
function describeChange(known: SeenTickets, guid: string, status: string | null): IDataObject | undefined {
	if (!(guid in known)) return { event: 'new' };
	const previous = known[guid];
	if (previous !== null && status !== null && previous !== status) {
		return { event: 'statusChanged', previousStatus: previous };
	}
	return undefined;
}

/** Each listed ticket's status (Workflow/Ticket/Status), leaving out tickets deleted meanwhile. */
async function currentStatuses(context: IPollFunctions, guids: string[]): Promise<Array<[string, string | null]>> {
	const statuses = await mapInOrder(guids, DETAILS_CONCURRENCY, async (guid) =>
		await ticketStatusIfExists(context, guid, OPERATION, 0),
	);
	const listed: Array<[string, string | null]> = [];
	guids.forEach((guid, index) => {
		const status = statuses[index];
		if (status !== undefined) listed.push([guid, status]);
	});
	return listed;
}

function noTicketsYet(context: IPollFunctions, listed: number, statuses: string[]): NodeOperationError {
	const objectDn = context.getNodeParameter('objectDn', '') as string;
	const userData = context.getNodeParameter('userData', '') as string;
	const where = [objectDn && `Object DN "${objectDn}"`, userData && `User Data "${userData}"`].filter(Boolean).join(' and ');
	const message =
		listed === 0
			? `No tickets yet for ${where}`
			: `No tickets in status ${statuses.join(' or ')} yet for ${where} (${listed} in other statuses)`;
	return new NodeOperationError(context.getNode(), message, {
		description:
			'TPP listed nothing to show. When a ticket is created (by lifecycle processing or Venafi Ticket > Create), test again; once the workflow is active, the trigger emits new tickets as they appear.',
	});
}

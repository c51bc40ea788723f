import type { IDataObject, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { mapInOrder } from '../../shared/concurrency';
import {
	emitExistingOption,
	filteredMemory,
	pollTrigger,
	type PollMethod,
	type PollRound,
} from '../../shared/pollTrigger';
import { pollBudgetOf, readWhileBudgetAllows, type PollBudget } from '../../shared/pollBudget';
import type { Connection } from '../../shared/transport/connection';
import type { RetrySettings } from '../../shared/transport/retry';
import {
	refreshPermissionsEachPoll,
	ticketSearchFields,
	ticketStatusFilterOption,
} from '../descriptions/ticketFields';
import {
	DETAILS_CONCURRENCY,
	enumerateTickets,
	matchesStatus,
	refreshPermissions,
	resolveMe,
	statusFilter,
	ticketDetailsInOrder,
	ticketFilter,
	ticketStatusIfExists,
} from '../helpers/tickets';
import { approverIds, identityNames } from '../helpers/identityNames';
import { namedTicket } from '../helpers/ticketOutputs';
import { tppConnection } from '../transport';
import type { SeenTickets } from './ticketMemory';
import { REMEMBERED_TICKETS, filterKey, recall, remember } from './ticketMemory';
import { listSearch } from '../methods';

const OPERATION = 'Ticket Trigger';

/** From this version the items add `success` and `ApproverNames` (as Venafi TPP Ticket 4). */
const NAMES_VERSION = 2;

export class VenafiTicketTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Venafi TPP Ticket Trigger',
		name: 'venafiTicketTrigger',
		icon: { light: 'file:../../../icons/venafi.svg', dark: 'file:../../../icons/venafi.dark.svg' },
		group: ['trigger'],
		// Version 2: items add success beside Result and ApproverNames beside Approvers, as Venafi
		// TPP Ticket 4 does; saved version 1 triggers emit what they did.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["objectDn"] || $parameter["userData"]}}',
		description:
			"Starts the workflow when Venafi TPP has a new workflow ticket (or one changes status). For expired certificates, use n8n's built-in Venafi TLS Protect Datacenter Trigger",
		defaults: { name: 'Venafi TPP Ticket Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'venafiTppApi', required: true }],
		properties: [
			...ticketSearchFields('Watch'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					emitExistingOption('Tickets', 'tickets that already exist'),
					{
						displayName: 'Emit Status Changes',
						name: 'emitStatusChanges',
						type: 'boolean',
						default: false,
						description:
							"Whether to also emit a known ticket whose status changed since the last poll (reads every ticket's details on each poll)",
					},
					refreshPermissionsEachPoll,
					ticketStatusFilterOption('Emit'),
				],
			},
		],
	};

	methods = { listSearch };

	poll: PollMethod;

	/** `retry`: settings other than the defaults, for tests; n8n constructs the node without. */
	constructor(retry: Partial<RetrySettings> = {}) {
		this.poll = pollTrigger<SeenTickets | BudgetedMemory>(
			{ connect: tppConnection, retry },
			ticketRound,
		);
	}
}

async function ticketRound(
	context: IPollFunctions,
	connection: Connection,
): Promise<PollRound<SeenTickets> | PollRound<BudgetedMemory>> {
	// The budget counts from the start: the refresh and the listing are part of the poll.
	const budget = context.getMode() === 'manual' ? undefined : pollBudgetOf(context);
	const node = context.getNode();
	const filter = await resolveMe(
		connection,
		ticketFilter(
			node,
			context.getNodeParameter('objectDn', '', { extractValue: true }),
			context.getNodeParameter('userData', ''),
			0,
		),
		0,
	);
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const statuses = statusFilter(node, options.status, 'Status', 0);
	const emitChanges = options.emitStatusChanges === true;

	if (options.refreshPermissions !== false) await refreshPermissions(connection, 0);
	const guids = await enumerateTickets(connection, filter, OPERATION, 0);
	const details = async (list: string[]) =>
		await ticketDetailsInOrder(connection, list, OPERATION, 0);
	const named =
		node.typeVersion >= NAMES_VERSION
			? async (tickets: IDataObject[]) => await withNames(connection, tickets)
			: async (tickets: IDataObject[]) => tickets;
	if (budget !== undefined) {
		return budgetedRound(budget, guids, details, named, {
			key: filterKey(filter.objectDn, filter.userData),
			emitExisting: options.emitExisting === true,
			emitChanges,
			statuses,
		});
	}

	return {
		bound: {
			noun: 'tickets',
			matched: guids.length,
			limit: REMEMBERED_TICKETS,
			narrowHint:
				'Watch one object (Object DN) or fewer identities (User Data) so fewer tickets match, or use several triggers.',
		},
		memory: filteredMemory(filterKey(filter.objectDn, filter.userData), recall),
		preview: async () => {
			const tickets = (await details(guids)).filter((ticket) =>
				matchesStatus(ticket.Status, statuses),
			);
			if (tickets.length === 0) throw noTicketsYet(context, guids.length, statuses);
			return await named(tickets);
		},
		compare: async (known: SeenTickets | undefined) => {
			const events: IDataObject[] = [];
			let listed: Array<[string, string | null]>;
			if (known === undefined) {
				// First activation (or a new filter): record what exists; emit it only if asked to.
				if (options.emitExisting === true) {
					const tickets = await details(guids);
					listed = tickets.map((ticket) => [ticket.GUID as string, statusOf(ticket)]);
					events.push(...tickets.map((ticket) => ({ ...ticket, event: 'existing' })));
				} else if (emitChanges) {
					listed = await currentStatuses(connection, guids);
				} else {
					listed = guids.map((guid) => [guid, null]);
				}
			} else {
				const toRead = emitChanges ? guids : guids.filter((guid) => !(guid in known));
				const read = new Map(
					(await details(toRead)).map((ticket) => [ticket.GUID as string, ticket]),
				);
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
			// Names only for what is emitted (version 2 on).
			return {
				events: await named(events.filter((ticket) => matchesStatus(ticket.Status, statuses))),
				seen: remember(known ?? {}, listed),
			};
		},
	};
}

/** Tickets whose details one step of a budgeted poll reads. */
const DETAILS_CHUNK = 2 * DETAILS_CONCURRENCY;

/**
 * The memory of a budgeted poll: the tickets as before (`seen`), and beside it (`scan`) whether
 * the tickets found after a first activation with Emit Existing Tickets are still being read,
 * and where the round of status checks (Emit Status Changes) goes on.
 */
interface BudgetedMemory {
	seen: SeenTickets;
	initial: boolean;
	next: number;
}

/**
 * On n8n with a poll budget: TPP lists every ticket's GUID in one call, but each ticket's
 * details take a call of their own. A poll reads the details of new tickets first, then (Emit
 * Status Changes) known tickets in turn from where the last poll stopped, as much as the budget
 * allows. A new ticket not read yet is not remembered, so the next poll reads and emits it; a
 * known one keeps its last status until its turn comes.
 */
function budgetedRound(
	budget: PollBudget,
	guids: string[],
	details: (list: string[]) => Promise<IDataObject[]>,
	named: (tickets: IDataObject[]) => Promise<IDataObject[]>,
	watch: { key: string; emitExisting: boolean; emitChanges: boolean; statuses: string[] },
): PollRound<BudgetedMemory> {
	return {
		bound: {
			noun: 'tickets',
			matched: guids.length,
			limit: REMEMBERED_TICKETS,
			narrowHint:
				'Watch one object (Object DN) or fewer identities (User Data) so fewer tickets match, or use several triggers.',
		},
		memory: {
			read: (data) => {
				if (data.filter !== watch.key) return undefined;
				const seen = recall(data.seen);
				if (seen === undefined) return undefined;
				const scan = (data.scan ?? {}) as IDataObject;
				return {
					seen,
					initial: scan.initial === true,
					next: Number.isSafeInteger(scan.next) ? (scan.next as number) : 0,
				};
			},
			write: (data, memory) => {
				data.filter = watch.key;
				data.seen = memory.seen as IDataObject;
				if (memory.initial || memory.next > 0) {
					data.scan = { initial: memory.initial, next: memory.next };
				} else delete data.scan;
			},
		},
		preview: async () => [],
		compare: async (memory: BudgetedMemory | undefined) => {
			const known: SeenTickets = memory?.seen ?? {};
			let initial = memory?.initial ?? false;
			let next = memory?.next ?? 0;
			if (memory === undefined && !watch.emitExisting) {
				// First activation: record what exists (statuses are read in turn later).
				return {
					events: [],
					seen: {
						seen: remember(
							{},
							guids.map((guid): [string, null] => [guid, null]),
						),
						initial: false,
						next: 0,
					},
				};
			}
			if (memory === undefined) initial = true;
			const unknown = guids.filter((guid) => !(guid in known));
			const knownListed = guids.filter((guid) => guid in known);
			const from = next % Math.max(1, knownListed.length);
			const turn = watch.emitChanges
				? [...knownListed.slice(from), ...knownListed.slice(0, from)]
				: [];
			const queue = [...unknown, ...turn];
			const events: IDataObject[] = [];
			const statuses = new Map<string, string | null>();
			let position = 0;
			if (queue.length > 0) {
				await readWhileBudgetAllows(budget, async () => {
					const chunk = queue.slice(position, position + DETAILS_CHUNK);
					position += chunk.length;
					const found: IDataObject[] = [];
					for (const ticket of await details(chunk)) {
						const guid = ticket.GUID as string;
						const status = statusOf(ticket);
						statuses.set(guid, status);
						if (!(guid in known)) {
							found.push({ ...ticket, event: initial ? 'existing' : 'new' });
						} else {
							const change = describeChange(known, guid, status);
							if (change !== undefined) found.push({ ...ticket, ...change });
						}
					}
					// The names of what this step emits (version 2 on), inside the step: their time
					// counts against the budget like the details'.
					events.push(
						...(await named(
							found.filter((ticket) => matchesStatus(ticket.Status, watch.statuses)),
						)),
					);
					return position < queue.length;
				});
			}
			const unreadNew = unknown.filter((guid) => !statuses.has(guid)).length;
			const readOfTurn = Math.max(0, position - unknown.length);
			if (unreadNew === 0) initial = false;
			next = knownListed.length === 0 ? 0 : (next + readOfTurn) % knownListed.length;
			// New tickets not read yet stay out of the memory: the next poll reads them.
			const listed: Array<[string, string | null]> = [];
			for (const guid of guids) {
				if (statuses.has(guid)) listed.push([guid, statuses.get(guid)!]);
				else if (guid in known) listed.push([guid, known[guid]]);
			}
			return { events, seen: { seen: remember(known, listed), initial, next } };
		},
	};
}

/**
 * `success` after `Result` and `ApproverNames` after `Approvers` (version 2 on), as Venafi TPP
 * Ticket 4 outputs them: every distinct approver of these tickets is asked once
 * (helpers/identityNames.ts: once per poll, the first alone, then a few in flight), then each
 * ticket takes its names from what the poll already knows. A name TPP does not give (unknown
 * identity, a token without the "configuration" scope, any failure) leaves the ID in its place.
 */
async function withNames(connection: Connection, tickets: IDataObject[]): Promise<IDataObject[]> {
	if (tickets.length === 0) return tickets;
	await identityNames(connection).namesOf(
		tickets.flatMap((ticket) => approverIds(ticket.Approvers)),
		0,
	);
	return await Promise.all(tickets.map(async (ticket) => await namedTicket(connection, ticket, 0)));
}

function statusOf(ticket: IDataObject): string | null {
	return typeof ticket.Status === 'string' ? ticket.Status : null;
}

/** New, changed status (when the old one is known), or nothing to emit. */
function describeChange(
	known: SeenTickets,
	guid: string,
	status: string | null,
): IDataObject | undefined {
	if (!(guid in known)) return { event: 'new' };
	const previous = known[guid];
	if (previous !== null && status !== null && previous !== status) {
		return { event: 'statusChanged', previousStatus: previous };
	}
	return undefined;
}

/** Each listed ticket's status (Workflow/Ticket/Status), leaving out tickets deleted meanwhile. */
async function currentStatuses(
	connection: Connection,
	guids: string[],
): Promise<Array<[string, string | null]>> {
	const statuses = await mapInOrder(
		guids,
		DETAILS_CONCURRENCY,
		async (guid) => await ticketStatusIfExists(connection, guid, OPERATION, 0),
	);
	const listed: Array<[string, string | null]> = [];
	guids.forEach((guid, index) => {
		const status = statuses[index];
		if (status !== undefined) listed.push([guid, status]);
	});
	return listed;
}

function noTicketsYet(
	context: IPollFunctions,
	listed: number,
	statuses: string[],
): NodeOperationError {
	const objectDn = context.getNodeParameter('objectDn', '', { extractValue: true }) as string;
	const userData = context.getNodeParameter('userData', '') as string;
	const where = [objectDn && `Object DN "${objectDn}"`, userData && `User Data "${userData}"`]
		.filter(Boolean)
		.join(' and ');
	const message =
		listed === 0
			? `No tickets yet for ${where}`
			: `No tickets in status ${statuses.join(' or ')} yet for ${where} (${listed} in other statuses)`;
	return new NodeOperationError(context.getNode(), message, {
		description: `${objectDn ? 'TPP finds the tickets of that one object: a certificate lists its own tickets, a policy folder none (the Object DN list shows the certificates that have tickets). ' : ''}To watch the tickets you approve, set User Data to me. When a ticket is created (by lifecycle processing or Venafi TPP Ticket > Create), test again; once the workflow is active, the trigger emits new tickets as they appear.`,
	});
}

import type { IDataObject, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import {
	emitExistingOption,
	filteredMemory,
	pollTrigger,
	type PollMethod,
	type PollRound,
} from '../../shared/pollTrigger';
import {
	creationTimeOf,
	pollBudgetOf,
	scanMemory,
	scanWithinBudget,
	type PollBudget,
	type ScanMemory,
} from '../../shared/pollBudget';
import type { Connection } from '../../shared/transport/connection';
import type { RetrySettings } from '../../shared/transport/retry';
import { withFlowTicketNames } from '../helpers/flowTicketNames';
import { FLOW_PAGE_SIZE, flowTicketPage, listFlowTickets } from '../helpers/flowTickets';
import { tppConnection } from '../transport';
import {
	REMEMBERED_FLOW_TICKETS,
	flowFilterKey,
	recallFlowTickets,
	rememberFlowTickets,
} from './flowTicketMemory';

const OPERATION = 'Flow Ticket Trigger';

/** From this version the items add names beside the identities (helpers/flowTicketNames.ts). */
const NAMES_VERSION = 2;

export class VenafiFlowTicketTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Venafi TPP Flow Ticket Trigger',
		name: 'venafiFlowTicketTrigger',
		icon: { light: 'file:../../../icons/venafi.svg', dark: 'file:../../../icons/venafi.dark.svg' },
		group: ['trigger'],
		// Version 2: items add requestedByName, ApproverNames and each approval's ApproverName
		// beside the IDs TPP gives; saved version 1 triggers emit what they did.
		version: [1, 2],
		defaultVersion: 2,
		subtitle:
			'={{$parameter["productCode"] ? "Product " + $parameter["productCode"] : "New approval requests"}}',
		description:
			'Starts the workflow when Venafi Trust Protection Platform has a new Flow ticket waiting for your approval, such as a CodeSign Protect signing request',
		defaults: { name: 'Venafi TPP Flow Ticket Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'venafiTppApi', required: true }],
		properties: [
			{
				displayName: 'Product Code',
				name: 'productCode',
				type: 'number',
				default: 0,
				placeholder: '4390913',
				description:
					"Watch only the Flow tickets of the product with this code (the ProductCode field of a ticket, e.g. 4390913 in TPP's examples). 0: every product.",
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [emitExistingOption('Tickets', 'tickets already pending')],
			},
		],
	};

	poll: PollMethod;

	/** `retry`: settings other than the defaults, for tests; n8n constructs the node without. */
	constructor(retry: Partial<RetrySettings> = {}) {
		this.poll = pollTrigger<number[] | ScanMemory<number>>(
			{ connect: tppConnection, retry },
			flowTicketRound,
		);
	}
}

async function flowTicketRound(
	context: IPollFunctions,
	connection: Connection,
): Promise<PollRound<number[]> | PollRound<ScanMemory<number>>> {
	const productCode = readProductCode(context);
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const named =
		context.getNode().typeVersion >= NAMES_VERSION
			? async (events: IDataObject[]) => await withFlowTicketNames(connection, events, 0)
			: async (events: IDataObject[]) => events;
	const budget = context.getMode() === 'manual' ? undefined : pollBudgetOf(context);
	if (budget !== undefined) {
		return budgetedRound(context, connection, budget, productCode, options, named);
	}
	const tickets = await listFlowTickets(connection, 'pending', { productCode }, OPERATION, 0);

	return {
		bound: {
			noun: 'pending Flow tickets',
			matched: tickets.length,
			limit: REMEMBERED_FLOW_TICKETS,
			narrowHint: 'Set "Product Code" so fewer tickets match, or use several triggers.',
		},
		memory: filteredMemory(flowFilterKey(productCode), recallFlowTickets),
		preview: async () => {
			if (tickets.length === 0) {
				throw new NodeOperationError(
					context.getNode(),
					`No pending Flow tickets${productCode === undefined ? '' : ` for product ${productCode}`} wait for your approval yet`,
					{
						description:
							'TPP listed nothing to show. When someone asks for approval (a CodeSign Protect signing request, say), test again; once the workflow is active, the trigger emits new requests as they appear.',
					},
				);
			}
			return await named(tickets.map((ticket) => toEvent(ticket, 'existing')));
		},
		compare: async (known: number[] | undefined) => {
			const listed = tickets.map((ticket) => Number(ticket.Id));
			let events: IDataObject[];
			if (known === undefined) {
				// First activation (or a new filter): record what is pending; emit it only if asked to.
				events =
					options.emitExisting === true ? tickets.map((ticket) => toEvent(ticket, 'existing')) : [];
			} else {
				const seen = new Set(known);
				events = tickets
					.filter((ticket) => !seen.has(Number(ticket.Id)))
					.map((ticket) => toEvent(ticket, 'new'));
			}
			// Names only for what is emitted (version 2 on).
			return { events: await named(events), seen: rememberFlowTickets(known ?? [], listed) };
		},
	};
}

/**
 * On n8n with a poll budget: the pending tickets are read page by page from where the last poll
 * stopped, as much as the budget allows (pollBudget.ts), instead of every page on every poll.
 */
function budgetedRound(
	context: IPollFunctions,
	connection: Connection,
	budget: PollBudget,
	productCode: number | undefined,
	options: IDataObject,
	named: (events: IDataObject[]) => Promise<IDataObject[]>,
): PollRound<ScanMemory<number>> {
	return {
		memory: scanMemory(flowFilterKey(productCode), recallFlowTickets),
		preview: async () => [],
		compare: async (known: ScanMemory<number> | undefined) => {
			const {
				events,
				known: ids,
				cursor,
			} = await scanWithinBudget<number>({
				budget,
				known: known?.ids,
				cursor: known?.cursor,
				emitExisting: options.emitExisting === true,
				readChunk: async (offset) => {
					const { tickets } = await flowTicketPage(
						connection,
						'pending',
						{ productCode, page: Math.floor(offset / FLOW_PAGE_SIZE), pageSize: FLOW_PAGE_SIZE },
						OPERATION,
						0,
					);
					return {
						entries: tickets.map((ticket) => ({ id: Number(ticket.Id), item: ticket })),
						listed: tickets.length,
						end: tickets.length < FLOW_PAGE_SIZE,
					};
				},
				remember: (previous, listed) => rememberFlowTickets(previous, listed),
				limit: REMEMBERED_FLOW_TICKETS,
				tooMany: (matched) =>
					new NodeOperationError(
						context.getNode(),
						`${matched} pending Flow tickets match, more than the ${REMEMBERED_FLOW_TICKETS} this trigger can remember between polls`,
						{ description: 'Set "Product Code" so fewer tickets match, or use several triggers.' },
					),
				toEvent: (ticket, event) => toEvent(ticket, event),
				// Tickets created after the first scan began are new, even when a later poll of
				// that scan finds them (CreationTime, as ISO text once TPP's dates are converted).
				createdAt: (ticket) => creationTimeOf(ticket.CreationTime),
				// Within the chunk's step: the name lookups count against the budget.
				completeEvents: named,
			});
			return { events, seen: { ids, cursor } };
		},
	};
}

/** The ticket with what an approver decides on up front: the event and how many approvals are missing. */
function toEvent(ticket: IDataObject, event: 'new' | 'existing'): IDataObject {
	const required = Number(ticket.RequiredApprovals);
	const given = Array.isArray(ticket.Approvals) ? ticket.Approvals.length : 0;
	const output: IDataObject = { event, ...ticket, requestedAt: ticket.CreationTime };
	if (Number.isInteger(required)) output.approvalsMissing = Math.max(0, required - given);
	return output;
}

function readProductCode(context: IPollFunctions): number | undefined {
	const value = context.getNodeParameter('productCode', 0) as unknown;
	if (value === undefined || value === null || value === '' || value === 0) return undefined;
	const code = Number(value);
	if (!Number.isSafeInteger(code) || code < 1) {
		throw parameterError(
			context.getNode(),
			`The "Product Code" must be a whole number of 1 or more (or 0 for every product), but it is ${String(value)}`,
			0,
		);
	}
	return code;
}

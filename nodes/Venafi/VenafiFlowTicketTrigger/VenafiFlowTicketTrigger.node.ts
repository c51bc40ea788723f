import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import { listFlowTickets } from '../shared/flowTickets';
import {
	REMEMBERED_FLOW_TICKETS,
	flowFilterKey,
	recallFlowTickets,
	rememberFlowTickets,
} from './flowTicketMemory';

const OPERATION = 'Flow Ticket Trigger';

export class VenafiFlowTicketTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Venafi Flow Ticket Trigger',
		name: 'venafiFlowTicketTrigger',
		icon: { light: 'file:../../../icons/venafi.svg', dark: 'file:../../../icons/venafi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["productCode"] ? "Product " + $parameter["productCode"] : "New approval requests"}}',
		description:
			'Starts the workflow when Venafi Trust Protection Platform has a new Flow ticket waiting for your approval, such as a CodeSign Protect signing request',
		defaults: { name: 'Venafi Flow Ticket Trigger' },
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
				options: [
					{
						displayName: 'Emit Existing Tickets',
						name: 'emitExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether the first poll after activation emits the tickets already pending. Off: it only records them, and later polls emit what comes after.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// A fresh object per poll so the transport reads an edited credential (see the Venafi Ticket Trigger).
		const scope = Object.create(this) as IPollFunctions;
		const node = this.getNode();
		const productCode = readProductCode(this);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const tickets = await listFlowTickets(scope, 'pending', { productCode }, OPERATION, 0);

		if (this.getMode() === 'manual') {
			// A test run shows the pending tickets now and leaves the trigger's memory alone.
			if (tickets.length === 0) {
				throw new NodeOperationError(
					node,
					`No pending Flow tickets${productCode === undefined ? '' : ` for product ${productCode}`} wait for your approval yet`,
					{
						description:
							'TPP listed nothing to show. When someone asks for approval (a CodeSign Protect signing request, say), test again; once the workflow is active, the trigger emits new requests as they appear.',
					},
				);
			}
			return [this.helpers.returnJsonArray(tickets.map((ticket) => toEvent(ticket, 'existing')))];
		}

		if (tickets.length > REMEMBERED_FLOW_TICKETS) {
			throw new NodeOperationError(
				node,
				`${tickets.length} Flow tickets are pending, more than the ${REMEMBERED_FLOW_TICKETS} this trigger can remember between polls`,
				{ description: 'Set "Product Code" so fewer tickets match, or use several triggers.' },
			);
		}

		const memory = this.getWorkflowStaticData('node');
		const key = flowFilterKey(productCode);
		const known = recallFlowTickets(memory, key);
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
		memory.filter = key;
		memory.ids = rememberFlowTickets(known ?? [], listed);
		return events.length === 0 ? null : [this.helpers.returnJsonArray(events)];
	}
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

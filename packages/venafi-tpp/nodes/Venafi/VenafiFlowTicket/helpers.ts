import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Connection } from '../../shared/transport/connection';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { mapInOrder } from '../../shared/concurrency';
import { toUtcIso } from '../../shared/dates';
import { apiError, parameterError } from '../../shared/errors';
import type { OperationOption } from '../../shared/operations';
import { returnAllFields } from '../../shared/returnAll';
import {
	describeType,
	optionalText,
	readLimit,
	requireWholeNumber,
	truncate,
} from '../../shared/validation';
import {
	SCOPE_HINT,
	describeFlowFailure,
	flowFailure,
	FLOW_INSUFFICIENT_PERMISSION,
} from '../helpers/flowResultCodes';
import type { FlowEndpoint, FlowList } from '../helpers/flowTickets';
import {
	flowCall,
	idList,
	loadFlowTickets,
	requireTicketIds,
	toTppUtc,
} from '../helpers/flowTickets';

/** Fields and per-ticket calls shared by the Venafi Flow Ticket operations. */

/**
 * The version from which decisions output `success` beside TPP's `Result` (the same field the
 * other nodes output beside their vendor's codes) and Approve says whether each ticket is now
 * approved or still needs approvals (approvalState). Versions 1 and 2 output what they did.
 */
export const OUTPUTS_VERSION = 3;

/** The Ticket ID picker: pending (or approved) tickets from a list, or Ids typed or mapped. */
export function ticketIdField(
	operations: string[],
	list: FlowList,
	description: string,
): INodeProperties {
	return {
		displayName: 'Ticket ID',
		name: 'ticketId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod:
						list === 'pending' ? 'searchPendingFlowTickets' : 'searchApprovedFlowTickets',
					searchable: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '12 or 12, 13',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*#?\\d+(\\s*,\\s*#?\\d+)*\\s*$',
							errorMessage:
								'Enter Flow ticket Ids: a whole number such as 12, or several separated by commas',
						},
					},
				],
			},
		],
		displayOptions: { show: { operation: operations } },
	};
}

export function readTicketIds(context: IExecuteFunctions, itemIndex: number): number[] {
	const value = context.getNodeParameter('ticketId', itemIndex, undefined, {
		extractValue: true,
	}) as unknown;
	return requireTicketIds(context.getNode(), value, 'Ticket ID', itemIndex);
}

/** Not Before, Expires and Use Count, as Approve and Update take them. */
function windowFields(): INodeProperties[] {
	return [
		{
			displayName: 'Not Before',
			name: 'notBefore',
			type: 'dateTime',
			default: '',
			description:
				"The earliest time the approval may be used. A time without a zone is read in the workflow's time zone; TPP receives it in UTC.",
		},
		{
			displayName: 'Expires',
			name: 'expires',
			type: 'dateTime',
			default: '',
			description:
				'When the approval stops being usable and a new request is needed, e.g. {{ $now.plus(1, "hour") }} for a one-hour window. Read in the workflow\'s time zone unless it has one; TPP receives it in UTC.',
		},
		{
			displayName: 'Use Count',
			name: 'useCount',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description:
				'How many times the approval may be used (e.g. signings) before a new request is needed. Unset: no limit.',
		},
	];
}

/** "Now" from an expression is a little in the past by the time it is checked. */
const PAST_TOLERANCE_MS = 5 * 60_000;

/** The window fields as TPP's body wants them, checked before any request. */
function readWindow(
	context: IExecuteFunctions,
	values: IDataObject,
	itemIndex: number,
): IDataObject {
	const node = context.getNode();
	const timeZone = context.getTimezone();
	const body: IDataObject = {};
	const time = (value: unknown, field: string) =>
		value === undefined || value === null || value === ''
			? undefined
			: toUtcIso(node, value, field, itemIndex, timeZone);
	const notBefore = time(values.notBefore, 'Not Before');
	const expires = time(values.expires, 'Expires');
	if (expires !== undefined && Date.parse(expires) < Date.now() - PAST_TOLERANCE_MS) {
		throw parameterError(
			node,
			`The "Expires" time (${expires}) is in the past; an approval that has expired cannot be used`,
			itemIndex,
		);
	}
	if (
		notBefore !== undefined &&
		expires !== undefined &&
		Date.parse(expires) <= Date.parse(notBefore)
	) {
		throw parameterError(
			node,
			`The "Expires" time (${expires}) must be after "Not Before" (${notBefore})`,
			itemIndex,
		);
	}
	// TPP's reference gives these as UTC in the form YYYY-MM-DDTHH:MM:SS.mmm, without a zone.
	if (notBefore !== undefined) body.notBefore = toTppUtc(notBefore);
	if (expires !== undefined) body.Expires = toTppUtc(expires);
	if (values.useCount !== undefined && values.useCount !== null && values.useCount !== '') {
		const useCount = Number(values.useCount);
		if (!Number.isSafeInteger(useCount) || useCount < 1) {
			throw parameterError(
				node,
				`The "Use Count" must be a whole number of 1 or more, but it is ${
					typeof values.useCount === 'string'
						? `"${truncate(values.useCount)}"`
						: typeof values.useCount === 'number'
							? String(values.useCount)
							: describeType(values.useCount)
				}`,
				itemIndex,
			);
		}
		body.useCount = useCount;
	}
	return body;
}

/** Per-ticket writes in flight at once when one item names several tickets. */
const WRITE_CONCURRENCY = 5;

interface Outcome {
	id: number;
	/** Why the ticket was not done, as a sentence. */
	failure?: string;
	/** The Flow Result code when TPP answered with one. */
	code?: number;
	/** The error when the request itself failed (HTTP status, no answer). */
	error?: unknown;
}

/**
 * Sends the call once per ticket (TicketId), so each ticket's outcome is known: TPP answers a
 * TicketIds call with one Result for all of them and, except Reject's InvalidTicketIds, does
 * not say which failed. Outputs one item per ticket; when any failed, throws one error that
 * names the failed Ids with their reasons and the Ids that were done.
 */
export async function actOnEach(
	context: IExecuteFunctions,
	connection: Connection,
	endpoint: FlowEndpoint,
	ids: number[],
	body: IDataObject,
	operation: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	const outcomes = await mapInOrder(ids, WRITE_CONCURRENCY, async (id): Promise<Outcome> => {
		try {
			const answer = await flowCall(connection, endpoint, { ...body, TicketId: id }, itemIndex);
			const failure = flowFailure(answer);
			return failure === undefined
				? { id }
				: { id, failure: describeFlowFailure(failure), code: failure.code };
		} catch (error) {
			return { id, failure: error instanceof Error ? error.message : String(error), error };
		}
	});
	const failed = outcomes.filter((outcome) => outcome.failure !== undefined);
	if (failed.length === 0) {
		// Version 3 on: success beside TPP's Flow Result code (0 is success for Flow tickets).
		const success = context.getNode().typeVersion >= OUTPUTS_VERSION ? { success: true } : {};
		return ids.map((id) => ({ TicketId: id, Result: 0, ...success, ...body }));
	}

	if (ids.length === 1) {
		const [only] = failed;
		if (only.error instanceof NodeApiError || only.error instanceof NodeOperationError)
			throw only.error;
		throw apiError(context.getNode(), {
			message: `Venafi TPP ${operation} failed for ${idList(ids)} (${only.failure})`,
			description: only.code === FLOW_INSUFFICIENT_PERMISSION ? SCOPE_HINT : undefined,
			httpCode: 200,
			itemIndex,
		});
	}
	const done = outcomes
		.filter((outcome) => outcome.failure === undefined)
		.map((outcome) => outcome.id);
	throw apiError(context.getNode(), {
		message: `Venafi TPP ${operation} failed for ${failed.length} of ${ids.length} tickets: ${failed.map((outcome) => outcome.id).join(', ')}`,
		description: [
			...failed.map((outcome) => `Ticket ${outcome.id}: ${outcome.failure}.`),
			done.length > 0 ? `Done: ${done.join(', ')}.` : 'None was done.',
		].join(' '),
		itemIndex,
	});
}

/**
 * Flow decisions are not repeated after a 5xx or a dropped connection: TPP does not document
 * them as idempotent, and a repeat could add a second approval or fail as "not pending" after
 * the first try succeeded.
 */
export const FLOW_DECISIONS_IDEMPOTENT = false;

/** What differs between Approve and Update, which both send a time window and a comment. */
export interface WindowDecision {
	/** The operation's saved value and name (for the parameters' display rules and errors). */
	option: Pick<OperationOption, 'value' | 'name'>;
	endpoint: Extract<FlowEndpoint, 'Approve' | 'Update'>;
	/** The tickets the Ticket ID picker lists, and its description. */
	list: FlowList;
	ticketDescription: string;
	commentDescription: string;
	/** The collection holding Not Before, Expires and Use Count. */
	windowCollection: Pick<INodeProperties, 'displayName' | 'name' | 'placeholder'>;
	/** The error when the collection is empty, where an empty window means nothing to do. */
	emptyWindowError?: string;
}

/** Approve's and Update's parameters: Ticket ID, Comment, then the window collection. */
export function windowDecisionFields(decision: WindowDecision): INodeProperties[] {
	const show = { operation: [decision.option.value] };
	return [
		ticketIdField([decision.option.value], decision.list, decision.ticketDescription),
		{
			displayName: 'Comment',
			name: 'comment',
			type: 'string',
			default: '',
			description: decision.commentDescription,
			displayOptions: { show },
		},
		{
			...decision.windowCollection,
			type: 'collection',
			default: {},
			displayOptions: { show },
			options: windowFields(),
		},
	];
}

/**
 * Whether each approved ticket is now approved or still needs approvals. TPP's Approve answers
 * only a Result and a Message (its WebSDK reference; pyVenafi's model of the answer has the same
 * two), so the tickets are read once more: one Load for all the item's tickets (TicketIds),
 * whose answer gives each ticket's Approvals (who approved, when) and RequiredApprovals ("the
 * minimum number of approvals required to set this ticket to approved"). The approval is made
 * whatever this read gives: when it fails, `approved` and `approvalsNeeded` are null and
 * `approvalStateError` says why, rather than failing an item whose approval went through.
 */
async function approvalState(
	connection: Connection,
	outputs: IDataObject[],
	operation: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	const ids = outputs.map((output) => Number(output.TicketId));
	let loaded: IDataObject[];
	try {
		loaded = await loadFlowTickets(connection, ids, operation, itemIndex);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return outputs.map((output) => ({
			...output,
			approved: null,
			approvalsNeeded: null,
			approvalStateError: `The approval was made, but reading the ticket afterwards failed: ${reason}`,
		}));
	}
	return outputs.map((output) => {
		const ticket = loaded.find((entry) => Number(entry.Id) === Number(output.TicketId));
		const approvals = Array.isArray(ticket?.Approvals)
			? (ticket.Approvals as IDataObject[])
			: undefined;
		const required = Number(ticket?.RequiredApprovals);
		if (ticket === undefined || approvals === undefined || !Number.isInteger(required)) {
			return {
				...output,
				approved: null,
				approvalsNeeded: null,
				approvalStateError: `The approval was made, but TPP's Load answer does not give ticket ${String(output.TicketId)}'s Approvals and RequiredApprovals`,
			};
		}
		const needed = Math.max(0, required - approvals.length);
		return {
			...output,
			approved: needed === 0,
			approvalsNeeded: needed,
			RequiredApprovals: required,
			Approvals: approvals,
		};
	});
}

/** Sends the window (and the comment, if any) to each ticket the item names; checked first. */
export async function sendWindowDecision(
	context: IExecuteFunctions,
	connection: Connection,
	itemIndex: number,
	decision: WindowDecision,
): Promise<IDataObject[]> {
	const node = context.getNode();
	const ids = readTicketIds(context, itemIndex);
	const body = readWindow(
		context,
		context.getNodeParameter(decision.windowCollection.name, itemIndex, {}) as IDataObject,
		itemIndex,
	);
	if (decision.emptyWindowError !== undefined && Object.keys(body).length === 0) {
		throw parameterError(node, decision.emptyWindowError, itemIndex);
	}
	const comment = optionalText(
		node,
		context.getNodeParameter('comment', itemIndex, ''),
		'Comment',
		itemIndex,
	);
	if (comment !== undefined) body.Comment = comment;
	const outputs = await actOnEach(
		context,
		connection,
		decision.endpoint,
		ids,
		body,
		decision.option.name,
		itemIndex,
	);
	return decision.endpoint === 'Approve' && context.getNode().typeVersion >= OUTPUTS_VERSION
		? await approvalState(connection, outputs, decision.option.name, itemIndex)
		: outputs;
}

/** Return All / Limit, as the package's other listing operations have them. */
export function flowTicketListingFields(operation: string): INodeProperties[] {
	const show = { operation: [operation] };
	return [
		...updateDisplayOptions({ show }, returnAllFields),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add filter',
			default: {},
			displayOptions: { show },
			options: [productCodeField],
		},
	];
}

const productCodeField: INodeProperties = {
	displayName: 'Product Code',
	name: 'productCode',
	type: 'number',
	default: 0,
	placeholder: '4390913',
	description:
		"Only tickets of the Flow product with this code (the ProductCode field of a ticket, e.g. 4390913 in TPP's examples). Unset: every product.",
};

export function readListing(
	context: IExecuteFunctions,
	itemIndex: number,
): { limit?: number; productCode?: number } {
	const limit = readLimit(context, itemIndex, ONE_OR_MORE);
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const result: { limit?: number; productCode?: number } = {};
	if (limit !== undefined) result.limit = limit;
	const productCode = readProductCode(context, filters.productCode, itemIndex);
	if (productCode !== undefined) result.productCode = productCode;
	return result;
}

/** How this node's messages state a minimum of 1. */
const ONE_OR_MORE = 'of 1 or more';

export function readProductCode(
	context: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): number | undefined {
	if (value === undefined || value === null || value === '' || value === 0) return undefined;
	return requireWholeNumber(context.getNode(), value, 'Product Code', 1, itemIndex, ONE_OR_MORE);
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toUtcIso } from '../../../../shared/dates';
import { parameterError } from '../../../../shared/errors';
import type { Connection } from '../../../../shared/transport/connection';
import { describeType, optionalText, truncate } from '../../../../shared/validation';
import { withFlowTicketNames } from '../../../helpers/flowTicketNames';
import { loadFlowTickets, toTppUtc } from '../../../helpers/flowTickets';
import { actOnEach, OUTPUTS_VERSION, readTicketIds } from './common';

/**
 * What Approve and Update share: both send a time window (Not Before, Expires, Use Count) and
 * an optional comment to each ticket the item names. Neither is repeated after a 5xx or a
 * dropped connection (FLOW_DECISIONS_IDEMPOTENT).
 */
export interface WindowDecision {
	endpoint: 'Approve' | 'Update';
	/** The operation's name, for errors. */
	operation: string;
	/** The name of the collection holding Not Before, Expires and Use Count (windowField). */
	window: string;
	/** The error when the collection is empty, where an empty window means nothing to do. */
	emptyWindowError?: string;
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

/**
 * Whether each approved ticket is now approved or still needs approvals. TPP's Approve answers
 * only a Result and a Message (its WebSDK reference; pyVenafi's model of the answer has the same
 * two), so the tickets are read once more: one Load for all the item's tickets (TicketIds),
 * whose answer gives each ticket's Approvals (who approved, when) and RequiredApprovals ("the
 * minimum number of approvals required to set this ticket to approved"). The approval is made
 * whatever this read gives: when it fails, `approved` and `approvalsNeeded` are null and
 * `approvalStateError` says why, rather than failing an item whose approval went through.
 * Each entry of `Approvals` carries `ApproverName` after `Universal` (approvalsNamed).
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
	loaded = await approvalsNamed(connection, loaded, itemIndex);
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

/**
 * The loaded tickets with `ApproverName` beside each approval's `Universal` (who approved
 * already; helpers/flowTicketNames.ts). Only the approvals are named, as only they are output:
 * no name is asked for the requester or the approvers still to decide. A name that cannot be
 * had keeps the ID; naming never fails the item whose approval went through.
 */
async function approvalsNamed(
	connection: Connection,
	loaded: IDataObject[],
	itemIndex: number,
): Promise<IDataObject[]> {
	try {
		const named = await withFlowTicketNames(
			connection,
			loaded.map((ticket) => ({ Approvals: ticket.Approvals })),
			itemIndex,
		);
		return loaded.map((ticket, index) =>
			Array.isArray(ticket.Approvals) ? { ...ticket, Approvals: named[index].Approvals } : ticket,
		);
	} catch {
		return loaded;
	}
}

/**
 * Sends the window (and the comment, if any) to each ticket the item names; checked first.
 * From version 3, Approve's items say whether each ticket is now approved (approvalState).
 */
export async function sendWindowDecision(
	context: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
	decision: WindowDecision,
): Promise<IDataObject[]> {
	const node = context.getNode();
	const ids = readTicketIds(context, itemIndex);
	const body = readWindow(
		context,
		context.getNodeParameter(decision.window, itemIndex, {}) as IDataObject,
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
		decision.operation,
		itemIndex,
	);
	return decision.endpoint === 'Approve' && node.typeVersion >= OUTPUTS_VERSION
		? await approvalState(connection, outputs, decision.operation, itemIndex)
		: outputs;
}

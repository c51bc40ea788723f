import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Connection } from '../../shared/transport/connection';
import { approverIds, identityNames } from './identityNames';

/**
 * What Venafi TPP Ticket version 4 adds to its outputs, beside TPP's own fields (versions 1-3
 * output exactly what they did):
 * - `success: true` beside TPP's `Result` code (1 is success for workflow tickets; a failed
 *   call stops the item with its error, so an output that carries `Result` carries success);
 *   the same field the other nodes of both packages output beside their vendor's codes.
 * - `ApproverNames` beside `Approvers` (prefixed universal IDs such as AD+VENAFI:e3fc9359…):
 *   each approver's name, in the same order, through Identity/Validate once per distinct
 *   identity per run; an identity without a name keeps its ID there.
 */
export const OUTPUTS_VERSION = 4;

export function namesApprovers(context: IExecuteFunctions): boolean {
	return context.getNode().typeVersion >= OUTPUTS_VERSION;
}

/** `success` after `Result` (version 4 on), keeping the other fields' order. */
export function withSuccess(context: IExecuteFunctions, output: IDataObject): IDataObject {
	if (!namesApprovers(context) || !('Result' in output)) return output;
	return insertAfter(output, 'Result', { success: output.Result === 1 });
}

/** `ApproverNames` after `Approvers` and `success` after `Result` (version 4 on). */
export async function withApproverNames(
	context: IExecuteFunctions,
	connection: Connection,
	ticket: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	if (!namesApprovers(context)) return ticket;
	return await namedTicket(connection, ticket, itemIndex);
}

/**
 * What version 4 adds to a ticket, for a node that knows by its own version that it adds them
 * (the Venafi TPP Ticket Trigger from version 2): `success` after `Result`, `ApproverNames`
 * after `Approvers`.
 */
export async function namedTicket(
	connection: Connection,
	ticket: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const withCode =
		'Result' in ticket ? insertAfter(ticket, 'Result', { success: ticket.Result === 1 }) : ticket;
	if (!('Approvers' in ticket)) return withCode;
	const names = await identityNames(connection).namesOf(approverIds(ticket.Approvers), itemIndex);
	return insertAfter(withCode, 'Approvers', { ApproverNames: names });
}

/** The record with `added` right after `key` (the record as it is when it has no `key`). */
export function insertAfter(record: IDataObject, key: string, added: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [name, value] of Object.entries(record)) {
		result[name] = value;
		if (name === key) Object.assign(result, added);
	}
	return result;
}

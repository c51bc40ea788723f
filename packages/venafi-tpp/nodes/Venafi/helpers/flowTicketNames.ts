import type { IDataObject } from 'n8n-workflow';

import type { Connection } from '../../shared/transport/connection';
import { approverIds, identityNames } from './identityNames';
import { insertAfter } from './ticketOutputs';

/**
 * Names beside the identities a Flow ticket names by prefixed universal ID (local:{8b5211ec-…},
 * AD+VENAFI:e3fc9359…), for the nodes' versions that add them (the Venafi TPP Flow Ticket
 * Trigger from version 2):
 * - `requestedByName` after `requestedBy` (who asks, from the ticket's Environment);
 * - `ApproverNames` after `Approvers`, in the same order;
 * - `ApproverName` after `Universal` in each entry of `Approvals` (who approved already).
 * The names come from Identity/Validate (identityNames.ts): each distinct identity once per run
 * (per connection) however many tickets name it, the first alone, then a few in flight. An
 * identity without a name (unknown to TPP, a token without the "configuration" scope, any
 * failure) keeps its ID in the name's place; nothing here fails the run.
 */

/** Every identity the ticket names, as TPP writes them. */
export function flowTicketIdentities(ticket: IDataObject): string[] {
	const ids: string[] = [];
	if (typeof ticket.requestedBy === 'string' && ticket.requestedBy !== '') {
		ids.push(ticket.requestedBy);
	}
	ids.push(...approverIds(ticket.Approvers));
	if (Array.isArray(ticket.Approvals)) {
		for (const approval of ticket.Approvals as unknown[]) {
			const universal = (approval as IDataObject | null)?.Universal;
			if (typeof universal === 'string' && universal !== '') ids.push(universal);
		}
	}
	return ids;
}

/** The tickets (as helpers/flowTickets.ts outputs them) with the names beside the IDs. */
export async function withFlowTicketNames(
	connection: Connection,
	tickets: readonly IDataObject[],
	itemIndex: number,
): Promise<IDataObject[]> {
	const names = identityNames(connection);
	// Every distinct identity of every ticket in one go: each is asked once, a few in flight.
	await names.namesOf(tickets.flatMap(flowTicketIdentities), itemIndex);
	const nameOf = async (id: string) => (await names.nameOf(id, itemIndex)) ?? id;
	return await Promise.all(
		tickets.map(async (ticket) => {
			let named: IDataObject = { ...ticket };
			if (typeof ticket.requestedBy === 'string' && ticket.requestedBy !== '') {
				named = insertAfter(named, 'requestedBy', {
					requestedByName: await nameOf(ticket.requestedBy),
				});
			}
			if ('Approvers' in ticket) {
				const approvers = approverIds(ticket.Approvers);
				named = insertAfter(named, 'Approvers', {
					ApproverNames: await Promise.all(approvers.map(nameOf)),
				});
			}
			if (Array.isArray(ticket.Approvals)) {
				named.Approvals = await Promise.all(
					(ticket.Approvals as IDataObject[]).map(async (entry) =>
						typeof entry?.Universal === 'string' && entry.Universal !== ''
							? insertAfter(entry, 'Universal', { ApproverName: await nameOf(entry.Universal) })
							: entry,
					),
				);
			}
			return named;
		}),
	);
}

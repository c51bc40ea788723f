import type { IDataObject } from 'n8n-workflow';

/**
 * A ticket's details as a person reads them first (Simplify on): its GUID, status, the object
 * it is about, who approves, when it was created and last updated, the reason and the
 * explanation, in that order, under plain names. TPP's own answer (Simplify off) has them in
 * alphabetical order under TPP's names, with Result: 1.
 */
export function simplifyTicket(details: IDataObject): IDataObject {
	const simple: IDataObject = {
		GUID: details.GUID,
		Status: details.Status,
		// Blocking is the object the ticket holds up (a certificate, say); IssuedDueTo is the
		// workflow stage, which a person reads later and Simplify off keeps.
		Object: details.Blocking,
		Approvers: details.Approvers,
		// Version 4 on: the approvers' names, in the same order (helpers/ticketOutputs.ts).
		ApproverNames: details.ApproverNames,
		Created: details.Created,
		Updated: details.Updated,
		Reason: details.ApprovalReason,
		Explanation: details.ApprovalExplanation,
	};
	for (const [key, value] of Object.entries(simple)) if (value === undefined) delete simple[key];
	return simple;
}

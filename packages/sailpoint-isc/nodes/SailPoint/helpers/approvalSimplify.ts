import type { IDataObject } from 'n8n-workflow';

import { enumKey } from './enums';

/**
 * Simplify for the SailPoint approvals (the Approvals node and its trigger): one list of fields
 * per resource, in the order a person reads them: what the approval is, who asked, who it is
 * for, its state, its dates, then the IDs. ISC's field names are kept (as Work Items' Simplify
 * keeps them); the only value changed is a generic approval's name and description, which ISC
 * sends as `[{value, locale}]` and which become plain text. Fields ISC did not send, or sent
 * empty, are left out; Simplify off gives every field as ISC answered.
 */

/** Access request approvals (pending and completed lists). */
const ACCESS_REQUEST_APPROVAL_FIELDS = [
	'name',
	'requestType',
	'requestedObject',
	'requester',
	'requestedFor',
	'identityType',
	'state',
	'actionInProcess',
	'owner',
	'reviewedBy',
	'created',
	'modified',
	'startDate',
	'removeDate',
	'requesterComment',
	'reviewerComment',
	'privilegeLevel',
	'sodViolationContext',
	'form',
	'jitDetails',
	'id',
	'accessRequestId',
];

/** Generic approvals (Get, Get Many, the trigger). */
const GENERIC_APPROVAL_FIELDS = [
	'name',
	'description',
	'type',
	'priority',
	'requester',
	'requestee',
	'requestedTarget',
	'status',
	'assignedTo',
	'approvedBy',
	'rejectedBy',
	'createdDate',
	'dueDate',
	'completedDate',
	'id',
];

/** Non-employee approvals (Get, Get Many). */
const NON_EMPLOYEE_APPROVAL_FIELDS = [
	'accountName',
	'approvalStatus',
	'approver',
	'approvalOrder',
	'comment',
	'nonEmployeeRequest',
	'created',
	'modified',
	'id',
];

/** The request behind a non-employee approval, when Get includes it. */
const NON_EMPLOYEE_REQUEST_FIELDS = [
	'firstName',
	'lastName',
	'accountName',
	'email',
	'manager',
	'requester',
	'nonEmployeeSource',
	'startDate',
	'endDate',
	'approvalStatus',
	'comment',
	'id',
];

function said(value: unknown): boolean {
	return !(
		value === undefined ||
		value === null ||
		value === '' ||
		(Array.isArray(value) && value.length === 0)
	);
}

function picked(source: IDataObject, fields: readonly string[]): IDataObject {
	const simple: IDataObject = {};
	for (const field of fields) if (said(source[field])) simple[field] = source[field];
	return simple;
}

/**
 * A localized text as plain text: ISC's `[{value, locale}]` gives the English entry (en_US, en,
 * then any en_*), else the first one with a value; plain text stays as it is.
 */
export function localizedText(value: unknown): IDataObject[string] {
	if (!Array.isArray(value)) return value as IDataObject[string];
	const entries = value.filter(
		(entry): entry is IDataObject =>
			typeof entry === 'object' && entry !== null && typeof entry.value === 'string',
	);
	const locale = (entry: IDataObject) =>
		String(entry.locale ?? '')
			.toLowerCase()
			.replace('-', '_');
	const english =
		entries.find((entry) => locale(entry) === 'en_us') ??
		entries.find((entry) => locale(entry) === 'en') ??
		entries.find((entry) => locale(entry).startsWith('en_'));
	return (english ?? entries[0])?.value ?? (entries.length === 0 ? undefined : '');
}

/**
 * An access request approval as a person reads it. Items of the pending list have no state in
 * ISC's answer: they get PENDING (the list they come from).
 */
export function simplifyAccessRequestApproval(
	approval: IDataObject,
	list: 'pending' | 'completed',
): IDataObject {
	const source =
		list === 'pending' && !said(approval.state) ? { ...approval, state: 'PENDING' } : approval;
	return picked(source, ACCESS_REQUEST_APPROVAL_FIELDS);
}

/** A generic approval's state: its `status` when ISC sends one, else what its decisions show. */
export function genericApprovalState(approval: IDataObject): string {
	if (typeof approval.status === 'string' && approval.status !== '') return approval.status;
	const some = (field: string) =>
		Array.isArray(approval[field]) && (approval[field] as unknown[]).length > 0;
	if (some('rejectedBy')) return 'REJECTED';
	if (some('approvedBy') && approval.completedDate) return 'APPROVED';
	if (approval.completedDate) return 'COMPLETED';
	return 'PENDING';
}

/** A generic approval as a person reads it: name and description as plain text. */
export function simplifyGenericApproval(approval: IDataObject): IDataObject {
	return picked(
		{
			...approval,
			name: localizedText(approval.name),
			description: localizedText(approval.description),
		},
		GENERIC_APPROVAL_FIELDS,
	);
}

/** A non-employee approval as a person reads it, with the request behind it when included. */
export function simplifyNonEmployeeApproval(approval: IDataObject): IDataObject {
	const request = approval.nonEmployeeRequest;
	const simple = picked(approval, NON_EMPLOYEE_APPROVAL_FIELDS);
	if (typeof request === 'object' && request !== null && !Array.isArray(request))
		simple.nonEmployeeRequest = picked(request as IDataObject, NON_EMPLOYEE_REQUEST_FIELDS);
	return simple;
}

/** `enumKey` for a state given by ISC, for comparisons. */
export function isPending(state: unknown): boolean {
	return typeof state === 'string' && enumKey(state) === 'PENDING';
}

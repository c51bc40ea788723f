import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError, parameterError } from '../../shared/errors';
import type { Connection } from '../../shared/transport/connection';
import type { HttpResponse } from '../../shared/transport/http';
import { toUtcIso } from '../../shared/dates';
import { optionalText } from '../../shared/validation';
import { enumKey } from './enums';
import { requireIscId } from './ids';
import { genericApprovalState } from './approvalSimplify';
import type { IscRequest } from '../transport';
import { readIscList, readIscObject, sendIscRequest } from '../transport';

/**
 * What the SailPoint Approvals operations share: reading the listing parameters, building the
 * `filters` expression of ISC's collection syntax, and sending a decision so that a refusal
 * because the approval is no longer pending says what it is now.
 */

export const ACCESS_REQUEST_APPROVALS = 'access-request-approvals';
export const GENERIC_APPROVALS = 'generic-approvals';

/**
 * SailPoint Approvals version 3 (new nodes): Simplify on the listings and Get, and decisions
 * that say what was decided with `success: true`. Saved version 1 and 2 nodes keep their output.
 */
export const DECISION_REPORT_VERSION = 3;

/** Whether the node's version reports decisions (version 3 on). */
export function reportsDecisions(context: IExecuteFunctions): boolean {
	return context.getNode().typeVersion >= DECISION_REPORT_VERSION;
}

export function approvalIdOf(
	context: IExecuteFunctions,
	itemIndex: number,
	field = 'Approval ID',
	name = 'approvalId',
): string {
	return requireIscId(
		context.getNode(),
		context.getNodeParameter(name, itemIndex, '', { extractValue: true }),
		field,
		itemIndex,
	);
}

/** A comment: required (non-empty), or optional; with a maximum length where ISC documents one. */
export function commentOf(
	context: IExecuteFunctions,
	itemIndex: number,
	rule: { required: boolean; max?: number; name?: string; field?: string },
): string | undefined {
	const field = rule.field ?? 'Comment';
	const value = context.getNodeParameter(rule.name ?? 'comment', itemIndex, '') as unknown;
	const comment = optionalText(context.getNode(), value, field, itemIndex);
	if (comment === undefined && rule.required) {
		throw parameterError(
			context.getNode(),
			`The "${field}" parameter is required but is empty`,
			itemIndex,
		);
	}
	if (comment !== undefined && rule.max !== undefined && comment.length > rule.max) {
		throw parameterError(
			context.getNode(),
			`The "${field}" parameter may have at most ${rule.max} characters, but it has ${comment.length}`,
			itemIndex,
		);
	}
	return comment;
}

/** `"value"` in ISC's filter syntax (backslash and quote escaped). */
export function quoted(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A date parameter as ISO 8601 UTC, or undefined when empty. */
export function dateOf(
	context: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return toUtcIso(context.getNode(), value, field, itemIndex, context.getTimezone());
}

/**
 * The `owner-id` of the access request approval listings and summary: the token's identity
 * (`me`), a given identity, or nothing (all of the org's, for ORG_ADMIN).
 */
export function ownerQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const owner = context.getNodeParameter('owner', itemIndex, 'me') as unknown;
	if (owner === 'all') return {};
	if (owner === 'identity') {
		return {
			'owner-id': requireIscId(
				context.getNode(),
				context.getNodeParameter('ownerId', itemIndex, '', { extractValue: true }),
				'Owner ID',
				itemIndex,
			),
		};
	}
	if (owner === 'me') return { 'owner-id': 'me' };
	throw parameterError(
		context.getNode(),
		`The "Owner" parameter must be me, identity or all, but it is ${JSON.stringify(owner)}`,
		itemIndex,
	);
}

/** What a 403 on a decision means, by what the operation does. */
function forbiddenDecision(decision: Decision): string {
	if (decision.forbiddenHint) return decision.forbiddenHint;
	const action =
		decision.verb === 'comment on'
			? 'Commenting on'
			: `${decision.verb[0].toUpperCase()}${decision.verb.slice(1).replace(/e$/, '')}ing`;
	if (decision.service === GENERIC_APPROVALS && decision.verb === 'cancel')
		return 'Cancelling an approval needs ORG_ADMIN and the scope sp:approvals:write.';
	const whose =
		decision.service === ACCESS_REQUEST_APPROVALS
			? 'an access request approval is for its owner (or an ORG_ADMIN)'
			: 'a generic approval is for one of its approvers (APPROVAL_OWNER, or an admin)';
	return `${action} ${whose}; the token needs the scope idn:access-request-approvals:manage.`;
}

export interface Decision {
	itemIndex: number;
	/** e.g. `access-request-approvals/{id}/approve`. */
	endpoint: string;
	approvalId: string;
	body?: IDataObject;
	/** Which API: how to learn the approval's state when ISC refuses the decision. */
	service: typeof ACCESS_REQUEST_APPROVALS | typeof GENERIC_APPROVALS;
	/** e.g. "approve". */
	verb: string;
	/** What a 403 means; by default worded from the verb and service. */
	forbiddenHint?: string;
}

/**
 * Sends a decision (the operations declare themselves not idempotent, so it is never repeated
 * after a 5xx or a dropped connection: it may have gone through). When ISC refuses it (400, 404), the approval is looked up: if it is no longer
 * pending, the error says what it is now; otherwise ISC's own error stands.
 */
export async function sendDecision(
	context: IExecuteFunctions,
	connection: Connection,
	decision: Decision,
): Promise<IDataObject | undefined> {
	const subject =
		decision.service === ACCESS_REQUEST_APPROVALS ? 'access request approval' : 'approval';
	const request: IscRequest = {
		method: 'POST',
		endpoint: decision.endpoint,
		body: decision.body,
		itemIndex: decision.itemIndex,
		notFound: {
			subject: `${subject} "${decision.approvalId}"`,
			hint: 'Check the ID: the approval may have been decided or removed meanwhile, or the access token cannot see it.',
		},
		forbiddenHint: forbiddenDecision(decision),
	};
	const response = await sendIscRequest(connection, request);
	if (response.statusCode === 400 || response.statusCode === 404 || response.statusCode === 409) {
		const state =
			decision.service === ACCESS_REQUEST_APPROVALS
				? await accessRequestApprovalState(connection, decision)
				: await genericApprovalLookup(connection, decision);
		if (state !== undefined && state.state !== 'PENDING') {
			throw apiError(context.getNode(), {
				message: `Cannot ${decision.verb} ${subject} "${decision.approvalId}": it is no longer pending, it is ${state.spelled}`,
				description:
					`ISC refused the decision (HTTP ${response.statusCode}). ${state.detail ?? ''}`.trim(),
				httpCode: response.statusCode,
				itemIndex: decision.itemIndex,
			});
		}
	}
	return await readIscObject(connection, request, response);
}

interface KnownState {
	/** enumKey of the state. */
	state: string;
	/** As ISC spelled it. */
	spelled: string;
	detail?: string;
}

/** Pending, or completed with its state; undefined when neither list has it (or the lookup fails). */
async function accessRequestApprovalState(
	connection: Connection,
	decision: Decision,
): Promise<KnownState | undefined> {
	const lookup = async (list: 'pending' | 'completed'): Promise<IDataObject | undefined> => {
		const request: IscRequest = {
			method: 'GET',
			endpoint: `${ACCESS_REQUEST_APPROVALS}/${list}`,
			qs: { filters: `id eq ${quoted(decision.approvalId)}`, limit: 1 },
			itemIndex: decision.itemIndex,
		};
		const response = await sendIscRequest(connection, request);
		if (response.statusCode !== 200) return undefined;
		return (await readIscList(connection, request, response))[0];
	};
	if (await lookup('pending')) return { state: 'PENDING', spelled: 'Pending' };
	const completed = await lookup('completed');
	if (!completed) return undefined;
	const spelled =
		typeof completed.state === 'string' && completed.state !== '' ? completed.state : 'completed';
	const by = (completed.reviewedBy as IDataObject | undefined)?.name;
	return {
		state: enumKey(spelled) || 'COMPLETED',
		spelled,
		detail: `Decided${typeof by === 'string' ? ` by ${by}` : ''}${typeof completed.modified === 'string' ? ` at ${completed.modified}` : ''}.`,
	};
}

async function genericApprovalLookup(
	connection: Connection,
	decision: Decision,
): Promise<KnownState | undefined> {
	const request: IscRequest = {
		method: 'GET',
		endpoint: `${GENERIC_APPROVALS}/${encodeURIComponent(decision.approvalId)}`,
		itemIndex: decision.itemIndex,
	};
	const response: HttpResponse = await sendIscRequest(connection, request);
	if (response.statusCode !== 200) return undefined;
	const approval = await readIscObject(connection, request, response);
	if (!approval) return undefined;
	const spelled = genericApprovalState(approval);
	const state = enumKey(spelled);
	return {
		state,
		spelled,
		detail:
			typeof approval.completedDate === 'string'
				? `Completed at ${approval.completedDate}.`
				: undefined,
	};
}

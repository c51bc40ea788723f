import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Connection } from '../../../../shared/transport/connection';
import { apiError, parameterError } from '../../../../shared/errors';
import { describeType } from '../../../../shared/validation';
import { approvalIdField } from '../../../descriptions/approvalFields';
import {
	approvalIdOf,
	commentOf,
	GENERIC_APPROVALS,
	reportsDecisions,
	sendDecision,
} from '../../../helpers/approvals';
import { genericApprovalState, isPending, localizedText } from '../../../helpers/approvalSimplify';
import type { IscRequest } from '../../../transport';
import { readIscObject, sendIscRequest } from '../../../transport';
import { optionalIscId, requireIscId } from '../../../helpers/ids';
import { identityField } from '../../../descriptions/workItemFields';
import { locatorValue } from '../../../../shared/locators';

/** What the single-approval operations of /generic-approvals/v1 share. */

export const genericApprovalIdField = approvalIdField(
	'The approval: pick one of your pending approvals, or enter its ID (its "ID" in Get Many or the trigger), e.g. 38453251-6be2-5f8f-df93-5ce19e295837',
	'generic',
);

/**
 * Sends an action on one approval; the approval ISC returned, or a success item when it sent
 * none (204). From version 3, Approve, Reject, Reassign and Cancel report what was decided
 * (decisionReport).
 */
export async function actOnApproval(
	context: IExecuteFunctions,
	connection: Connection,
	itemIndex: number,
	approvalId: string,
	action: 'approve' | 'reject' | 'reassign' | 'cancel' | 'comments',
	body: IDataObject,
): Promise<IDataObject> {
	const answer = await sendDecision(context, connection, {
		itemIndex,
		endpoint: `${GENERIC_APPROVALS}/${encodeURIComponent(approvalId)}/${action}`,
		approvalId,
		body,
		service: GENERIC_APPROVALS,
		verb: action === 'comments' ? 'comment on' : action,
	});
	if (action === 'comments' || !reportsDecisions(context))
		return answer ?? { id: approvalId, operation: action, ...body, success: true };
	// Approve answers with the approval; the others answer 204: the approval is read once more.
	const approval = answer ?? (await approvalAfter(connection, itemIndex, approvalId));
	return decisionReport(approvalId, action, body, approval);
}

/**
 * What a decision did, as version 3 outputs it: the approval's name (plain text), whom it is
 * for (ISC's requestee), its state now, whether it still waits for approvers
 * (`moreApprovalsNeeded`, with `assignedTo` naming them), what was sent, `success: true`, the ID,
 * and the approval as ISC gave it (`approval`). Without the approval (it could not be read
 * after a 204) only what was sent is reported.
 */
function decisionReport(
	approvalId: string,
	action: string,
	body: IDataObject,
	approval: IDataObject | undefined,
): IDataObject {
	if (approval === undefined) return { operation: action, ...body, success: true, id: approvalId };
	const state = genericApprovalState(approval);
	const waiting = isPending(state);
	const name = localizedText(approval.name);
	return {
		...(name === undefined ? {} : { name }),
		...(approval.requestee === undefined ? {} : { requestee: approval.requestee }),
		state,
		moreApprovalsNeeded: waiting,
		...(waiting && Array.isArray(approval.assignedTo) ? { assignedTo: approval.assignedTo } : {}),
		operation: action,
		...body,
		success: true,
		id: approvalId,
		approval,
	};
}

/** GET /generic-approvals/v1/{id} after a decision; undefined when it cannot be read. */
async function approvalAfter(
	connection: Connection,
	itemIndex: number,
	approvalId: string,
): Promise<IDataObject | undefined> {
	const request: IscRequest = {
		method: 'GET',
		endpoint: `${GENERIC_APPROVALS}/${encodeURIComponent(approvalId)}`,
		itemIndex,
	};
	try {
		const response = await sendIscRequest(connection, request);
		return response.statusCode === 200
			? await readIscObject(connection, request, response)
			: undefined;
	} catch {
		return undefined;
	}
}

/** Reject and Cancel: the Approval ID and an optional Comment, sent to ISC's action. */
export async function decideWithOptionalComment(
	context: IExecuteFunctions,
	connection: Connection,
	itemIndex: number,
	action: 'reject' | 'cancel',
): Promise<IDataObject> {
	const approvalId = approvalIdOf(context, itemIndex);
	const comment = commentOf(context, itemIndex, { required: false });
	return await actOnApproval(
		context,
		connection,
		itemIndex,
		approvalId,
		action,
		comment === undefined ? {} : { comment },
	);
}

/** Additional Attributes: a JSON object (text or object from an expression). */
export function attributesOf(
	context: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	stringValues: boolean,
): IDataObject | undefined {
	if (
		value === undefined ||
		value === null ||
		value === '' ||
		(typeof value === 'object' && Object.keys(value).length === 0)
	)
		return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			throw parameterError(
				context.getNode(),
				'The "Additional Attributes" parameter must be a JSON object, e.g. {"source": "n8n"}, but it is not valid JSON',
				itemIndex,
			);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw parameterError(
			context.getNode(),
			`The "Additional Attributes" parameter must be a JSON object, but it is ${describeType(parsed)}`,
			itemIndex,
		);
	}
	if (stringValues) {
		const bad = Object.entries(parsed).find(([, entry]) => typeof entry !== 'string');
		if (bad) {
			throw parameterError(
				context.getNode(),
				`The "Additional Attributes" value of "${bad[0]}" must be text (ISC takes text values here), but it is ${describeType(bad[1])}`,
				itemIndex,
			);
		}
	}
	return parsed as IDataObject;
}

export const additionalAttributesField: INodeProperties = {
	displayName: 'Additional Attributes',
	name: 'additionalAttributes',
	type: 'json',
	default: '{}',
	description: 'Key-value pairs ISC keeps with the decision (text values)',
};

/**
 * Override Approver ID (approve, reject): a member of a governance group to decide for, as the
 * spec offers it to ServiceNow administrators (`overrideApproverID`).
 */
export const overrideApproverField: INodeProperties = identityField(
	'Override Approver ID',
	'overrideApproverId',
	"Decide on behalf of this member of the approving governance group (ISC's overrideApproverID, for ServiceNow administrators): search by name or email, or enter the identity ID",
);

/** `{overrideApproverID}` when the option is set, else nothing. */
export function overrideApproverOf(
	context: IExecuteFunctions,
	options: IDataObject,
	itemIndex: number,
): IDataObject {
	const id = optionalIscId(
		context.getNode(),
		options.overrideApproverId,
		'Override Approver ID',
		itemIndex,
	);
	return id === undefined ? {} : { overrideApproverID: id };
}

export function identityIdOf(
	context: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	// A locator's value, or a plain string saved before the field became a picker.
	return requireIscId(context.getNode(), locatorValue(value), field, itemIndex);
}

export function requireObject(
	context: IExecuteFunctions,
	answer: IDataObject | undefined,
	what: string,
	itemIndex: number,
): IDataObject {
	if (answer === undefined)
		throw apiError(context.getNode(), {
			message: `SailPoint ISC answered ${what} with an empty body`,
			itemIndex,
		});
	return answer;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiError, parameterError } from '../../../../shared/errors';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import {
	certificationIdField,
	reviewItemIdsField,
} from '../../../descriptions/certificationFields';
import { commentOf } from '../../../helpers/approvals';
import { idListOf } from '../../../helpers/ids';
import {
	CERTIFICATIONS,
	certificationIdOf,
	FORBIDDEN_MANAGE,
	notFoundCertification,
	refusalFromState,
} from '../../../helpers/certifications';
import type { IscRequest } from '../../../transport';
import { readIscError, readIscObject, sendIscRequest } from '../../../transport';

export const option: OperationOption = {
	name: 'Decide',
	value: 'decide',
	action: 'Decide review items',
	description:
		'Approves or revokes review items of a SailPoint certification, with a comment. Inputs: Certification, Review Item Names or IDs (one or many: sent 250 per request), Decision, Comment. Returns one item per review item with status "decided" or "refused" (and ISC\'s reason). Changes the certification; a decision can be changed until sign-off.',
};

export const subtitle = {
	expression: '"Decide: " + ($parameter["decision"] === "REVOKE" ? "Revoke" : "Approve")',
};

/** Decisions are not repeated after a 5xx or a dropped connection (only after a 429). */
export const idempotent = false;

/** The spec's maximum of decisions in one call. */
export const MAX_DECISIONS = 250;

export const description: INodeProperties[] = [
	certificationIdField,
	reviewItemIdsField('The review items to decide'),
	{
		displayName: 'Decision',
		name: 'decision',
		type: 'options',
		default: 'APPROVE',
		options: [
			{ name: 'Approve', value: 'APPROVE', description: 'The identity keeps the access' },
			{ name: 'Revoke', value: 'REVOKE', description: 'The access is removed after sign-off' },
		],
	},
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		description:
			"Why (sent with every item's decision). The campaign may require one for every decision or for revokes: ISC refuses a decision without it.",
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const certificationId = certificationIdOf(this, itemIndex);
	const ids = idListOf(this, itemIndex, 'reviewItemIds', 'Review Items', {
		entriesWithId: true,
	});
	const decision = String(this.getNodeParameter('decision', itemIndex, ''))
		.trim()
		.toUpperCase();
	if (decision !== 'APPROVE' && decision !== 'REVOKE')
		throw parameterError(
			node,
			`The "Decision" parameter must be APPROVE or REVOKE, but it is ${JSON.stringify(this.getNodeParameter('decision', itemIndex, ''))}`,
			itemIndex,
		);
	const comments = commentOf(this, itemIndex, { required: false });
	const results: IDataObject[] = [];
	const done = () =>
		results.filter((entry) => entry.status === 'decided').map((entry) => entry.reviewItemId);
	for (let start = 0; start < ids.length; start += MAX_DECISIONS) {
		const batch = ids.slice(start, start + MAX_DECISIONS);
		const request: IscRequest = {
			method: 'POST',
			endpoint: `${CERTIFICATIONS}/${encodeURIComponent(certificationId)}/decide`,
			body: batch.map((id) => ({
				id,
				decision,
				bulk: ids.length > 1,
				...(comments === undefined ? {} : { comments }),
			})) as unknown as IDataObject,
			itemIndex,
			notFound: notFoundCertification(certificationId),
			forbiddenHint: FORBIDDEN_MANAGE,
		};
		const outcome = (status: string, reason?: string) =>
			batch.map((reviewItemId) => ({
				certificationId,
				reviewItemId,
				decision,
				...(comments === undefined ? {} : { comments }),
				status,
				...(reason === undefined ? {} : { reason }),
			}));
		let response;
		try {
			response = await sendIscRequest(connection, request);
		} catch (error) {
			throw partialError(this, error, itemIndex, done(), ids.slice(start));
		}
		if (response.statusCode === 400) {
			// A certification that is no longer ACTIVE refuses every batch: say so once.
			const stateError = await refusalFromState(
				this,
				connection,
				certificationId,
				itemIndex,
				'decide on',
				400,
			);
			if (stateError && results.length === 0) throw stateError;
			const said = readIscError(response.body);
			const reason =
				[...said.texts, ...said.causes].join(' ') ||
				said.error ||
				'ISC refused the decisions (HTTP 400)';
			results.push(...outcome('refused', reason));
			continue;
		}
		try {
			await readIscObject(connection, request, response);
		} catch (error) {
			throw partialError(this, error, itemIndex, done(), ids.slice(start));
		}
		results.push(...outcome('decided'));
	}
	return results;
}

/** A failure after some batches went through: what was decided, and what is unknown or not sent. */
function partialError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	decided: unknown[],
	notDone: string[],
): Error {
	if (decided.length === 0) return error as Error;
	const message = error instanceof Error ? error.message : String(error);
	return apiError(context.getNode(), {
		message: `${decided.length} review item(s) were decided, then a request failed: ${message}`,
		description: `Decided: ${decided.join(', ')}. Not decided or outcome unknown (not repeated, as a decision is sent once): ${notDone.join(', ')}.`,
		itemIndex,
	});
}

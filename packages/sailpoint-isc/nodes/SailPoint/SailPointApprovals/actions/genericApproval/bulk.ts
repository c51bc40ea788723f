import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Connection } from '../../../../shared/transport/connection';
import { commentField } from '../../../descriptions/approvalFields';
import { commentOf, GENERIC_APPROVALS, reportsDecisions } from '../../../helpers/approvals';
import { apiError, parameterError } from '../../../../shared/errors';
import { withErrorItemFields } from '../../../../shared/runItems';
import { idListOf } from '../../../helpers/ids';
import { changedInVersion } from '../../../../shared/versions';
import type { IscRequest } from '../../../transport';
import { iscObject } from '../../../transport';

/**
 * The bulk operations (bulk-approve, -reject, -reassign, -cancel) of /generic-approvals/v1:
 * one input item carries a list of approval IDs, sent in batches of at most Batch Size IDs (the
 * spec documents no maximum; 100 by default keeps each request small). ISC answers 202: the
 * output item says what was sent.
 */

const DEFAULT_BATCH_SIZE = 100;

type BulkAction = 'bulk-approve' | 'bulk-reject' | 'bulk-reassign' | 'bulk-cancel';

/**
 * Approval IDs: typed (IDs separated by commas) on version 1; from version 2, several picked from
 * the list of pending approvals. Both are read by `idListOf` (text or a list).
 */
const approvalIdsFields: INodeProperties[] = changedInVersion(
	2,
	{
		displayName: 'Approval IDs',
		name: 'approvalIds',
		type: 'string',
		required: true,
		default: '',
	},
	{
		placeholder: '38453251-6be2-5f8f-df93-5ce19e295837, 38453251-6be2-5f8f-df93-5ce19e295838',
		description: 'The approvals to act on: IDs separated by commas, or a list from an expression',
	},
	{
		displayName: 'Approval Names or IDs',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getPendingGenericApprovals' },
		default: [],
		description:
			'The pending approvals to act on. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: 'Shows up to 250 pending approvals. More, or IDs from an earlier node: an expression giving a list or IDs separated by commas',
	},
);

const batchSizeOption: INodeProperties = {
	displayName: 'Batch Size',
	name: 'batchSize',
	type: 'number',
	default: DEFAULT_BATCH_SIZE,
	typeOptions: { minValue: 1 },
	description: 'Most approval IDs sent in one request; more are split into several requests',
};

/**
 * A bulk operation's parameters: Approval IDs, the operation's own `fields`, Comment, and
 * Options with the operation's own `options` and Batch Size.
 */
export function bulkFields(
	fields: INodeProperties[] = [],
	options: INodeProperties[] = [],
): INodeProperties[] {
	return [
		...approvalIdsFields,
		...fields,
		commentField('Comment kept with each approval (optional)'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [...options, batchSizeOption],
		},
	];
}

/**
 * A bulk operation for one input item: reads Approval IDs and Comment, then what `bodyOf`
 * adds to the request (the operation's own parameters), then Batch Size, and sends the IDs in
 * batches (sendBulk); returns what was sent (bulkResult).
 */
export async function runBulk(
	context: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
	action: BulkAction,
	bodyOf: () => IDataObject = () => ({}),
): Promise<IDataObject> {
	const approvalIds = idListOf(context, itemIndex, 'approvalIds', 'Approval IDs');
	const comment = commentOf(context, itemIndex, { required: false });
	const body: IDataObject = { ...(comment === undefined ? {} : { comment }), ...bodyOf() };
	const sent = await sendBulk(
		connection,
		itemIndex,
		action,
		approvalIds,
		body,
		batchSizeOf(context, itemIndex),
	);
	return bulkResult(context, sent);
}

function batchSizeOf(context: IExecuteFunctions, itemIndex: number): number {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const size = options.batchSize === undefined ? DEFAULT_BATCH_SIZE : Number(options.batchSize);
	if (!Number.isSafeInteger(size) || size < 1) {
		throw parameterError(
			context.getNode(),
			`The "Batch Size" option must be a whole number of at least 1, but it is ${JSON.stringify(options.batchSize)}`,
			itemIndex,
		);
	}
	return size;
}

/**
 * Sends the IDs in batches, one after another; never repeated after a 5xx or a dropped
 * connection. When a batch after the first fails, the error says which batches and IDs were
 * done, which were not, and whose outcome is unknown; with Continue On Fail the error item
 * carries the same lists (partialBulkError).
 */
async function sendBulk(
	connection: Connection,
	itemIndex: number,
	action: BulkAction,
	approvalIds: string[],
	body: IDataObject,
	batchSize: number,
): Promise<IDataObject> {
	const batches: string[][] = [];
	for (let start = 0; start < approvalIds.length; start += batchSize)
		batches.push(approvalIds.slice(start, start + batchSize));
	for (const [index, batch] of batches.entries()) {
		const request: IscRequest = {
			method: 'POST',
			endpoint: `${GENERIC_APPROVALS}/${action}`,
			body: { approvalIds: batch, ...body },
			itemIndex,
			forbiddenHint: 'Bulk actions need ORG_ADMIN and the scope sp:approvals:write.',
		};
		const send = async () => await iscObject(connection, request);
		// A single batch fails as it always did: nothing else was sent.
		if (batches.length === 1) {
			await send();
			continue;
		}
		try {
			await send();
		} catch (error) {
			throw await partialBulkError(connection, itemIndex, action, batches, index, error);
		}
	}
	return { operation: action, approvalIds, ...body, batches: batches.length, accepted: true };
}

/**
 * The error for a bulk action that stopped at batch `failed` (0-based): the batches before it
 * were accepted by ISC (202); a refused batch (an HTTP 4xx answer) was not applied; a batch
 * that got a 5xx or no answer may or may not have been (ISC does not say), so its IDs are
 * "unknown"; the batches after it were not sent.
 */
async function partialBulkError(
	connection: Connection,
	itemIndex: number,
	action: string,
	batches: string[][],
	failed: number,
	error: unknown,
): Promise<Error> {
	const httpCode = Number((error as { httpCode?: unknown })?.httpCode);
	const refused = httpCode >= 400 && httpCode < 500;
	const done = batches.slice(0, failed).flat();
	const failedIds = batches[failed];
	const notSent = batches.slice(failed + 1).flat();
	const notDone = refused ? [...failedIds, ...notSent] : notSent;
	const unknown = refused ? [] : failedIds;
	const original = error instanceof Error ? error.message : String(error);
	const originalDescription = (error as { description?: unknown })?.description;
	const range = (from: number, to: number) =>
		from === to ? `batch ${from}` : `batches ${from}-${to}`;
	const count = (ids: string[]) => `${ids.length} approval${ids.length === 1 ? '' : 's'}`;
	const sentences = [
		done.length > 0
			? `Done (accepted by ISC): ${range(1, failed)} of ${batches.length}, ${count(done)}: ${done.join(', ')}.`
			: `None was done: batch 1 of ${batches.length} failed.`,
		refused
			? `Not done: batch ${failed + 1} (refused)${notSent.length > 0 ? ` and ${range(failed + 2, batches.length)} (not sent)` : ''}, ${count(notDone)}: ${notDone.join(', ')}.`
			: `Unknown: batch ${failed + 1} got no clear answer (ISC may have applied it; check before sending it again), ${count(unknown)}: ${unknown.join(', ')}.${notSent.length > 0 ? ` Not done: ${range(failed + 2, batches.length)} (not sent), ${count(notSent)}: ${notSent.join(', ')}.` : ''}`,
		...(typeof originalDescription === 'string' && originalDescription !== ''
			? [originalDescription]
			: []),
	];
	const { secrets } = await connection.settings();
	const wrapped = apiError(connection.context.getNode(), {
		message: `SailPoint ISC ${action} stopped at batch ${failed + 1} of ${batches.length}: ${original}`,
		description: sentences.join(' '),
		httpCode: Number.isFinite(httpCode) && httpCode > 0 ? httpCode : undefined,
		itemIndex,
		secrets,
	});
	return withErrorItemFields(wrapped, {
		operation: action,
		batches: batches.length,
		batchesDone: failed,
		failedBatch: failed + 1,
		doneApprovalIds: done,
		notDoneApprovalIds: notDone,
		unknownApprovalIds: unknown,
	});
}

/**
 * What a bulk operation outputs: what was sent; from version 3 also `success: true` (the
 * package's convention beside the vendor's answer, here ISC's 202 Accepted: "accepted").
 */
function bulkResult(context: IExecuteFunctions, sent: IDataObject): IDataObject {
	return reportsDecisions(context) ? { ...sent, success: true } : sent;
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Connection } from '../../../../shared/transport/connection';
import { approvalItemIdOf, callWorkItem, workItemIdOf, writeResult } from './common';
import { workItemPath } from '../../../transport/apiPaths';

/**
 * What Approve Item, Reject Item, Approve All and Reject All share: approving and rejecting
 * differ only in the word ISC puts in the path. None of them is idempotent: repeated after a
 * 5xx or a dropped connection, a decision may be applied twice.
 */
export type Decision = 'approve' | 'reject';

/**
 * Decides one approval item: `POST /work-items/v1/{id}/{decision}/{approvalItemId}`. The work
 * item ISC returned, or a success item when it sent none.
 */
export async function decideItem(
	context: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
	decision: Decision,
): Promise<IDataObject> {
	const workItemId = workItemIdOf(context, itemIndex);
	const approvalItemId = approvalItemIdOf(context, itemIndex);
	const answer = await callWorkItem(connection, {
		method: 'POST',
		endpoint: workItemPath(workItemId, decision, approvalItemId),
		itemIndex,
		workItemId,
		approvalItemId,
	});
	return writeResult(answer, { id: workItemId, approvalItemId, operation: `${decision}Item` });
}

/**
 * Decides every approval item at once: `POST /work-items/v1/bulk-{decision}/{id}`. The work
 * item ISC returned, or a success item when it sent none.
 */
export async function decideAll(
	context: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
	decision: Decision,
): Promise<IDataObject> {
	const workItemId = workItemIdOf(context, itemIndex);
	const answer = await callWorkItem(connection, {
		method: 'POST',
		endpoint: `work-items/bulk-${decision}/${encodeURIComponent(workItemId)}`,
		itemIndex,
		workItemId,
	});
	return writeResult(answer, { id: workItemId, operation: `${decision}All` });
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../shared/operations';
import type { Connection } from '../../shared/transport/connection';
import { approvalItemIdField, workItemIdField } from '../descriptions/workItemFields';
import {
	approvalItemIdOf,
	callWorkItem,
	workItemIdOf,
	workItemPath,
	writeResult,
} from './workItems';

/**
 * Approving and rejecting differ only in the word ISC puts in the path, so each pair of
 * operations (one approval item; all of them) is built here once. Neither is idempotent:
 * repeated after a 5xx or a dropped connection, a decision may be applied twice.
 */
type Decision = 'approve' | 'reject';

const VERB: Record<Decision, string> = { approve: 'Approve', reject: 'Reject' };
const OUTCOME: Record<Decision, string> = { approve: 'Approves', reject: 'Rejects' };

/** Approve Item / Reject Item: `POST /work-items/v1/{id}/{decision}/{approvalItemId}`. */
export function decideItemOperation(decision: Decision): Operation {
	const verb = VERB[decision];
	const value = `${decision}Item`;
	return {
		option: {
			name: `${verb} Item`,
			value,
			action: `${verb} one item of a work item`,
			description: `${OUTCOME[decision]} one approval item (one access asked for) of a SailPoint work item. Use it once the decision on that item is known. Inputs: Work Item ID, Approval Item ID (from the work item's approval items). Returns the work item. Changes the work item: the decision cannot be undone.`,
		},
		subtitle: `${verb} an item`,
		idempotent: false,
		description: [workItemIdField, approvalItemIdField],
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			connection: Connection,
		): Promise<IDataObject> {
			const workItemId = workItemIdOf(this, itemIndex);
			const approvalItemId = approvalItemIdOf(this, itemIndex);
			const answer = await callWorkItem(connection, {
				method: 'POST',
				endpoint: workItemPath(workItemId, decision, approvalItemId),
				itemIndex,
				workItemId,
				approvalItemId,
			});
			return writeResult(answer, { id: workItemId, approvalItemId, operation: value });
		},
	};
}

/** Approve All / Reject All: `POST /work-items/v1/bulk-{decision}/{id}`. */
export function decideAllOperation(decision: Decision): Operation {
	const verb = VERB[decision];
	const value = `${decision}All`;
	return {
		option: {
			name: `${verb} All`,
			value,
			action: `${verb} all items of a work item`,
			description: `${OUTCOME[decision]} every approval item of a SailPoint work item at once. Use it when one decision covers the whole request. Input: Work Item ID. Returns the work item. Changes the work item: the decision cannot be undone.`,
		},
		subtitle: `${verb} all items`,
		idempotent: false,
		description: [workItemIdField],
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			connection: Connection,
		): Promise<IDataObject> {
			const workItemId = workItemIdOf(this, itemIndex);
			const answer = await callWorkItem(connection, {
				method: 'POST',
				endpoint: `work-items/bulk-${decision}/${encodeURIComponent(workItemId)}`,
				itemIndex,
				workItemId,
			});
			return writeResult(answer, { id: workItemId, operation: value });
		},
	};
}

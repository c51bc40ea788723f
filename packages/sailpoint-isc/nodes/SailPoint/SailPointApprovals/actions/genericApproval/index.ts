import type { Resource } from '../../../../shared/operations';
import * as addComment from './addComment.operation';
import * as approve from './approve.operation';
import * as bulkApprove from './bulkApprove.operation';
import * as bulkCancel from './bulkCancel.operation';
import * as bulkReassign from './bulkReassign.operation';
import * as bulkReject from './bulkReject.operation';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as reassign from './reassign.operation';
import * as reject from './reject.operation';
import * as updateAttributes from './updateAttributes.operation';

/** ISC's generic approvals (/generic-approvals/v1), e.g. those ISC Workflows raise. */
export const genericApproval: Resource = {
	name: 'Generic Approval',
	value: 'genericApproval',
	operations: [
		addComment,
		approve,
		bulkApprove,
		bulkCancel,
		bulkReassign,
		bulkReject,
		cancel,
		get,
		getMany,
		reassign,
		reject,
		updateAttributes,
	],
	defaultOperation: getMany.option.value,
};

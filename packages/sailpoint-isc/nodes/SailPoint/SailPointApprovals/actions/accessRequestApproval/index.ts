import type { Resource } from '../../../../shared/operations';
import * as approve from './approve.operation';
import * as bulkApprove from './bulkApprove.operation';
import * as forward from './forward.operation';
import * as getApprovers from './getApprovers.operation';
import * as getManyCompleted from './getManyCompleted.operation';
import * as getManyPending from './getManyPending.operation';
import * as getSummary from './getSummary.operation';
import * as reject from './reject.operation';

/** ISC's Access Request Approvals (/access-request-approvals/v1): an approver's main inbox. */
export const accessRequestApproval: Resource = {
	name: 'Access Request Approval',
	value: 'accessRequestApproval',
	operations: [
		approve,
		bulkApprove,
		forward,
		getApprovers,
		getManyCompleted,
		getManyPending,
		getSummary,
		reject,
	],
	defaultOperation: getManyPending.option.value,
};

import type { Resource } from '../../../../shared/operations';
import * as approve from './approve.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getSummary from './getSummary.operation';
import * as reject from './reject.operation';

/** ISC's non-employee approvals (/non-employee-approvals/v1): contractor and partner accounts. */
export const nonEmployeeApproval: Resource = {
	name: 'Non-Employee Approval',
	value: 'nonEmployeeApproval',
	operations: [approve, get, getMany, getSummary, reject],
	defaultOperation: getMany.option.value,
};

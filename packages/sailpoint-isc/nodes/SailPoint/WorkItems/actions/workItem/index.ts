import type { Resource } from '../../../../shared/operations';
import * as approveAll from './approveAll.operation';
import * as approveItem from './approveItem.operation';
import * as complete from './complete.operation';
import * as forward from './forward.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getCompletedCount from './getCompletedCount.operation';
import * as getCount from './getCount.operation';
import * as getManyCompleted from './getManyCompleted.operation';
import * as getSummary from './getSummary.operation';
import * as rejectAll from './rejectAll.operation';
import * as rejectItem from './rejectItem.operation';
import * as submitAccountSelection from './submitAccountSelection.operation';

/** The Work Item resource: every operation on ISC work items, listed once. */
export const workItem: Resource = {
	name: 'Work Item',
	value: 'workItem',
	operations: [
		approveAll,
		approveItem,
		complete,
		forward,
		get,
		getAll,
		getCompletedCount,
		getCount,
		getManyCompleted,
		getSummary,
		rejectAll,
		rejectItem,
		submitAccountSelection,
	],
	defaultOperation: getAll.option.value,
};

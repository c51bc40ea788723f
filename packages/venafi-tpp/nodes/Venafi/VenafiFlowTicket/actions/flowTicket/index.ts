import type { Resource } from '../../../../shared/operations';
import * as approve from './approve.operation';
import * as countApproved from './countApproved.operation';
import * as countPending from './countPending.operation';
import * as get from './get.operation';
import * as getManyApproved from './getManyApproved.operation';
import * as getManyPending from './getManyPending.operation';
import * as reject from './reject.operation';
import * as update from './update.operation';

/** The Flow Ticket resource: every operation on Flow tickets, listed once. */
export const flowTicket: Resource = {
	name: 'Flow Ticket',
	value: 'flowTicket',
	operations: [
		approve,
		countApproved,
		countPending,
		get,
		getManyApproved,
		getManyPending,
		reject,
		update,
	],
	defaultOperation: getManyPending.option.value,
};

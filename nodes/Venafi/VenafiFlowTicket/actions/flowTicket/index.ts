import type { FlowOperation } from '../../helpers';
import * as approve from './approve.operation';
import * as countApproved from './countApproved.operation';
import * as countPending from './countPending.operation';
import * as get from './get.operation';
import * as getManyApproved from './getManyApproved.operation';
import * as getManyPending from './getManyPending.operation';
import * as reject from './reject.operation';
import * as update from './update.operation';

/** The Flow Ticket resource: every operation, listed once (alphabetically, as the editor shows them). */
export const flowTicketOperations: FlowOperation[] = [
	approve,
	countApproved,
	countPending,
	get,
	getManyApproved,
	getManyPending,
	reject,
	update,
];

import type { Resource } from '../../../../shared/operations';
import * as create from './create.operation';
import * as deleteTicket from './delete.operation';
import * as exists from './exists.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getStatus from './getStatus.operation';
import * as updateStatus from './updateStatus.operation';

/** The Ticket resource: every operation on workflow tickets, listed once. */
export const ticket: Resource = {
	name: 'Ticket',
	value: 'ticket',
	operations: [create, deleteTicket, exists, get, getMany, getStatus, updateStatus],
	defaultOperation: get.option.value,
};

import type { Resource } from '../../../../shared/operations';
import * as complete from './complete.operation';

/** Invocations of ISC's event triggers that wait for an answer (SailPoint Event Trigger). */
export const triggerInvocation: Resource = {
	name: 'Event Trigger Invocation',
	value: 'triggerInvocation',
	operations: [complete],
	defaultOperation: complete.option.value,
};

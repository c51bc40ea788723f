import type { Resource } from '../../../../shared/operations';
import * as getAll from './getAll.operation';

/**
 * The Work resource: the agent work of GET Client/Work. Workflows saved before the node had a
 * Resource parameter open with this one, the default.
 */
export const work: Resource = {
	name: 'Work',
	value: 'work',
	operations: [getAll],
	defaultOperation: getAll.option.value,
};

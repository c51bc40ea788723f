import type { Resource } from '../../../../shared/operations';
import * as decide from './decide.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getManyReviewItems from './getManyReviewItems.operation';
import * as getReviewers from './getReviewers.operation';
import * as reassign from './reassign.operation';
import * as signOff from './signOff.operation';

/** ISC's certifications (/certifications/v1): a reviewer's access reviews. */
export const certification: Resource = {
	name: 'Certification',
	value: 'certification',
	operations: [decide, get, getMany, getManyReviewItems, getReviewers, reassign, signOff],
	defaultOperation: getMany.option.value,
};

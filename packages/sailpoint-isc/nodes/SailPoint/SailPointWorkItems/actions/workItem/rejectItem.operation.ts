import { decideItemOperation } from '../../../helpers/workItemDecisions';

/** Reject Item: decides one approval item of a work item (built with its twin in workItemDecisions.ts). */
export const { option, subtitle, idempotent, description, execute } = decideItemOperation('reject');

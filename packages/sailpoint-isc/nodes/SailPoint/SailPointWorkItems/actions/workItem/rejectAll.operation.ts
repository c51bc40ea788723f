import { decideAllOperation } from '../../../helpers/workItemDecisions';

/** Reject All: decides every approval item of a work item (built with its twin in workItemDecisions.ts). */
export const { option, subtitle, idempotent, description, execute } = decideAllOperation('reject');

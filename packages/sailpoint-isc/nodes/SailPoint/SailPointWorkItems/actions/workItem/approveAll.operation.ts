import { decideAllOperation } from '../../../helpers/workItemDecisions';

/** Approve All: decides every approval item of a work item (built with its twin in workItemDecisions.ts). */
export const { option, subtitle, idempotent, description, execute } = decideAllOperation('approve');

import { commentedBulkOperation } from './bulk';

/** Bulk Reject: many generic approvals in batches (built with its twin in bulk.ts). */
export const { option, subtitle, idempotent, description, execute } =
	commentedBulkOperation('reject');

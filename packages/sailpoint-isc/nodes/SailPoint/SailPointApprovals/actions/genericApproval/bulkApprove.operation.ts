import { commentedBulkOperation } from './bulk';

/** Bulk Approve: many generic approvals in batches (built with its twins in bulk.ts). */
export const { option, subtitle, idempotent, description, execute } =
	commentedBulkOperation('approve');

import { listingOperation } from '../../../helpers/accessRequestListings';

/** Get Many Completed: lists completed access request approvals (built with its twin in accessRequestListings.ts). */
export const { option, subtitle, idempotent, description, execute } = listingOperation('completed');

import { flowListingOperation } from '../../../helpers/flowTicketListings';

/** Get Many Pending: lists pending Flow tickets (built with its twin in flowTicketListings.ts). */
export const { option, subtitle, idempotent, description, execute } =
	flowListingOperation('pending');

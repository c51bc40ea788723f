import { flowListingOperation } from '../../../helpers/flowTicketListings';

/** Get Many Approved: lists approved Flow tickets (built with its twin in flowTicketListings.ts). */
export const { option, subtitle, idempotent, description, execute } =
	flowListingOperation('approved');

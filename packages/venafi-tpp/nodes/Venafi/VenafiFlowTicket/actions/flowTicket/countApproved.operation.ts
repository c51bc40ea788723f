import { flowCountOperation } from '../../../helpers/flowTicketListings';

/** Count Approved: counts approved Flow tickets (built with its twin in flowTicketListings.ts). */
export const { option, subtitle, idempotent, description, execute } =
	flowCountOperation('approved');

import { flowCountOperation } from '../../../helpers/flowTicketListings';

/** Count Pending: counts pending Flow tickets (built with its twin in flowTicketListings.ts). */
export const { option, subtitle, idempotent, description, execute } = flowCountOperation('pending');

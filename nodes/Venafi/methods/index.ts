import type { INodeType } from 'n8n-workflow';

import { searchApprovedFlowTickets, searchPendingFlowTickets } from './flowTickets';

/**
 * The Venafi nodes' list searches (resource locators), e.g. picking a workflow or an identity
 * from TPP instead of typing its DN. Each one lands here and the node exposes this object as
 * `methods.listSearch`. The Flow ticket pickers list pending (or approved) Flow tickets.
 */
export const listSearch: NonNullable<NonNullable<INodeType['methods']>['listSearch']> = {
	searchPendingFlowTickets,
	searchApprovedFlowTickets,
};

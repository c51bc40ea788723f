import type { INodeType } from 'n8n-workflow';

import { searchApprovedFlowTickets, searchPendingFlowTickets } from './flowTickets';
import { searchObjects, searchTickets, searchWorkflows } from './policyTree';

/**
 * The Venafi nodes' list searches (resource locators), e.g. picking a workflow or an identity
 * from TPP instead of typing its DN. Each one lands here and the node exposes this object as
 * `methods.listSearch`. The Flow ticket pickers list pending (or approved) Flow tickets; the
 * Ticket GUID, Object DN and Workflow DN pickers search the Policy tree (policyTree.ts).
 */
export const listSearch: NonNullable<NonNullable<INodeType['methods']>['listSearch']> = {
	searchPendingFlowTickets,
	searchApprovedFlowTickets,
	searchTickets,
	searchObjects,
	searchWorkflows,
};

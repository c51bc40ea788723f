import type { INodeType } from 'n8n-workflow';

import { searchApprovedFlowTickets, searchPendingFlowTickets } from './flowTickets';
import { getIdentities } from './identities';
import { searchObjects, searchTicketObjects, searchTickets, searchWorkflows } from './policyTree';

/**
 * The Venafi nodes' list searches (resource locators), e.g. picking a workflow or an identity
 * from TPP instead of typing its DN. Each one lands here and the node exposes this object as
 * `methods.listSearch`. The Flow ticket pickers list pending (or approved) Flow tickets; the
 * Ticket GUID, Object DN and Workflow DN pickers search the Policy tree (policyTree.ts); the
 * Approvers list comes from the identity providers (identities.ts).
 */
export const listSearch: NonNullable<NonNullable<INodeType['methods']>['listSearch']> = {
	searchPendingFlowTickets,
	searchApprovedFlowTickets,
	searchTickets,
	searchObjects,
	searchTicketObjects,
	searchWorkflows,
};

/** Lists n8n filters itself, for fields that hold several values (Approvers). */
export const loadOptions: NonNullable<NonNullable<INodeType['methods']>['loadOptions']> = {
	getIdentities,
};

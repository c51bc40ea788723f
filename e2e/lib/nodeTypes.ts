/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Our node classes, from their sources, for scripts that need what a node declares (its newest
 * version, say) rather than a copy of it. `require` names the .ts file (as bench/profile.ts
 * does): an import of `X.node` would load the codex file X.node.json beside it, which Node's
 * resolution tries before ts-node's .ts.
 */
export const { VenafiWork } = require('../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node.ts') as typeof import('../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node');
export const { VenafiTicket } = require('../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node.ts') as typeof import('../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node');
export const { VenafiTicketTrigger } = require('../../packages/venafi-tpp/nodes/Venafi/VenafiTicketTrigger/VenafiTicketTrigger.node.ts') as typeof import('../../packages/venafi-tpp/nodes/Venafi/VenafiTicketTrigger/VenafiTicketTrigger.node');
export const { VenafiFlowTicket } = require('../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicket/VenafiFlowTicket.node.ts') as typeof import('../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicket/VenafiFlowTicket.node');
export const { VenafiFlowTicketTrigger } = require('../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicketTrigger/VenafiFlowTicketTrigger.node.ts') as typeof import('../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicketTrigger/VenafiFlowTicketTrigger.node');
export const { WorkItems } = require('../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node.ts') as typeof import('../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node');
export const { WorkItemsTrigger } = require('../../packages/sailpoint-isc/nodes/SailPoint/WorkItemsTrigger/WorkItemsTrigger.node.ts') as typeof import('../../packages/sailpoint-isc/nodes/SailPoint/WorkItemsTrigger/WorkItemsTrigger.node');
export const { SailPointApprovals } = require('../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node.ts') as typeof import('../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node');
export const { SailPointApprovalsTrigger } = require('../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovalsTrigger/SailPointApprovalsTrigger.node.ts') as typeof import('../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovalsTrigger/SailPointApprovalsTrigger.node');
export const { SailPointEventTrigger } = require('../../packages/sailpoint-isc/nodes/SailPoint/SailPointEventTrigger/SailPointEventTrigger.node.ts') as typeof import('../../packages/sailpoint-isc/nodes/SailPoint/SailPointEventTrigger/SailPointEventTrigger.node');
export const { SailPointCertifications } = require('../../packages/sailpoint-isc/nodes/SailPoint/SailPointCertifications/SailPointCertifications.node.ts') as typeof import('../../packages/sailpoint-isc/nodes/SailPoint/SailPointCertifications/SailPointCertifications.node');
export const { SailPointCertificationsTrigger } = require('../../packages/sailpoint-isc/nodes/SailPoint/SailPointCertificationsTrigger/SailPointCertificationsTrigger.node.ts') as typeof import('../../packages/sailpoint-isc/nodes/SailPoint/SailPointCertificationsTrigger/SailPointCertificationsTrigger.node');

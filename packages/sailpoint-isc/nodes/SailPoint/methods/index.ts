import type { INodeType } from 'n8n-workflow';

import {
	getPendingAccessRequestApprovals,
	getPendingGenericApprovals,
	searchGenericApprovals,
	searchPendingAccessRequestApprovals,
	searchPendingNonEmployeeApprovals,
} from './approvals';
import {
	getCertificationIdentities,
	getUndecidedReviewItems,
	searchCertifications,
} from './certifications';
import { searchIdentities } from './identities';
import { searchApprovalItems, searchWorkItems } from './workItems';

/**
 * The SailPoint nodes' list searches (resource locators): identities (GET /public-identities),
 * the token's work items (GET /work-items) and a work item's approval items, pending access
 * request approvals and generic approvals, certifications. Each node exposes
 * this object as `methods.listSearch`.
 */
export const listSearch: NonNullable<NonNullable<INodeType['methods']>['listSearch']> = {
	searchIdentities,
	searchWorkItems,
	searchApprovalItems,
	searchPendingAccessRequestApprovals,
	searchGenericApprovals,
	searchPendingNonEmployeeApprovals,
	searchCertifications,
};

/** The SailPoint nodes' load-options methods: lists of which several values are picked. */
export const loadOptions: NonNullable<NonNullable<INodeType['methods']>['loadOptions']> = {
	getPendingGenericApprovals,
	getPendingAccessRequestApprovals,
	getUndecidedReviewItems,
	getCertificationIdentities,
};

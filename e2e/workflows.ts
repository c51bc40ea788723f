import { randomUUID } from 'node:crypto';
import { CERTIFICATE_OWNERS } from '../test/sandbox/tpp';

import {
	ifEquals,
	ourNode,
	SAILPOINT_OAUTH,
	SAILPOINT_V3,
	SAILPOINT_WRONG_TOKEN,
	sailPointApprovals,
	sailPointCertifications,
	splitItems,
	VENAFI_OAUTH,
	VENAFI_WRONG_TOKEN,
	venafiTicket,
	venafiWork,
	webhook,
	workflow,
	workItems,
	type Workflow,
} from '../test/n8n/builder';

/**
 * The end-to-end suite's workflows. Each starts with a production webhook, so that one running
 * n8n serves every case; parameters come from the webhook body through expressions, as
 * builders wire them.
 */

export interface TestWorkflow {
	id: string;
	path: string;
	workflow: Workflow;
}

function webhookWorkflow(id: string, path: string, name: string, nodes: Workflow['nodes'], links?: Array<[string, number, string]>): TestWorkflow {
	return { id, path, workflow: workflow(id, `e2e: ${name}`, [webhook(path), ...nodes], links) };
}

export const venafiWorkGetAll = webhookWorkflow('e2eVenafiWork001', 'e2e-venafi-work', 'Venafi Work Get Many', [
	venafiWork('Venafi Work', { operation: 'getAll', workType: '={{ $json.body.workType }}' }),
]);

export const venafiWorkWrongToken = webhookWorkflow('e2eVenafiWrongTk', 'e2e-venafi-wrong-token', 'Venafi Work with a wrong token', [
	venafiWork('Venafi Work', { operation: 'getAll', workType: '' }, {}, VENAFI_WRONG_TOKEN),
]);

export const ticketGet = webhookWorkflow('e2eTicketGet0001', 'e2e-ticket-get', 'Venafi Ticket Get Details', [
	venafiTicket('Get Details', { operation: 'get', guid: '={{ $json.body.guid }}' }),
]);

export const ticketUpdate = webhookWorkflow('e2eTicketUpdate1', 'e2e-ticket-update', 'Venafi Ticket Update Status', [
	venafiTicket('Update Status', {
		operation: 'updateStatus',
		guid: '={{ $json.body.guid }}',
		status: '={{ $json.body.status }}',
		explanation: '={{ $json.body.explanation ?? "" }}',
		scheduledStart: '={{ $json.body.scheduledStart ?? "" }}',
		scheduledStop: '={{ $json.body.scheduledStop ?? "" }}',
		additionalFields: { userData: '={{ $json.body.userData ?? "" }}' },
	}),
]);

/** Get Details -> IF Status is Pending -> Update Status Approved -> Get Details. */
export const ticketChain = webhookWorkflow(
	'e2eTicketChain01',
	'e2e-ticket-chain',
	'Venafi Ticket chain (approve pending)',
	[
		splitItems(),
		venafiTicket('Get Details', { operation: 'get', guid: '={{ $json.guid }}' }),
		ifEquals('Status is Pending', '={{ $json.Status }}', 'Pending'),
		venafiTicket('Approve', {
			operation: 'updateStatus',
			guid: '={{ $json.GUID }}',
			status: 'Approved',
			explanation: 'Approved by the e2e chain',
			additionalFields: {},
		}),
		venafiTicket('Get Details Again', { operation: 'get', guid: '={{ $json.GUID }}' }),
	],
	[
		['Webhook', 0, 'Split Items'],
		['Split Items', 0, 'Get Details'],
		['Get Details', 0, 'Status is Pending'],
		['Status is Pending', 0, 'Approve'],
		['Approve', 0, 'Get Details Again'],
	],
);

/** Continue On Fail: good and bad GUIDs in one run; every input gets an output, in order. */
export const ticketContinueOnFail = webhookWorkflow('e2eTicketContOnF', 'e2e-ticket-continue-on-fail', 'Venafi Ticket Continue On Fail', [
	splitItems(),
	venafiTicket('Get Details', { operation: 'get', guid: '={{ $json.guid }}' }, { onError: 'continueRegularOutput' }),
]);

export const workItemsGetAll = webhookWorkflow('e2eWorkItemsAll1', 'e2e-work-items', 'Work Items Get Many', [
	workItems('Work Items', {
		operation: 'getAll',
		returnAll: '={{ $json.body.returnAll ?? false }}',
		limit: '={{ $json.body.limit ?? 50 }}',
		filters: { ownerId: '={{ $json.body.ownerId ?? "" }}' },
		options: { offset: '={{ $json.body.offset ?? 0 }}', includeTotal: '={{ $json.body.includeTotal ?? false }}' },
	}),
]);

export const workItemsWrongToken = webhookWorkflow('e2eWorkItemsBad1', 'e2e-work-items-wrong-token', 'Work Items with a wrong token', [
	workItems('Work Items', { operation: 'getAll', returnAll: false, limit: 5, filters: {}, options: {} }, {}, SAILPOINT_WRONG_TOKEN),
]);

/** Get Many (Enumerate) by Object DN, with details, a status filter and Refresh Permissions. */
export const ticketGetMany = webhookWorkflow('e2eTicketGetMany', 'e2e-ticket-get-many', 'Venafi Ticket Get Many', [
	venafiTicket('Get Many', {
		resource: 'ticket',
		operation: 'getMany',
		objectDn: '={{ $json.body.objectDn ?? "" }}',
		userData: '={{ $json.body.userData ?? "" }}',
		includeDetails: '={{ $json.body.includeDetails }}',
		options: { status: '={{ $json.body.status }}', refreshPermissions: true },
	}),
]);

/** A ticket's life: Create -> Get Status -> Exists -> Delete -> Exists (false). */
export const ticketLifecycle = webhookWorkflow('e2eTicketLifecyc', 'e2e-ticket-lifecycle', 'Venafi Ticket Create, Get Status, Exists, Delete', [
	venafiTicket('Create', {
		resource: 'ticket',
		operation: 'create',
		objectDn: '={{ $json.body.objectDn }}',
		workflowDn: '={{ $json.body.workflowDn }}',
		approvers: '={{ $json.body.approvers }}',
		reason: 7,
		userData: '={{ $json.body.userData }}',
	}),
	venafiTicket('Get Status', { resource: 'ticket', operation: 'getStatus', guid: '={{ $json.GUID }}', options: { refreshPermissions: true } }),
	venafiTicket('Exists', { resource: 'ticket', operation: 'exists', guid: '={{ $json.GUID }}', options: {} }),
	venafiTicket('Delete', { resource: 'ticket', operation: 'delete', guid: '={{ $json.GUID }}' }),
	venafiTicket('Exists After Delete', { resource: 'ticket', operation: 'exists', guid: '={{ $json.GUID }}', options: {} }),
]);

/** The credentials' sign-in methods: n8n signs in (preAuthentication) and keeps the session token. */
export const venafiWorkOAuth = webhookWorkflow('e2eVenafiOAuth01', 'e2e-venafi-oauth', 'Venafi Work with OAuth sign-in', [
	venafiWork('Venafi Work', { operation: 'getAll', workType: '' }, {}, VENAFI_OAUTH),
]);

/** Get Details for every GUID in the body's items, signing in with OAuth (tokens renewed mid-run). */
export const ticketGetOAuth = webhookWorkflow('e2eTicketOAuth01', 'e2e-ticket-oauth', 'Venafi Ticket Get Details with OAuth sign-in', [
	splitItems(),
	venafiTicket('Get Details', { operation: 'get', guid: '={{ $json.guid }}' }, {}, VENAFI_OAUTH),
]);

export const workItemsClientCredentials = webhookWorkflow('e2eIscClientCred', 'e2e-isc-client-credentials', 'Work Items with client credentials', [
	workItems('Work Items', { operation: 'getAll', returnAll: false, limit: 3, filters: {}, options: {} }, {}, SAILPOINT_OAUTH),
]);

/**
 * Venafi Ticket Trigger on \\VED\\Policy\\Certificates, emitting new tickets and status
 * changes. It polls every minute as configured, and n8n also polls once on each activation,
 * which the tests use to poll on demand (n8n refuses intervals under a minute).
 */
export const ticketTriggerWorkflow = {
	id: 'e2eTicketTrigger',
	workflow: workflow('e2eTicketTrigger', 'e2e: Venafi Ticket Trigger', [
		ourNode(
			'venafiTicketTrigger',
			'Venafi Ticket Trigger',
			{
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				objectDn: '',
				userData: CERTIFICATE_OWNERS,
				options: { emitStatusChanges: true },
			},
			{ venafiTppApi: { id: 'venafi-tpp-sandbox', name: 'Venafi TPP (sandbox)' } },
		),
		{
			id: randomUUID(),
			name: 'Received',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	]),
};

/** Work Items reads, one after the other on one input item. */
export const workItemsReads = webhookWorkflow('e2eWorkItemsRead', 'e2e-work-items-reads', 'Work Items Get, counts, summary, completed', [
	workItems('Get', { resource: 'workItem', operation: 'get', workItemId: '={{ $json.body.workItemId }}' }),
	workItems('Get Count', { resource: 'workItem', operation: 'getCount', filters: {} }),
	workItems('Get Completed Count', { resource: 'workItem', operation: 'getCompletedCount', filters: {} }),
	workItems('Get Summary', { resource: 'workItem', operation: 'getSummary', filters: {} }),
	workItems('Get Many Completed', { resource: 'workItem', operation: 'getManyCompleted', returnAll: false, limit: 3, filters: {}, options: { includeTotal: true } }),
]);

/** One workflow per Work Items action; parameters from the webhook body. */
function workItemAction(operation: string, path: string, parameters: Record<string, unknown>): TestWorkflow {
	const id = `e2eWI${operation}`.slice(0, 16).padEnd(16, '0');
	return webhookWorkflow(id, `e2e-work-item-${path}`, `Work Items ${operation}`, [
		workItems('Work Items', { resource: 'workItem', operation, workItemId: '={{ $json.body.workItemId }}', ...parameters }),
	]);
}

export const workItemActions = {
	approveItem: workItemAction('approveItem', 'approve-item', { approvalItemId: '={{ $json.body.approvalItemId }}' }),
	rejectItem: workItemAction('rejectItem', 'reject-item', { approvalItemId: '={{ $json.body.approvalItemId }}' }),
	approveAll: workItemAction('approveAll', 'approve-all', {}),
	rejectAll: workItemAction('rejectAll', 'reject-all', {}),
	complete: workItemAction('complete', 'complete', {}),
	forward: workItemAction('forward', 'forward', { targetOwnerId: '={{ $json.body.targetOwnerId }}', comment: '={{ $json.body.comment }}', sendNotifications: false }),
	submitAccountSelection: workItemAction('submitAccountSelection', 'submit-account-selection', { accountSelection: '={{ JSON.stringify($json.body.selection) }}' }),
};

/** Work Items Get Many through a credential whose API Version is v3. */
export const workItemsV3 = webhookWorkflow('e2eWorkItemsV3a1', 'e2e-work-items-v3', 'Work Items Get Many (API Version v3)', [
	workItems('Work Items', { operation: 'getAll', returnAll: true, filters: {}, options: {} }, {}, SAILPOINT_V3),
]);

/** Every parameter a SailPoint Approvals operation may take, from the webhook body (unused ones are ignored). */
const fromBody = (names: string[]) => Object.fromEntries(names.map((name) => [name, `={{ $json.body.${name} }}`]));

/** One workflow per SailPoint Approvals operation, on Continue On Fail so that errors come back as items. */
function approvalsOperation(resource: string, operation: string, parameters: Record<string, unknown>): TestWorkflow {
	const short = resource === 'accessRequestApproval' ? 'A' : 'G';
	const id = `e2eAp${short}${operation}`.slice(0, 16).padEnd(16, '0');
	return webhookWorkflow(id, `e2e-approvals-${short.toLowerCase()}-${operation.toLowerCase()}`, `SailPoint Approvals ${resource} ${operation}`, [
		sailPointApprovals('Approvals', { resource, operation, ...parameters }, { onError: 'continueRegularOutput' }),
	]);
}

const LIST = { returnAll: true, options: {} };
export const accessRequestApprovalOperations = {
	getManyPending: approvalsOperation('accessRequestApproval', 'getManyPending', { ...LIST, owner: '={{ $json.body.owner }}', ownerId: '={{ $json.body.ownerId ?? "" }}', filters: {} }),
	getManyCompleted: approvalsOperation('accessRequestApproval', 'getManyCompleted', { ...LIST, owner: 'me', filters: {} }),
	approve: approvalsOperation('accessRequestApproval', 'approve', fromBody(['approvalId', 'comment'])),
	reject: approvalsOperation('accessRequestApproval', 'reject', fromBody(['approvalId', 'comment'])),
	forward: approvalsOperation('accessRequestApproval', 'forward', fromBody(['approvalId', 'newOwnerId', 'comment'])),
	getSummary: approvalsOperation('accessRequestApproval', 'getSummary', { owner: 'me' }),
	getApprovers: approvalsOperation('accessRequestApproval', 'getApprovers', { ...LIST, ...fromBody(['accessRequestId']) }),
};
export const genericApprovalOperations = {
	getMany: approvalsOperation('genericApproval', 'getMany', { ...LIST, assignedTo: 'me', filters: { status: 'PENDING' } }),
	get: approvalsOperation('genericApproval', 'get', fromBody(['approvalId'])),
	approve: approvalsOperation('genericApproval', 'approve', { ...fromBody(['approvalId', 'comment']), options: {} }),
	reject: approvalsOperation('genericApproval', 'reject', fromBody(['approvalId', 'comment'])),
	reassign: approvalsOperation('genericApproval', 'reassign', { ...fromBody(['approvalId', 'reassignTo', 'comment']), options: {} }),
	cancel: approvalsOperation('genericApproval', 'cancel', fromBody(['approvalId'])),
	addComment: approvalsOperation('genericApproval', 'addComment', fromBody(['approvalId', 'comment'])),
	bulkApprove: approvalsOperation('genericApproval', 'bulkApprove', { ...fromBody(['approvalIds']), options: { batchSize: 2 } }),
	bulkReject: approvalsOperation('genericApproval', 'bulkReject', { ...fromBody(['approvalIds']), options: {} }),
	bulkReassign: approvalsOperation('genericApproval', 'bulkReassign', { ...fromBody(['approvalIds', 'reassignTo', 'reassignFrom']), options: {} }),
	bulkCancel: approvalsOperation('genericApproval', 'bulkCancel', { ...fromBody(['approvalIds']), options: {} }),
};

/**
 * SailPoint Approvals version 3 as the nodes panel adds it (Simplify left at its default, on):
 * pending access request approvals, one generic approval, then an approval decided; each node
 * runs once on the webhook's item.
 */
const ONCE = { typeVersion: 3, executeOnce: true };
export const approvalsVersion3 = webhookWorkflow('e2eApprovalsV3a1', 'e2e-approvals-v3', 'SailPoint Approvals version 3', [
	sailPointApprovals('Pending (v3)', { resource: 'accessRequestApproval', operation: 'getManyPending', returnAll: true, filters: {}, options: {} }, ONCE),
	sailPointApprovals('Generic Get (v3)', { resource: 'genericApproval', operation: 'get', approvalId: { __rl: true, mode: 'id', value: "={{ $('Webhook').first().json.body.genericId }}" } }, ONCE),
	sailPointApprovals('Approve (v3)', { resource: 'accessRequestApproval', operation: 'approve', approvalId: { __rl: true, mode: 'id', value: "={{ $('Webhook').first().json.body.approvalId }}" }, comment: 'Low risk' }, ONCE),
	sailPointApprovals('Generic Reject (v3)', { resource: 'genericApproval', operation: 'reject', approvalId: { __rl: true, mode: 'id', value: "={{ $('Webhook').first().json.body.genericId }}" }, comment: 'Not now', options: {} }, ONCE),
]);

/**
 * Node versions: an Update Status node as a version 1 workflow was exported (Status left at
 * version 1's default, Approved, so n8n did not save it), and the same search with a version 2
 * node (Simplify on, a Limit) next to a version 1 one (every ticket, TPP's answer).
 */
export const ticketVersions = webhookWorkflow('e2eTicketVersion', 'e2e-ticket-versions', 'Venafi Ticket version 1 and 2', [
	venafiTicket('Saved Version 1 Update Status', { operation: 'updateStatus', guid: '={{ $json.body.guid }}' }),
	venafiTicket('Version 1 Get Many', { operation: 'getMany', userData: '={{ $json.body.userData }}' }),
	venafiTicket('Version 2 Get Many', { operation: 'getMany', userData: '={{ $json.body.userData }}', limit: 2 }, { typeVersion: 2 }),
], [
	['Webhook', 0, 'Saved Version 1 Update Status'],
	['Webhook', 0, 'Version 1 Get Many'],
	['Webhook', 0, 'Version 2 Get Many'],
]);

/**
 * Request Options as workflows exported before and after they moved under Options: a version 2
 * node keeps them in a collection of its own (`requestOptions`), a version 3 node as an entry of
 * Options (`options.requestOptions.values`); both with Items in Flight 1, one after the other on
 * the same tickets.
 */
export const ticketRequestOptionsVersions = webhookWorkflow('e2eTicketReqOpts', 'e2e-ticket-request-options', 'Venafi Ticket Request Options version 2 and 3', [
	splitItems(),
	venafiTicket('Version 2 Get Details', { operation: 'get', guid: '={{ $json.guid }}', requestOptions: { batchSize: 1 } }, { typeVersion: 2 }),
	venafiTicket('Version 3 Get Details', { operation: 'get', guid: '={{ $json.GUID }}', options: { requestOptions: { values: { batchSize: 1 } } } }, { typeVersion: 3 }),
]);

/** SailPoint Certifications: a reviewer's day, one node per step (the certification from the body). */
const certification = { __rl: true, mode: 'id', value: '={{ $json.body.certificationId }}' };
export const certificationGetMany = webhookWorkflow('e2eCertGetMany01', 'e2e-certification-get-many', 'SailPoint Certifications Get Many', [
	sailPointCertifications('Get Many', { resource: 'certification', operation: 'getMany', returnAll: true }),
]);
export const certificationReviewItems = webhookWorkflow('e2eCertItems0001', 'e2e-certification-review-items', 'SailPoint Certifications review items', [
	sailPointCertifications('Review Items', { resource: 'certification', operation: 'getManyReviewItems', certificationId: certification, returnAll: true }),
]);
export const certificationDecide = webhookWorkflow('e2eCertDecide001', 'e2e-certification-decide', 'SailPoint Certifications decide', [
	sailPointCertifications('Decide', {
		resource: 'certification',
		operation: 'decide',
		certificationId: certification,
		reviewItemIds: '={{ $json.body.reviewItemIds }}',
		decision: '={{ $json.body.decision }}',
		comment: '={{ $json.body.comment ?? "" }}',
	}),
]);
export const certificationSignOff = webhookWorkflow('e2eCertSignOff01', 'e2e-certification-sign-off', 'SailPoint Certifications sign off', [
	sailPointCertifications('Sign Off', { resource: 'certification', operation: 'signOff', certificationId: certification }, { onError: 'continueRegularOutput' }),
]);

export const TEST_WORKFLOWS: TestWorkflow[] = [
	ticketVersions,
	ticketRequestOptionsVersions,
	workItemsV3,
	...Object.values(accessRequestApprovalOperations),
	...Object.values(genericApprovalOperations),
	approvalsVersion3,
	venafiWorkGetAll,
	venafiWorkWrongToken,
	ticketGet,
	ticketUpdate,
	ticketChain,
	ticketContinueOnFail,
	workItemsGetAll,
	workItemsWrongToken,
	ticketGetMany,
	ticketLifecycle,
	venafiWorkOAuth,
	ticketGetOAuth,
	workItemsClientCredentials,
	workItemsReads,
	...Object.values(workItemActions),
	certificationGetMany,
	certificationReviewItems,
	certificationDecide,
	certificationSignOff,
];

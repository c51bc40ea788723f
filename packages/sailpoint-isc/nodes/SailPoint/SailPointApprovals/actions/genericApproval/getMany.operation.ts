import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllFields } from '../../../../shared/returnAll';
import { parameterError } from '../../../../shared/errors';
import { optionalText } from '../../../../shared/validation';
import {
	customFilterOption,
	includeTotalOption,
	offsetOption,
} from '../../../descriptions/approvalFields';
import { dateOf, GENERIC_APPROVALS, quoted } from '../../../helpers/approvals';
import { listPaged } from '../../../helpers/listPaged';
import { optionalIscId } from '../../../helpers/ids';
import { identityField } from '../../../descriptions/workItemFields';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { simplifyFieldSince } from '../../../../shared/versions';
import { simplifyGenericApproval } from '../../../helpers/approvalSimplify';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many generic approvals',
	description:
		'Lists SailPoint generic approvals (approval requests raised by ISC Workflows and other services). Use it to find what needs a decision. Inputs: Assigned To; Return All or Limit; filters (status, priority, type, requester) optional. Returns one item per approval: ID, name, status, priority, requester, approvers, created. Read only.',
	descriptionFrom: {
		version: 3,
		description:
			'Lists SailPoint generic approvals (approval requests raised by ISC Workflows and other services). Use it to find what needs a decision. Inputs: Assigned To; Return All or Limit; filters (status, priority, type, requester) optional. Returns one item per approval; with Simplify (on) what a person reads first: name and description as plain text, type, priority, requester, requestee, status, approvers, created, the ID last; off: as ISC sends it. Read only.',
	},
};

export const subtitle = 'Get Many';

export const idempotent = true;

/** The statuses the filter takes (ISC's approval status enum). */
const STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'CANCELLED', 'NOT_READY'];
const PRIORITIES = ['HIGH', 'MEDIUM', 'LOW'];
const titled = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace('_', ' ');

export const description: INodeProperties[] = [
	{
		displayName: 'Assigned To',
		name: 'assignedTo',
		type: 'options',
		default: 'me',
		options: [
			{
				name: 'Me',
				value: 'me',
				description: "Approvals the token's identity is an approver of (mine=true)",
			},
			{
				name: 'Anyone (Admin)',
				value: 'anyone',
				description:
					'Every approval of the tenant for admins (mine=false), or narrowed by the filters',
			},
		],
	},
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			identityField(
				'Approver ID',
				'approverId',
				"Approvals this identity is an approver of (someone else's needs an admin): search by name or email, or enter its ID",
			),
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only approvals created after this time',
			},
			customFilterOption,
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				default: 'HIGH',
				options: PRIORITIES.map((value) => ({ name: titled(value), value })),
			},
			{
				displayName: 'Reference ID',
				name: 'referenceId',
				type: 'string',
				default: '',
				description:
					'Approvals of this object, e.g. an access request ID (with Reference Type accessRequestId)',
			},
			{
				displayName: 'Reference Type',
				name: 'referenceType',
				type: 'string',
				default: '',
				placeholder: 'accessRequestId',
			},
			identityField(
				'Requestee ID',
				'requesteeId',
				'Approvals of requests for this identity: search by name or email, or enter its ID',
			),
			identityField(
				'Requester ID',
				'requesterId',
				'Approvals of requests this identity made: search by name or email, or enter its ID',
			),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'PENDING',
				options: STATUSES.map((value) => ({ name: titled(value), value })),
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'string',
				default: '',
				placeholder: 'GENERIC_APPROVAL',
				description: 'The approval type, e.g. GENERIC_APPROVAL, ENTITLEMENT_DESCRIPTIONS',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Include Approvers',
				name: 'includeApprovers',
				type: 'boolean',
				default: false,
				description: 'Whether each approval lists its approvers',
			},
			{
				displayName: 'Include Batch Info',
				name: 'includeBatchInfo',
				type: 'boolean',
				default: false,
				description: 'Whether each approval has its batch information',
			},
			{
				displayName: 'Include Comments',
				name: 'includeComments',
				type: 'boolean',
				default: false,
				description: 'Whether each approval has its comments',
			},
			{
				displayName: 'Include Reassignment History',
				name: 'includeReassignmentHistory',
				type: 'boolean',
				default: false,
				description: 'Whether each approval has its reassignment history',
			},
			includeTotalOption,
			offsetOption,
		],
	},
	...simplifyFieldSince('approval', 3),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const assignedTo = this.getNodeParameter('assignedTo', itemIndex, 'me') as unknown;
	if (assignedTo !== 'me' && assignedTo !== 'anyone') {
		throw parameterError(
			node,
			`The "Assigned To" parameter must be me or anyone, but it is ${JSON.stringify(assignedTo)}`,
			itemIndex,
		);
	}
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { mine: assignedTo === 'me' };
	for (const [name, field] of [
		['approverId', 'Approver ID'],
		['requesterId', 'Requester ID'],
		['requesteeId', 'Requestee ID'],
	] as const) {
		const id = optionalIscId(node, filters[name], field, itemIndex);
		if (id !== undefined) qs[name] = id;
	}
	const conditions: string[] = [];
	const oneOf = (value: unknown, allowed: string[], field: string) => {
		if (value === undefined || value === '') return undefined;
		const text = String(value).trim().toUpperCase();
		if (!allowed.includes(text)) {
			throw parameterError(
				node,
				`The "${field}" filter must be one of ${allowed.join(', ')}, but it is ${JSON.stringify(value)}`,
				itemIndex,
			);
		}
		return text;
	};
	const status = oneOf(filters.status, STATUSES, 'Status');
	if (status) conditions.push(`status eq ${quoted(status)}`);
	const priority = oneOf(filters.priority, PRIORITIES, 'Priority');
	if (priority) conditions.push(`priority eq ${quoted(priority)}`);
	for (const [name, field, label] of [
		['type', 'type', 'Type'],
		['referenceId', 'referenceId', 'Reference ID'],
		['referenceType', 'referenceType', 'Reference Type'],
	] as const) {
		const value = optionalText(node, filters[name], label, itemIndex);
		if (value) conditions.push(`${field} eq ${quoted(value)}`);
	}
	const createdAfter = dateOf(this, filters.createdAfter, 'Created After', itemIndex);
	if (createdAfter) conditions.push(`createdDate gt ${quoted(createdAfter)}`);
	const custom = optionalText(node, filters.customFilter, 'Custom Filter', itemIndex);
	if (custom) conditions.push(custom);
	if (conditions.length > 0) qs.filters = conditions.join(' and ');
	for (const [name, query] of [
		['includeApprovers', 'include-approvers'],
		['includeBatchInfo', 'include-batch-info'],
		['includeComments', 'include-comments'],
		['includeReassignmentHistory', 'include-reassignment-history'],
	] as const) {
		if (options[name] === true) qs[query] = true;
	}
	const approvals = await listPaged(
		this,
		connection,
		itemIndex,
		GENERIC_APPROVALS,
		qs,
		undefined,
		"Listing generic approvals needs one of the scopes idn:access-request-approvals:read, idn:access-request-administration:read or idn:access-request-approvals:manage; Anyone (Admin) and another identity's approvals (Approver ID) need ORG_ADMIN.",
	);
	return this.getNodeParameter('simplify', itemIndex, false) === true
		? approvals.map(simplifyGenericApproval)
		: approvals;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../../shared/errors';
import type { OperationOption } from '../../../../shared/operations';
import { returnAllFields } from '../../../../shared/returnAll';
import type { Connection } from '../../../../shared/transport/connection';
import { optionalText } from '../../../../shared/validation';
import { includeTotalOption, offsetOption, sortOption } from '../../../descriptions/approvalFields';
import { identityField } from '../../../descriptions/workItemFields';
import { quoted } from '../../../helpers/approvals';
import { listPaged } from '../../../helpers/listPaged';
import { whoseItems } from '../../../helpers/ids';
import { FORBIDDEN_READ, NON_EMPLOYEE_APPROVALS } from './common';
import { simplifyFieldSince } from '../../../../shared/versions';
import { simplifyNonEmployeeApproval } from '../../../helpers/approvalSimplify';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many non-employee approvals',
	description:
		"Lists SailPoint non-employee approvals (requests for contractor and partner accounts). Inputs: Approver (Me, An Identity with Approver ID, Anyone for admins); Return All or Limit; Status filter optional. Returns one item per approval: ID, account name, status, approver, the request's ID and requester. Read only.",
};

export const subtitle = 'Get Many';

export const idempotent = true;

const STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'NOT_READY', 'CANCELLED'];

export const description: INodeProperties[] = [
	{
		displayName: 'Approver',
		name: 'approver',
		type: 'options',
		default: 'me',
		options: [
			{
				name: 'Me',
				value: 'me',
				description: "Approvals of the token's identity (requested-for=me)",
			},
			{
				name: 'An Identity',
				value: 'identity',
				description: "One approver's (someone else's needs idn:nesr:read)",
			},
			{ name: 'Anyone (Admin)', value: 'all', description: 'Every approval the token may see' },
		],
	},
	{
		...identityField('Approver ID', 'approverId', 'The approver whose approvals to list', true),
		displayOptions: { show: { approver: ['identity'] } },
	},
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'approvalStatus',
				type: 'options',
				default: 'PENDING',
				options: STATUSES.map((value) => ({
					name: value.charAt(0) + value.slice(1).toLowerCase().replace('_', ' '),
					value,
				})),
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [includeTotalOption, offsetOption, sortOption(['created', 'modified'])],
	},
	// A new operation: Simplify on every version of the node, on by default.
	...simplifyFieldSince('non-employee approval'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const qs: IDataObject = {};
	const approver = whoseItems(this, itemIndex, {
		name: 'approver',
		label: 'Approver',
		idName: 'approverId',
		idLabel: 'Approver ID',
	});
	if (approver !== undefined) qs['requested-for'] = approver;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	if (filters.approvalStatus !== undefined && filters.approvalStatus !== '') {
		const status = String(filters.approvalStatus).trim().toUpperCase();
		if (!STATUSES.includes(status))
			throw parameterError(
				node,
				`The "Status" filter must be one of ${STATUSES.join(', ')}, but it is ${JSON.stringify(filters.approvalStatus)}`,
				itemIndex,
			);
		qs.filters = `approvalStatus eq ${quoted(status)}`;
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const sort = optionalText(node, options.sort, 'Sort', itemIndex);
	if (sort) qs.sorters = sort;
	const approvals = await listPaged(
		this,
		connection,
		itemIndex,
		NON_EMPLOYEE_APPROVALS,
		qs,
		undefined,
		FORBIDDEN_READ,
	);
	return this.getNodeParameter('simplify', itemIndex, true) === true
		? approvals.map(simplifyNonEmployeeApproval)
		: approvals;
}

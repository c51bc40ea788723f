import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { includeTotalOption, offsetOption } from '../../../descriptions/approvalFields';
import { ACCESS_REQUEST_APPROVALS } from '../../../helpers/approvals';
import { listPaged } from '../../../helpers/listPaged';
import { ID_EXAMPLE } from '../../../descriptions/idFields';
import { requireIscId } from '../../../helpers/ids';
import { returnAllFields } from '../../../../shared/returnAll';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';

export const option: OperationOption = {
	name: 'Get Approvers',
	value: 'getApprovers',
	action: 'Get the approvers of an access request',
	description:
		'Lists who approves a SailPoint access request (admins only). Input: Access Request ID; Return All or Limit. Returns one item per approver. Read only.',
};

export const subtitle = 'Get Approvers';

export const idempotent = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Access Request ID',
		name: 'accessRequestId',
		type: 'string',
		required: true,
		default: '',
		placeholder: ID_EXAMPLE,
		description: 'ID of the access request (an approval\'s "accessRequestId")',
	},
	...returnAllFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [includeTotalOption, offsetOption],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const accessRequestId = requireIscId(
		this.getNode(),
		this.getNodeParameter('accessRequestId', itemIndex, ''),
		'Access Request ID',
		itemIndex,
	);
	return await listPaged(
		this,
		connection,
		itemIndex,
		`${ACCESS_REQUEST_APPROVALS}/${encodeURIComponent(accessRequestId)}/approvers`,
		{},
		{
			subject: `access request "${accessRequestId}"`,
			hint: 'Check the ID: it is an access request ID (an approval\'s "accessRequestId"), not an approval ID.',
		},
		"Listing an access request's approvers needs ORG_ADMIN and the scope idn:access-request-administration:read.",
	);
}

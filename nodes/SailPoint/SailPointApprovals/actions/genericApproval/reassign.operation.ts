import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { scopeNotice, commentField } from '../../../descriptions/approvalFields';
import { approvalIdOf, commentOf } from '../../../helpers/approvals';
import { identityField } from '../../../descriptions/workItemFields';
import { locatorValue } from '../../../../shared/locators';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import {
	actOnApproval,
	APPROVAL_OWNER_MANAGE,
	genericApprovalIdField,
	identityIdOf,
} from './common';

export const option: OperationOption = {
	name: 'Reassign',
	value: 'reassign',
	action: 'Reassign a generic approval',
	description:
		'Make another identity an approver of an approval request (POST /generic-approvals/v1/{ID}/reassign)',
};

export const subtitle = 'Reassign';

/** Not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

export const description: INodeProperties[] = [
	scopeNotice(APPROVAL_OWNER_MANAGE),
	genericApprovalIdField,
	identityField(
		'Reassign To (Identity ID)',
		'reassignTo',
		'The identity who becomes an approver: search by name or email, or enter its ID',
		true,
	),
	commentField('Why it is reassigned (optional)'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			identityField(
				'Reassign From (Identity ID)',
				'reassignFrom',
				"The approver it is taken from. Empty: the token's identity if it is an approver; otherwise (admins) the new approver is added.",
			),
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const approvalId = approvalIdOf(this, itemIndex);
	const reassignTo = identityIdOf(
		this,
		this.getNodeParameter('reassignTo', itemIndex, ''),
		'Reassign To (Identity ID)',
		itemIndex,
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const reassignFrom =
		locatorValue(options.reassignFrom) === undefined || locatorValue(options.reassignFrom) === ''
			? undefined
			: identityIdOf(this, options.reassignFrom, 'Reassign From (Identity ID)', itemIndex);
	const comment = commentOf(this, itemIndex, { required: false });
	return await actOnApproval(this, connection, itemIndex, approvalId, 'reassign', {
		reassignTo,
		...(reassignFrom === undefined ? {} : { reassignFrom }),
		...(comment === undefined ? {} : { comment }),
	});
}

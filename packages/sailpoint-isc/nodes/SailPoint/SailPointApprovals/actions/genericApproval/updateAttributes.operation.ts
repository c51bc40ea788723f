import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../../shared/errors';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { commentField } from '../../../descriptions/approvalFields';
import { approvalIdOf, commentOf, GENERIC_APPROVALS } from '../../../helpers/approvals';
import type { IscRequest } from '../../../transport';
import { iscObject } from '../../../transport';
import { attributesOf, genericApprovalIdField, requireObject } from './common';

export const option: OperationOption = {
	name: 'Update Attributes',
	value: 'updateAttributes',
	action: 'Update attributes of a generic approval',
	description:
		"Adds, changes or removes key-value pairs of a SailPoint generic approval's additional attributes, e.g. a ticket number for the approver. Inputs: Approval ID; Attributes to Set and/or Keys to Remove; Comment optional. Returns the approval. Changes the approval.",
};

export const subtitle = 'Update Attributes';

/** A change with a comment: not repeated after a 5xx or a dropped connection. */
export const idempotent = false;

export const description: INodeProperties[] = [
	genericApprovalIdField,
	{
		displayName: 'Attributes to Set',
		name: 'additionalAttributes',
		type: 'json',
		default: '{}',
		description: 'Key-value pairs to add or change (text values), e.g. {"ticket": "CHG0012345"}',
	},
	{
		displayName: 'Keys to Remove',
		name: 'removeAttributeKeys',
		type: 'string',
		default: '',
		placeholder: 'ticket, risk',
		description: 'Attribute keys to remove, separated by commas (or a list from an expression)',
	},
	commentField('Comment kept with the change (optional)'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const node = this.getNode();
	const approvalId = approvalIdOf(this, itemIndex);
	const attributes = attributesOf(
		this,
		this.getNodeParameter('additionalAttributes', itemIndex, '{}'),
		itemIndex,
		true,
	);
	const additionalAttributes =
		attributes === undefined || Object.keys(attributes).length === 0 ? undefined : attributes;
	const rawKeys = this.getNodeParameter('removeAttributeKeys', itemIndex, '') as unknown;
	const keys = (
		Array.isArray(rawKeys) ? rawKeys : typeof rawKeys === 'string' ? rawKeys.split(',') : [rawKeys]
	)
		.map((key) => (typeof key === 'string' ? key.trim() : key))
		.filter((key) => key !== '' && key !== undefined && key !== null);
	if (keys.some((key) => typeof key !== 'string'))
		throw parameterError(
			node,
			'The "Keys to Remove" parameter must be names separated by commas or a list of names',
			itemIndex,
		);
	if (additionalAttributes === undefined && keys.length === 0)
		throw parameterError(
			node,
			'Give "Attributes to Set" or "Keys to Remove" (or both): there is nothing to update',
			itemIndex,
		);
	const comment = commentOf(this, itemIndex, { required: false });
	const body: IDataObject = {
		...(additionalAttributes === undefined ? {} : { additionalAttributes }),
		...(keys.length === 0 ? {} : { removeAttributeKeys: keys as string[] }),
		...(comment === undefined ? {} : { comment }),
	};
	const request: IscRequest = {
		method: 'POST',
		endpoint: `${GENERIC_APPROVALS}/${encodeURIComponent(approvalId)}/attributes`,
		body,
		itemIndex,
		notFound: {
			subject: `approval "${approvalId}"`,
			hint: 'Check the ID: access request IDs are not accepted here (use Get Many with a Reference ID filter to find the approval).',
		},
		forbiddenHint:
			"Changing an approval's attributes is for one of its approvers (APPROVAL_OWNER, or an admin); the token needs the scope idn:access-request-approvals:manage.",
	};
	return requireObject(
		this,
		await iscObject(connection, request),
		`the attributes of approval "${approvalId}"`,
		itemIndex,
	);
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import { returnAllFields } from '../../../../shared/returnAll';
import type { Connection } from '../../../../shared/transport/connection';
import { optionalText, readLimit } from '../../../../shared/validation';
import { certificationIdField } from '../../../descriptions/certificationFields';
import { quoted } from '../../../helpers/approvals';
import {
	CERTIFICATIONS,
	certificationIdOf,
	FORBIDDEN_READ,
	notFoundCertification,
} from '../../../helpers/certifications';
import { listIscCollection } from '../../../transport/paging';

export const option: OperationOption = {
	name: 'Get Reviewers',
	value: 'getReviewers',
	action: 'Get reviewers of a certification',
	description:
		'Lists who reviews a SailPoint certification (its reviewer, and those items were reassigned to). Inputs: Certification. Returns one item per reviewer: ID, name, email. Read only.',
};

export const subtitle = 'Get Reviewers';

export const idempotent = true;

export const description: INodeProperties[] = [
	certificationIdField,
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Email Starts With',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
			},
			{
				displayName: 'Name Starts With',
				name: 'name',
				type: 'string',
				default: '',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const certificationId = certificationIdOf(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const conditions: string[] = [];
	const name = optionalText(node, filters.name, 'Name Starts With', itemIndex);
	if (name) conditions.push(`name sw ${quoted(name)}`);
	const email = optionalText(node, filters.email, 'Email Starts With', itemIndex);
	if (email) conditions.push(`email sw ${quoted(email)}`);
	const { items } = await listIscCollection(connection, {
		endpoint: `${CERTIFICATIONS}/${encodeURIComponent(certificationId)}/reviewers`,
		qs: {
			sorters: 'name',
			...(conditions.length > 0 ? { filters: conditions.join(' and ') } : {}),
		},
		itemIndex,
		max: readLimit(this, itemIndex),
		notFound: notFoundCertification(certificationId),
		forbiddenHint: FORBIDDEN_READ,
	});
	return items;
}

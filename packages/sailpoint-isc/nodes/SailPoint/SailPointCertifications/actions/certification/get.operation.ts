import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiError } from '../../../../shared/errors';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { certificationIdField } from '../../../descriptions/certificationFields';
import {
	CERTIFICATIONS,
	certificationIdOf,
	FORBIDDEN_READ,
	notFoundCertification,
	simplifyCertification,
} from '../../../helpers/certifications';
import { simplifyFieldSince } from '../../../../shared/versions';

import type { IscRequest } from '../../../transport';
import { iscObject } from '../../../transport';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a certification',
	description:
		'Reads one SailPoint certification. Inputs: Certification. Returns the certification: phase, due date, reviewer, campaign, decisions made and total, identities completed. Read only.',
};

export const subtitle = 'Get';

export const idempotent = true;

export const description: INodeProperties[] = [
	certificationIdField,
	...simplifyFieldSince('certification'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const certificationId = certificationIdOf(this, itemIndex);
	const request: IscRequest = {
		method: 'GET',
		endpoint: `${CERTIFICATIONS}/${encodeURIComponent(certificationId)}`,
		itemIndex,
		notFound: notFoundCertification(certificationId),
		forbiddenHint: FORBIDDEN_READ,
	};
	const body = await iscObject(connection, request);
	if (!body)
		throw apiError(this.getNode(), {
			message: `SailPoint ISC answered certification "${certificationId}" with an empty body`,
			itemIndex,
		});
	return this.getNodeParameter('simplify', itemIndex, true) === true
		? simplifyCertification(body)
		: body;
}

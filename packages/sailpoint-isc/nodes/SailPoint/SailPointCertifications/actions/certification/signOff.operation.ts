import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiError } from '../../../../shared/errors';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { certificationIdField } from '../../../descriptions/certificationFields';
import { certificationIdOf, postToCertification } from '../../../helpers/certifications';

export const option: OperationOption = {
	name: 'Sign Off',
	value: 'signOff',
	action: 'Sign off a certification',
	description:
		'Finalizes a SailPoint certification: its decisions become final and revocations start. Inputs: Certification. ISC refuses while review items are undecided (the error says how many). Returns the certification, now SIGNED. Changes the certification; cannot be undone.',
};

export const subtitle = 'Sign Off';

export const idempotent = false;

export const description: INodeProperties[] = [certificationIdField];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const certificationId = certificationIdOf(this, itemIndex);
	const body = await postToCertification(this, connection, certificationId, itemIndex, {
		endpoint: 'sign-off',
		verb: 'sign off',
	});
	if (!body)
		throw apiError(this.getNode(), {
			message: `SailPoint ISC answered the sign-off of certification "${certificationId}" with an empty body`,
			itemIndex,
		});
	return body;
}

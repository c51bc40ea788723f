import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiError, parameterError, summarizeBody } from '../../../../shared/errors';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { identityField } from '../../../descriptions/workItemFields';
import { requireIscId } from '../../../helpers/ids';
import type { IscRequest } from '../../../transport';
import { iscObject } from '../../../transport';
import { NON_EMPLOYEE_APPROVALS } from './common';

export const option: OperationOption = {
	name: 'Get Summary',
	value: 'getSummary',
	action: 'Count non-employee approvals',
	description:
		'Counts SailPoint non-employee approvals of an approver. Inputs: Approver (Me, or An Identity with Approver ID). Returns pending, approved and rejected. Read only.',
};

export const subtitle = 'Get Summary';

export const idempotent = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Approver',
		name: 'approver',
		type: 'options',
		default: 'me',
		options: [
			{ name: 'Me', value: 'me' },
			{ name: 'An Identity', value: 'identity', description: "Someone else's needs idn:nesr:read" },
		],
	},
	{
		...identityField('Approver ID', 'approverId', 'The approver whose approvals to count', true),
		displayOptions: { show: { approver: ['identity'] } },
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const node = this.getNode();
	const approver = this.getNodeParameter('approver', itemIndex, 'me') as unknown;
	if (approver !== 'me' && approver !== 'identity')
		throw parameterError(
			node,
			`The "Approver" parameter must be me or identity, but it is ${JSON.stringify(approver)}`,
			itemIndex,
		);
	const requestedFor =
		approver === 'me'
			? 'me'
			: requireIscId(
					node,
					this.getNodeParameter('approverId', itemIndex, '', { extractValue: true }),
					'Approver ID',
					itemIndex,
				);
	const request: IscRequest = {
		method: 'GET',
		endpoint: `${NON_EMPLOYEE_APPROVALS}/summary/${encodeURIComponent(requestedFor)}`,
		itemIndex,
		forbiddenHint:
			"Another approver's summary needs the role context idn:nesr:read (an admin); the token needs the scope idn:nelm:read.",
	};
	const body = await iscObject(connection, request);
	const missing = ['pending', 'approved', 'rejected'].filter(
		(field) => typeof body?.[field] !== 'number',
	);
	if (body === undefined || missing.length > 0)
		throw apiError(node, {
			message: `SailPoint ISC answered ${request.endpoint} without ${missing.map((field) => `"${field}"`).join(', ')} as a number`,
			description: summarizeBody(body),
			itemIndex,
		});
	return { pending: body.pending, approved: body.approved, rejected: body.rejected };
}

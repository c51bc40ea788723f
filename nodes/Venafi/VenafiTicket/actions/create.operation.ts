import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiError, parameterError } from '../../../shared/errors';
import { optionalText, truncate } from '../../../shared/validation';
import { requireDn } from '../../shared/distinguishedNames';
import { identityLabel, toTppIdentities } from '../../shared/identities';
import { requireTicketSuccess } from '../../shared/resultCodes';
import { normalizeGuid } from '../../shared/tickets';
import { tppRequest } from '../../shared/transport';

const show = { operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Object DN',
		name: 'objectDn',
		type: 'string',
		default: '',
		required: true,
		placeholder: '\\VED\\Policy\\Certificates\\web.example.com',
		description: 'The object the ticket acts on, e.g. the certificate to renew',
		displayOptions: { show },
	},
	{
		displayName: 'Workflow DN',
		name: 'workflowDn',
		type: 'string',
		default: '',
		required: true,
		placeholder: '\\VED\\Policy\\Workflows\\Stage 100',
		description: 'The workflow object in the Policy tree that manages the object',
		displayOptions: { show },
	},
	{
		displayName: 'Approvers',
		name: 'approvers',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Approver' },
		default: [],
		required: true,
		placeholder: 'local:{1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901}',
		description:
			'Who may approve or reject the ticket: a prefixed universal ID (local:{GUID}, or AD+corp:e3fc… as Get Details shows them) or a prefixed name (AD+corp:jsmith, local:admin); an identity object from an expression is sent as it is',
		hint: 'Approvers whose token was issued before the ticket exists see it only after GET Permissions/Refresh (the Refresh Permissions option of the read operations) or a new token',
		displayOptions: { show },
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description: 'The ID of the administrator-defined reason code in the Workflow tree',
		displayOptions: { show },
	},
	{
		displayName: 'User Data',
		name: 'userData',
		type: 'string',
		default: '',
		description:
			'Text stored with the ticket. TPP writes a comma-separated list of identities here, which Get Many can search by.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const objectDn = requireDn(node, this.getNodeParameter('objectDn', itemIndex), 'Object DN', itemIndex);
	const workflowDn = requireDn(node, this.getNodeParameter('workflowDn', itemIndex), 'Workflow DN', itemIndex);
	const approvers = toTppIdentities(node, this.getNodeParameter('approvers', itemIndex, []), 'Approvers', itemIndex);
	if (approvers.length === 0) {
		throw parameterError(node, 'The "Approvers" parameter needs at least one identity, e.g. local:{1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901}', itemIndex);
	}
	const rawReason = this.getNodeParameter('reason', itemIndex, 0) as unknown;
	const reason = rawReason === '' || rawReason === undefined || rawReason === null ? 0 : Number(rawReason);
	if (!Number.isInteger(reason) || reason < 0) {
		throw parameterError(node, `The "Reason" parameter must be a whole number (a reason code), but it is "${truncate(String(rawReason))}"`, itemIndex);
	}
	const body: IDataObject = { ObjectDN: objectDn, WorkflowDN: workflowDn, Approvers: approvers, Reason: reason };
	const userData = optionalText(node, this.getNodeParameter('userData', itemIndex, ''), 'User Data', itemIndex);
	if (userData !== undefined) body.UserData = userData;

	// Not repeated after a 5xx or a dropped connection: the first try may have created the ticket.
	const response = await tppRequest(this, { method: 'POST', endpoint: 'Workflow/Ticket/Create', body, itemIndex, retrySafe: false });
	const result = requireTicketSuccess(node, response.body, 'Create', undefined, itemIndex);
	if (typeof result.GUID !== 'string' || result.GUID.trim() === '') {
		throw apiError(node, {
			message: 'Venafi TPP Create answered Result 1 but no GUID for the new ticket',
			httpCode: response.statusCode,
			itemIndex,
		});
	}
	return {
		GUID: normalizeGuid(result.GUID),
		ObjectDN: objectDn,
		WorkflowDN: workflowDn,
		Approvers: approvers.map(identityLabel),
	};
}

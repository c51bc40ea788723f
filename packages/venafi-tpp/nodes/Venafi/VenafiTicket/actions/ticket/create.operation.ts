import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';

import { apiError, parameterError } from '../../../../shared/errors';
import { normalizeGuid, optionalText } from '../../../../shared/validation';
import { requireDn } from '../../../helpers/distinguishedNames';
import { identityLabel, toTppIdentities } from '../../../helpers/identities';
import { requireTicketSuccess } from '../../../helpers/resultCodes';
import { requireReasonCode } from '../../../helpers/tickets';
import {
	APPROVERS_PICKER_HINT,
	dnField,
	pickedApprovers,
	reasonField,
	typedApprovers,
	userDataField,
} from '../../../descriptions/ticketFields';
import { tppRequest } from '../../../transport/index';
import { versionedDefault } from '../../../../shared/versions';
import { withApproverNames } from '../../../helpers/ticketOutputs';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	action: 'Create a ticket',
	description:
		"Raises a new Venafi workflow ticket that holds an object (usually a certificate) until someone approves it. Use it only when asked to raise an approval. Inputs: Object DN, Workflow DN (the workflow object with the approval step), Approvers (Approver Names or IDs: prefixed universal IDs or names such as local:admin); Reason and User Data optional. Returns the new ticket's GUID, Object DN, Workflow DN and approvers. Changes TPP: adds a ticket.",
};

export const subtitle = 'Create ticket';

/** Not idempotent: a Create repeated after a 5xx or a dropped connection may make a second ticket. */
export const idempotent = false;

export const description: INodeProperties[] = [
	dnField({
		displayName: 'Object DN',
		name: 'objectDn',
		searchListMethod: 'searchObjects',
		required: true,
		placeholder: '\\VED\\Policy\\Certificates\\web.example.com',
		description:
			'The object the ticket acts on, e.g. the certificate to renew: search certificates and policy folders by name, or enter its DN',
		hint: "DN (distinguished name): the path of an object in TPP's tree, as TPP shows it, starting \\VED\\",
	}),
	dnField({
		displayName: 'Workflow DN',
		name: 'workflowDn',
		searchListMethod: 'searchWorkflows',
		required: true,
		placeholder: '\\VED\\Policy\\Workflows\\Stage 100',
		description:
			'The workflow object in the Policy tree that manages the object: search workflows by name, or enter its DN',
	}),
	// Version 2 picks approvers from TPP's identity list; version 1 keeps the typed list. Both
	// hold prefixed universal IDs (or names) as text, read by the same code.
	...versionedDefault(
		{
			displayName: 'Approvers',
			name: 'approvers',
			type: 'string',
			default: '',
			required: true,
		},
		{
			...typedApprovers(
				'Who may approve or reject the ticket: a prefixed universal ID (local:{GUID}, or AD+corp:e3fc… as Get Details shows them) or a prefixed name (AD+corp:jsmith, local:admin); an identity object from an expression is sent as it is',
			),
			hint: 'A TPP user is local:{GUID}, a user of the directory "corp" AD+corp:{ID}; names such as local:admin work too',
		},
		pickedApprovers('Who may approve or reject the ticket', APPROVERS_PICKER_HINT),
	),
	reasonField('The ID of the administrator-defined reason code in the Workflow tree'),
	userDataField(
		'Text stored with the ticket. TPP writes a comma-separated list of identities (prefixed universal IDs) here, which Get Many can search by.',
	),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const node = this.getNode();
	const objectDn = requireDn(
		node,
		this.getNodeParameter('objectDn', itemIndex, '', { extractValue: true }),
		'Object DN',
		itemIndex,
	);
	const workflowDn = requireDn(
		node,
		this.getNodeParameter('workflowDn', itemIndex, '', { extractValue: true }),
		'Workflow DN',
		itemIndex,
	);
	const approvers = toTppIdentities(
		node,
		this.getNodeParameter('approvers', itemIndex, []),
		'Approvers',
		itemIndex,
	);
	if (approvers.length === 0) {
		throw parameterError(
			node,
			'The "Approvers" parameter needs at least one identity, e.g. local:{1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901}',
			itemIndex,
		);
	}
	const rawReason = this.getNodeParameter('reason', itemIndex, 0) as unknown;
	const reason =
		rawReason === '' || rawReason === undefined || rawReason === null
			? 0
			: requireReasonCode(node, rawReason, 'parameter', itemIndex);
	const body: IDataObject = {
		ObjectDN: objectDn,
		WorkflowDN: workflowDn,
		Approvers: approvers,
		Reason: reason,
	};
	const userData = optionalText(
		node,
		this.getNodeParameter('userData', itemIndex, ''),
		'User Data',
		itemIndex,
	);
	if (userData !== undefined) body.UserData = userData;

	const response = await tppRequest(connection, {
		method: 'POST',
		endpoint: 'Workflow/Ticket/Create',
		body,
		itemIndex,
	});
	const result = requireTicketSuccess(node, response.body, 'Create', undefined, itemIndex);
	if (typeof result.GUID !== 'string' || result.GUID.trim() === '') {
		throw apiError(node, {
			message: 'Venafi TPP Create answered Result 1 but no GUID for the new ticket',
			httpCode: response.statusCode,
			itemIndex,
		});
	}
	return await withApproverNames(
		this,
		connection,
		{
			GUID: normalizeGuid(result.GUID),
			ObjectDN: objectDn,
			WorkflowDN: workflowDn,
			Approvers: approvers.map(identityLabel),
		},
		itemIndex,
	);
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { scopeNotice } from '../../../descriptions/approvalFields';
import { requireIscId } from '../../../helpers/ids';
import { parameterError } from '../../../../shared/errors';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { describeType, requireText } from '../../../../shared/validation';
import { readIscObject, sendIscRequest } from '../../../transport';

export const option: OperationOption = {
	name: 'Complete Invocation',
	value: 'complete',
	action: 'Answer an event that waits',
	description:
		"Completes an event trigger invocation that the SailPoint Event Trigger received with Respond set to Later With Complete Invocation. Inputs: Invocation ID and Invocation Secret (both in the trigger's item, under invocation) and the Answer. Returns the invocation ID, completed: true and the output sent. Changes the request in SailPoint: the answer cannot be undone or sent twice.",
};

export const subtitle = 'Complete Invocation';

/** ISC takes one answer per invocation: a repeat would be refused, not applied twice. */
export const idempotent = false;

const TRIGGER = "$('SailPoint Event Trigger').item.json.invocation";

export const description: INodeProperties[] = [
	scopeNotice(
		'Answers an invocation the SailPoint Event Trigger received with Respond set to "Later With Complete Invocation". ISC refuses answers after the subscription\'s Response Deadline, and a second answer.',
	),
	{
		displayName: 'Invocation ID',
		name: 'invocationId',
		type: 'string',
		required: true,
		default: `={{ ${TRIGGER}.id }}`,
		description:
			"The invocation's ID. The SailPoint Event Trigger's item carries it under invocation; the default expression reads it from there.",
	},
	{
		displayName: 'Invocation Secret',
		name: 'invocationSecret',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: `={{ ${TRIGGER}.secret }}`,
		description:
			"The invocation's secret. The SailPoint Event Trigger's item carries it under invocation; the default expression reads it from there.",
	},
	{
		displayName: 'Answer',
		name: 'answer',
		type: 'options',
		default: 'decision',
		options: [
			{
				name: 'Approval Decision',
				value: 'decision',
				description: 'Approve or deny (access request pre-approval)',
			},
			{
				name: 'Approver to Add',
				value: 'approver',
				description: 'An identity or governance group to add (access request dynamic approver)',
			},
			{ name: 'JSON', value: 'json', description: 'Any output, as the trigger defines it' },
		],
	},
	{
		displayName: 'Approved',
		name: 'approved',
		type: 'boolean',
		default: false,
		displayOptions: { show: { answer: ['decision'] } },
		description: 'Whether the access request passes (on to its approvers) or is denied',
	},
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		displayOptions: { show: { answer: ['decision'] } },
		description: 'Why, shown with the decision',
	},
	{
		displayName: 'Approver Name',
		name: 'approver',
		type: 'string',
		default: 'n8n',
		displayOptions: { show: { answer: ['decision'] } },
		description:
			'Who decided. If the tenant also has an Access Request Decision subscription, this must be the username of an identity in ISC.',
	},
	{
		displayName: 'Approver ID',
		name: 'approverId',
		type: 'string',
		default: '',
		displayOptions: { show: { answer: ['approver'] } },
		description: 'ID of the identity or governance group to add; empty adds no one',
	},
	{
		displayName: 'Approver Display Name',
		name: 'approverName',
		type: 'string',
		default: '',
		displayOptions: { show: { answer: ['approver'] } },
	},
	{
		displayName: 'Approver Type',
		name: 'approverType',
		type: 'options',
		default: 'IDENTITY',
		options: [
			{ name: 'Identity', value: 'IDENTITY' },
			{ name: 'Governance Group', value: 'GOVERNANCE_GROUP' },
		],
		displayOptions: { show: { answer: ['approver'] } },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'json',
		default: '{}',
		displayOptions: { show: { answer: ['json'] } },
		description: "The invocation output, as the trigger's output schema gives it",
	},
];

function outputOf(context: IExecuteFunctions, itemIndex: number): IDataObject | null {
	const node = context.getNode();
	const answer = context.getNodeParameter('answer', itemIndex) as string;
	if (answer === 'decision') {
		const approved = context.getNodeParameter('approved', itemIndex);
		if (typeof approved !== 'boolean') {
			throw parameterError(
				node,
				`The "Approved" parameter must be true or false, but it is ${describeType(approved)}`,
				itemIndex,
			);
		}
		return {
			approved,
			comment: String(context.getNodeParameter('comment', itemIndex, '')),
			approver: requireText(
				node,
				context.getNodeParameter('approver', itemIndex, ''),
				'Approver Name',
				itemIndex,
			),
		};
	}
	if (answer === 'approver') {
		const id = String(context.getNodeParameter('approverId', itemIndex, '')).trim();
		if (id === '') return null;
		return {
			id: requireIscId(node, id, 'Approver ID', itemIndex),
			name: requireText(
				node,
				context.getNodeParameter('approverName', itemIndex, ''),
				'Approver Display Name',
				itemIndex,
			),
			type: context.getNodeParameter('approverType', itemIndex) as string,
		};
	}
	const raw = context.getNodeParameter('output', itemIndex, '{}') as unknown;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			throw parameterError(
				node,
				'The "Output" parameter must be JSON, e.g. {"approved": true}, but it is not valid JSON',
				itemIndex,
			);
		}
	}
	if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
		throw parameterError(
			node,
			`The "Output" parameter must be a JSON object or null, but it is ${describeType(value)}`,
			itemIndex,
		);
	}
	return value as IDataObject | null;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const node = this.getNode();
	const invocationId = requireIscId(
		node,
		this.getNodeParameter('invocationId', itemIndex, ''),
		'Invocation ID',
		itemIndex,
	);
	const secret = requireText(
		node,
		this.getNodeParameter('invocationSecret', itemIndex, ''),
		'Invocation Secret',
		itemIndex,
	);
	const output = outputOf(this, itemIndex);
	// Sent to the credential's tenant, never to the callbackURL an event names: the token stays with ISC.
	const request = {
		method: 'POST' as const,
		endpoint: `trigger-invocations/${encodeURIComponent(invocationId)}/complete`,
		body: { secret, output } as IDataObject,
		itemIndex,
		notFound: {
			subject: `invocation "${invocationId}"`,
			hint: 'Take the Invocation ID from the SailPoint Event Trigger\'s item (invocation.id); its Respond must be "Later With Complete Invocation".',
		},
		forbiddenHint: 'Completing an invocation needs an ORG_ADMIN token.',
	};
	const response = await sendIscRequest(connection, request);
	if (response.statusCode === 400) {
		// Say what ISC's refusal most likely means before its own words.
		try {
			await readIscObject(connection, request, response);
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			throw parameterError(
				node,
				`ISC did not accept the answer to invocation "${invocationId}": ${reason}`,
				itemIndex,
				"ISC refuses a wrong secret, an output that does not match the trigger's output schema, a second answer, and any answer after the subscription's Response Deadline.",
			);
		}
	}
	await readIscObject(connection, request, response);
	return { invocationId, completed: true, output };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';

import { toUtcIso } from '../../../../shared/dates';
import { parameterError } from '../../../../shared/errors';
import { optionalText, requireGuid, truncate } from '../../../../shared/validation';
import { optionalDn } from '../../../helpers/distinguishedNames';
import { toTppIdentities } from '../../../helpers/identities';
import { requireTicketSuccess } from '../../../helpers/resultCodes';
import { requireReasonCode, TICKET_STATUSES } from '../../../helpers/tickets';
import { tppRequest } from '../../../transport';
import { withSuccess } from '../../../helpers/ticketOutputs';
import { changedInVersion, versionedDefault } from '../../../../shared/versions';
import {
	APPROVERS_PICKER_HINT,
	pickedApprovers,
	reasonField,
	ticketGuidField,
	typedApprovers,
	userDataField,
} from '../../../descriptions/ticketFields';

export const option: OperationOption = {
	name: 'Update Status',
	value: 'updateStatus',
	action: 'Update ticket status',
	description:
		"Decides a Venafi workflow ticket. Use it after reading the ticket, once the decision is known. Inputs: Ticket GUID; Status: Approved, Approved After (Scheduled Start needed), Approved Between (Scheduled Start and Scheduled Stop needed, ISO 8601 times), Rejected or Pending; Explanation (why, recorded on the ticket). Returns the GUID, the status set, TPP's result and the schedule sent. Changes the ticket: TPP acts on an approval or a rejection at once and it cannot be undone.",
	descriptionFrom: {
		version: 4,
		description:
			"Decides a Venafi workflow ticket. Use it after reading the ticket, once the decision is known. Inputs: Ticket GUID; Status: Approved, Approved After (Scheduled Start needed), Approved Between (Scheduled Start and Scheduled Stop needed, ISO 8601 times), Rejected or Pending; Explanation (why, recorded on the ticket). Returns the GUID, the status set, TPP's result (with success: true) and the schedule sent. Changes the ticket: TPP acts on an approval or a rejection at once and it cannot be undone.",
	},
};

export const subtitle = { expression: '"Set status: " + $parameter["status"]' };

/** Setting a status twice leaves the ticket as setting it once. */
export const idempotent = true;

const STATUS_OPTIONS = [
	{ name: 'Approved', value: 'Approved', description: 'Approve; processing continues now' },
	{
		name: 'Approved After',
		value: 'Approved After',
		description: 'Approve; processing continues after the scheduled start',
	},
	{
		name: 'Approved Between',
		value: 'Approved Between',
		description: 'Approve; processing may run between the scheduled start and stop',
	},
	{ name: 'Pending', value: 'Pending', description: 'Put the ticket back to pending' },
	{ name: 'Rejected', value: 'Rejected', description: 'Reject the ticket' },
];

/**
 * A schedule field, marked required (so the editor shows the node issue before a run) when the
 * Status chosen is one of `statuses`. n8n counts a field as shown whenever a field it depends on
 * holds an expression, which would demand a start for every status set by expression; so a
 * second, optional copy of the field is what an expression Status shows, and the run checks it
 * against the status the expression gives.
 */
function requiredForStatuses(field: INodeProperties, statuses: string[]): INodeProperties[] {
	const others = ['', ...TICKET_STATUSES.filter((status) => !statuses.includes(status))];
	return [
		{
			...field,
			required: true,
			displayOptions: { hide: { status: [...others, { _cnd: { startsWith: '=' } }] } },
		},
		{
			...field,
			description: `${field.description} Required when the status is ${statuses.join(' or ')}.`,
			displayOptions: { hide: { status: ['', ...TICKET_STATUSES] } },
		},
	];
}

const typedApproversOption: INodeProperties = {
	displayName: 'Approvers',
	name: 'approvers',
	...typedApprovers(
		"The ticket's new approvers: prefixed universal IDs (local:{GUID}, or AD+corp:e3fc… as Get Details shows them) or prefixed names (AD+corp:jsmith); identity objects from an expression are sent as they are",
	),
};

const pickedApproversOption: INodeProperties = {
	name: 'approvers',
	...pickedApprovers("The ticket's new approvers", APPROVERS_PICKER_HINT),
};

/** The Additional Fields after Approvers, alike in every version. */
const otherAdditionalFields: INodeProperties[] = [
	{
		displayName: 'Object DN',
		name: 'objectDn',
		type: 'string',
		default: '',
		placeholder: '\\VED\\Policy\\Certificates\\web.example.com',
		description: "The distinguished name (DN: the path in TPP's tree) of the workflow object",
	},
	reasonField('The ID of the administrator-defined reason for the change'),
	userDataField(
		'Text stored with the ticket; tickets TPP raises hold a comma-separated list of identities (prefixed universal IDs) here',
	),
];

export const description: INodeProperties[] = [
	ticketGuidField,
	// Version 1 approved unless told otherwise (kept for workflows saved with it); from version 2
	// no decision is made by a default: Status is a required choice with nothing pre-selected.
	...versionedDefault(
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: '',
			required: true,
			description: 'The decision: the new status of the ticket',
			options: STATUS_OPTIONS,
		},
		{ default: 'Approved' },
		{ default: '' },
	),
	{
		displayName: 'Explanation',
		name: 'explanation',
		type: 'string',
		default: '',
		description:
			"Why the status changes; TPP shows it with the ticket and on the certificate's status",
	},
	...requiredForStatuses(
		{
			displayName: 'Scheduled Start',
			name: 'scheduledStart',
			type: 'dateTime',
			default: '',
			description:
				"When processing may start. Sent to TPP in UTC; a time without a zone is read in the workflow's time zone.",
		},
		['Approved After', 'Approved Between'],
	),
	...requiredForStatuses(
		{
			displayName: 'Scheduled Stop',
			name: 'scheduledStop',
			type: 'dateTime',
			default: '',
			description: 'When processing must stop; later than the scheduled start. Sent to TPP in UTC.',
		},
		['Approved Between'],
	),
	// Version 3 picks the new approvers from TPP's identity list; earlier versions keep the typed
	// list. Both hold prefixed universal IDs (or names) as text, read by the same code.
	...changedInVersion(
		3,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
		},
		{ options: [typedApproversOption, ...otherAdditionalFields] },
		{ options: [pickedApproversOption, ...otherAdditionalFields] },
	),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const node = this.getNode();
	const guid = requireGuid(
		node,
		this.getNodeParameter('guid', itemIndex, '', { extractValue: true }),
		'Ticket GUID',
		itemIndex,
	);
	const status = this.getNodeParameter('status', itemIndex, '') as unknown;
	if (status === '' || status === undefined || status === null) {
		throw parameterError(
			node,
			`The "Status" parameter is required: choose the decision (${TICKET_STATUSES.join(', ')})`,
			itemIndex,
		);
	}
	if (typeof status !== 'string' || !TICKET_STATUSES.includes(status)) {
		throw parameterError(
			node,
			`The "Status" parameter must be one of ${TICKET_STATUSES.join(', ')}, but it is "${truncate(String(status))}"`,
			itemIndex,
		);
	}

	const body: IDataObject = { GUID: guid, Status: status };
	const explanation = optionalText(
		node,
		this.getNodeParameter('explanation', itemIndex, ''),
		'Explanation',
		itemIndex,
	);
	if (explanation !== undefined) body.Explanation = explanation;

	if (status === 'Approved After' || status === 'Approved Between') {
		const timeZone = this.getTimezone();
		const start = scheduleTime(
			this,
			'scheduledStart',
			'Scheduled Start',
			status,
			itemIndex,
			timeZone,
		);
		body.ScheduledStart = start;
		if (status === 'Approved Between') {
			const stop = scheduleTime(
				this,
				'scheduledStop',
				'Scheduled Stop',
				status,
				itemIndex,
				timeZone,
			);
			if (Date.parse(stop) <= Date.parse(start)) {
				throw parameterError(
					node,
					`The "Scheduled Stop" (${stop}) must be after the "Scheduled Start" (${start})`,
					itemIndex,
				);
			}
			body.ScheduledStop = stop;
		}
	}

	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const approvers = toTppIdentities(node, extra.approvers, 'Approvers', itemIndex);
	if (approvers.length > 0) body.Approvers = approvers;
	const objectDn = optionalDn(node, extra.objectDn, 'Object DN', itemIndex);
	if (objectDn !== undefined) body.ObjectDN = objectDn;
	if (extra.reason !== undefined && extra.reason !== '') {
		body.Reason = requireReasonCode(node, extra.reason, 'field', itemIndex);
	}
	const userData = optionalText(node, extra.userData, 'User Data', itemIndex);
	if (userData !== undefined) body.UserData = userData;

	const response = await tppRequest(connection, {
		method: 'POST',
		endpoint: 'Workflow/Ticket/UpdateStatus',
		body,
		itemIndex,
	});
	const result = requireTicketSuccess(node, response.body, 'Update Status', guid, itemIndex);
	const output: IDataObject = { GUID: guid, Status: status, Result: result.Result };
	if (body.ScheduledStart) output.ScheduledStart = body.ScheduledStart;
	if (body.ScheduledStop) output.ScheduledStop = body.ScheduledStop;
	return withSuccess(this, output);
}

function scheduleTime(
	context: IExecuteFunctions,
	name: string,
	field: string,
	status: string,
	itemIndex: number,
	timeZone: string,
): string {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	if (value === undefined || value === null || value === '') {
		throw parameterError(
			context.getNode(),
			`The "${field}" parameter is required when the status is "${status}"`,
			itemIndex,
		);
	}
	const iso = toUtcIso(context.getNode(), value, field, itemIndex, timeZone);
	if (Date.parse(iso) < Date.now() - PAST_TOLERANCE_MS) {
		throw parameterError(
			context.getNode(),
			`The "${field}" (${iso}) is in the past; choose a later time, or the status "Approved" to let processing continue now`,
			itemIndex,
		);
	}
	return iso;
}

/** "Now" from an expression is a little in the past by the time it is checked. */
const PAST_TOLERANCE_MS = 5 * 60_000;

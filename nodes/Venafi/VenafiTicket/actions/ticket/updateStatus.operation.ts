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
import { ticketGuidField } from '../../../descriptions/ticketFields';

export const option: OperationOption = {
	name: 'Update Status',
	value: 'updateStatus',
	action:
		'Approve, reject or schedule a workflow ticket by its Ticket GUID and a Status; changes the ticket, a decision cannot be undone; returns the status set',
	description:
		"Decides a Venafi workflow ticket. Use it after reading the ticket, once the decision is known. Inputs: Ticket GUID; Status: Approved, Approved After (Scheduled Start needed), Approved Between (Scheduled Start and Scheduled Stop needed, ISO 8601 times), Rejected or Pending; Explanation (why, recorded on the ticket). Returns the GUID, the status set, TPP's result and the schedule sent. Changes the ticket: TPP acts on an approval or a rejection at once and it cannot be undone.",
};

export const subtitle = { expression: '"Set status: " + $parameter["status"]' };

/** Setting a status twice leaves the ticket as setting it once. */
export const idempotent = true;

export const description: INodeProperties[] = [
	ticketGuidField,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'Approved',
		required: true,
		description: 'The new status of the ticket',
		options: [
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
		],
	},
	{
		displayName: 'Explanation',
		name: 'explanation',
		type: 'string',
		default: '',
		description:
			"Why the status changes; TPP shows it with the ticket and on the certificate's status",
	},
	{
		displayName: 'Scheduled Start',
		name: 'scheduledStart',
		type: 'dateTime',
		default: '',
		// Checked when the node runs rather than marked required: with a Status set by an
		// expression, the editor would otherwise demand a start for every status.
		description:
			"When processing may start; required for Approved After and Approved Between. Sent to TPP in UTC; a time without a zone is read in the workflow's time zone.",
		displayOptions: { show: { status: ['Approved After', 'Approved Between'] } },
	},
	{
		displayName: 'Scheduled Stop',
		name: 'scheduledStop',
		type: 'dateTime',
		default: '',
		description:
			'When processing must stop; required for Approved Between and later than the scheduled start. Sent to TPP in UTC.',
		displayOptions: { show: { status: ['Approved Between'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Approvers',
				name: 'approvers',
				type: 'string',
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Approver' },
				default: [],
				placeholder: 'local:{1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901}',
				description:
					"The ticket's new approvers: prefixed universal IDs (local:{GUID}, or AD+corp:e3fc… as Get Details shows them) or prefixed names (AD+corp:jsmith); identity objects from an expression are sent as they are",
			},
			{
				displayName: 'Object DN',
				name: 'objectDn',
				type: 'string',
				default: '',
				placeholder: '\\VED\\Policy\\Certificates\\web.example.com',
				description: 'The distinguished name of the workflow object',
			},
			{
				displayName: 'Reason',
				name: 'reason',
				type: 'number',
				default: 0,
				description: 'The ID of the administrator-defined reason for the change',
			},
			{
				displayName: 'User Data',
				name: 'userData',
				type: 'string',
				default: '',
				description: 'Additional information stored with the ticket',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const node = this.getNode();
	const guid = requireGuid(
		node,
		this.getNodeParameter('guid', itemIndex),
		'Ticket GUID',
		itemIndex,
	);
	const status = this.getNodeParameter('status', itemIndex) as unknown;
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
	return output;
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

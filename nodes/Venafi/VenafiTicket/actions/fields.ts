import type { INodeProperties } from 'n8n-workflow';

/** The ticket GUID parameter, shared by the operations that act on one ticket. */
export function ticketGuidField(operations: string[]): INodeProperties {
	return {
		displayName: 'Ticket GUID',
		name: 'guid',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'af415f09-d487-43de-ba2e-f61d089b4e68',
		description:
			'The workflow ticket\'s GUID, e.g. from POST Workflow/Ticket/Enumerate or the Ticket DN on a certificate\'s Support tab',
		displayOptions: { show: { operation: operations } },
	};
}

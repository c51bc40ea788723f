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

export const REFRESH_PERMISSIONS_HINT =
	'TPP grants approvers their rights when a ticket is created: a token issued before then does not see the ticket until GET Permissions/Refresh (or a new token). Turn on if you approve tickets created after your token was issued.';

/** The "Refresh Permissions" option of the operations that read tickets. */
export const refreshPermissionsOption: INodeProperties = {
	displayName: 'Refresh Permissions',
	name: 'refreshPermissions',
	type: 'boolean',
	default: false,
	description: 'Whether to call GET Permissions/Refresh once before reading tickets',
	hint: REFRESH_PERMISSIONS_HINT,
};

/** The Options collection of operations on one ticket whose only option is Refresh Permissions. */
export function refreshOnlyOptions(operation: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { operation: [operation] } },
		options: [refreshPermissionsOption],
	};
}

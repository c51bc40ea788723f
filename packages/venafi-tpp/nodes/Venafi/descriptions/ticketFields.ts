import type { INodeProperties } from 'n8n-workflow';

import { locatorField } from '../../shared/locators';
import { TICKET_STATUSES } from '../helpers/tickets';

/**
 * The ticket parameters several operations or nodes share, defined once. Display options are
 * added where they are used (by the operation list, or not at all on the trigger).
 */

const OBJECT_DN_EXAMPLE = '\\VED\\Policy\\Certificates\\web.example.com';
const IDENTITY_EXAMPLE = 'local:{8cea8e13-053f-400c-bf90-8fe66f135139}';

/** By ID in the editor: a GUID, braces allowed (the node checks it again before any request). */
const GUID_REGEX =
	'^\\s*\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}?\\s*$';
/** By DN in the editor: under the root \VED, as requireDn checks. */
const DN_REGEX = '^\\s*\\\\[Vv][Ee][Dd](\\\\.*)?$';
const DN_ERROR =
	'Enter a TPP distinguished name starting with \\VED, e.g. \\VED\\Policy\\Certificates';

/** The ticket GUID of the operations that act on one ticket. */
export const ticketGuidField: INodeProperties = locatorField({
	displayName: 'Ticket GUID',
	name: 'guid',
	searchListMethod: 'searchTickets',
	listPlaceholder: 'Search certificates by name...',
	required: true,
	placeholder: 'af415f09-d487-43de-ba2e-f61d089b4e68',
	idRegex: GUID_REGEX,
	idError: 'Enter a ticket GUID such as af415f09-d487-43de-ba2e-f61d089b4e68',
	description:
		"The workflow ticket: pick it from the tickets of the certificates whose name matches the search, or enter its GUID (Get Many lists them; TPP shows it on a certificate's Support tab)",
});

/**
 * Reason stays a number: TPP's WebSDK reference lists no call for reason codes, so there is no
 * list to pick from (the docs page says so); the hint says what to enter.
 */
export const REASON_CODE_HINT =
	'The number of a reason code your TPP administrator set up (Policy tree → Workflow), e.g. 2';

/** A DN picker over the Policy tree (Config/FindObjectsOfClass), or the DN typed. */
export function dnField(options: {
	displayName: string;
	name: string;
	searchListMethod: 'searchObjects' | 'searchTicketObjects' | 'searchWorkflows';
	required?: boolean;
	placeholder: string;
	description: string;
	hint?: string;
}): INodeProperties {
	return locatorField({
		...options,
		listPlaceholder: 'Search by name...',
		idRegex: DN_REGEX,
		idError: DN_ERROR,
	});
}

/**
 * Object DN and User Data as a ticket search (POST Workflow/Ticket/Enumerate) takes them:
 * `verb` is "Find" for Get Many, "Watch" for the trigger.
 */
export function ticketSearchFields(verb: 'Find' | 'Watch'): INodeProperties[] {
	const approvals = verb === 'Find' ? 'finds' : 'watches';
	const objectDn: INodeProperties = {
		...dnField({
			displayName: 'Object DN',
			name: 'objectDn',
			searchListMethod: 'searchTicketObjects',
			placeholder: OBJECT_DN_EXAMPLE,
			description: `${verb} the tickets of this one object (a certificate, say; TPP does not search below a folder). Set this, User Data, or both.`,
		}),
		hint: 'Set this, User Data, or both. A certificate finds its own tickets, a folder none: the list shows the certificates that have tickets.',
	};
	const userData: INodeProperties = {
		displayName: 'User Data',
		name: 'userData',
		type: 'string',
		default: '',
		placeholder: `me, or ${IDENTITY_EXAMPLE}`,
		description: `${verb} the tickets associated with these identities: "me" (the signed-in user) or prefixed universal IDs, separated by commas. Tickets TPP raises list their approvers here, so your own ID ${approvals} your approvals. Set this, Object DN, or both.`,
		hint: 'Enter me for the tickets you approve, or identities separated by commas: local:{GUID} for a TPP user, AD+name:… for a directory user (Get Details shows them under Approvers)',
	};
	return [...requiredUnlessOtherSet(objectDn, 'userData'), userData];
}

/**
 * `field` marked required (the editor shows the node issue before a run) while `other` is
 * empty: TPP needs at least one of the two. A second, optional copy of the field (same name,
 * same value) shows once `other` is set, or holds an expression.
 */
function requiredUnlessOtherSet(field: INodeProperties, other: string): INodeProperties[] {
	const set = { _cnd: { exists: true as const } };
	return [
		{ ...field, required: true, displayOptions: { hide: { [other]: [set] } } },
		{ ...field, displayOptions: { show: { [other]: [set] } } },
	];
}

/** Why reading a ticket may need GET Permissions/Refresh; every hint about it says this. */
export const REFRESH_PERMISSIONS_HINT =
	'A token issued before a ticket was created does not see that ticket until permissions are refreshed.';

/** Reason: the number of an administrator-defined reason code (TPP lists none; see the hint). */
export function reasonField(description: string): INodeProperties {
	return {
		displayName: 'Reason',
		name: 'reason',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description,
		hint: REASON_CODE_HINT,
	};
}

/** User Data: text stored with a ticket (TPP's own tickets hold a list of identities there). */
export function userDataField(description: string): INodeProperties {
	return { displayName: 'User Data', name: 'userData', type: 'string', default: '', description };
}

/** Approvers typed as text, several: prefixed universal IDs or names (or identity objects). */
export function typedApprovers(
	description: string,
): Pick<INodeProperties, 'type' | 'default'> & Partial<INodeProperties> {
	return {
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add approver' },
		default: [],
		placeholder: 'local:{1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901}',
		description,
	};
}

/** What the Approvers picker lists, and how to name anyone it does not. */
export const APPROVERS_PICKER_HINT =
	'Shows up to 250 users and groups. Anyone else: an expression, e.g. {{ ["AD+corp:jsmith"] }}';

/**
 * Approvers picked from TPP's identity list, several (a multi-select n8n filters as you type:
 * a resource locator holds one value). Saved as the same text as typed approvers.
 */
export function pickedApprovers(
	who: string,
	hint: string,
): Pick<INodeProperties, 'displayName' | 'type' | 'default'> & Partial<INodeProperties> {
	return {
		displayName: 'Approver Names or IDs',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getIdentities' },
		default: [],
		description: `${who}: users and groups of your TPP identity providers. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		hint,
	};
}

/** The "Refresh Permissions" option of the action operations that read tickets: off unless set. */
export const refreshPermissionsOption: INodeProperties = {
	displayName: 'Refresh Permissions',
	name: 'refreshPermissions',
	type: 'boolean',
	default: false,
	description:
		"Whether to refresh the token's permissions once before reading, so tickets created after the token was issued show too",
	hint: 'Turn on if this node must see tickets created after its access token was issued (TPP shows them only after a refresh).',
};

/** The trigger's "Refresh Permissions" option: on unless turned off. */
export const refreshPermissionsEachPoll: INodeProperties = {
	displayName: 'Refresh Permissions',
	name: 'refreshPermissions',
	type: 'boolean',
	default: true,
	description:
		"Whether to refresh the token's permissions before each poll, so new tickets show (on unless turned off)",
	hint: 'Leave on unless your token never approves: without it, new tickets stay hidden from the token.',
};

/** The Options collection of operations on one ticket whose only option is Refresh Permissions. */
export const refreshOnlyOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [refreshPermissionsOption],
};

/** The Status filter option: `verb` is "Output" for Get Many, "Emit" for the trigger. */
export function ticketStatusFilterOption(verb: 'Output' | 'Emit'): INodeProperties {
	return {
		displayName: 'Status',
		name: 'status',
		type: 'multiOptions',
		default: [],
		description: `${verb} only tickets in these statuses (all when empty)`,
		options: TICKET_STATUSES.map((status) => ({ name: status, value: status })),
	};
}

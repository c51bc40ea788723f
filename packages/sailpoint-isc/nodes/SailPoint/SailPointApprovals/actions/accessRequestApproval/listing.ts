import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllFields } from '../../../../shared/returnAll';
import { parameterError } from '../../../../shared/errors';
import type { Connection } from '../../../../shared/transport/connection';
import { optionalText } from '../../../../shared/validation';
import {
	customFilterOption,
	includeTotalOption,
	offsetOption,
	listingOwnerFields,
	sortOption,
} from '../../../descriptions/approvalFields';
import { ACCESS_REQUEST_APPROVALS, dateOf, ownerQuery, quoted } from '../../../helpers/approvals';
import { listPaged } from '../../../helpers/listPaged';
import { optionalIscId } from '../../../helpers/ids';
import { locatorField } from '../../../../shared/locators';
import { ID_EXAMPLE, ISC_ID_ERROR, ISC_ID_REGEX } from '../../../descriptions/idFields';
import { identityField } from '../../../descriptions/workItemFields';

/**
 * Get Many Pending and Get Many Completed list `/access-request-approvals/v1/{list}` with the
 * same owner, paging and sorting; they differ in the list's name and in the fields ISC lets
 * each filter on (pending: id, requestedFor.id, accessRequestId, created, modified;
 * completed: id, requestedFor.id, modified). Their parameters and the listing call are here once;
 * each operation file holds its own option and execute.
 */
export type List = 'pending' | 'completed';

/** The parameters of Get Many Pending and Get Many Completed (before Simplify). */
export function listingFields(list: List): INodeProperties[] {
	return [
		...listingOwnerFields,
		...returnAllFields,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add filter',
			default: {},
			options: filterFields(list),
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [includeTotalOption, offsetOption, sortOption(['created', 'modified'])],
		},
	];
}

/** The approvals of `/access-request-approvals/v1/{list}` as the item's parameters ask. */
export async function listApprovals(
	context: IExecuteFunctions,
	connection: Connection,
	itemIndex: number,
	list: List,
): Promise<IDataObject[]> {
	const qs = { ...ownerQuery(context, itemIndex), ...listingQuery(context, itemIndex, list) };
	return await listPaged(
		context,
		connection,
		itemIndex,
		`${ACCESS_REQUEST_APPROVALS}/${list}`,
		qs,
		undefined,
		`Listing ${list} access request approvals needs the scope idn:access-request-approvals:read; another owner's (An Identity) or everyone's needs ORG_ADMIN. Check the Owner and the token's user level and scopes.`,
	);
}

function textFilter(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', default: '', description };
}

function timeFilter(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'dateTime', default: '', description };
}

/** The Filters collection's fields, alphabetical as n8n lists them; some only for pending. */
function filterFields(list: List): INodeProperties[] {
	const pendingOnly = (fields: INodeProperties[]) => (list === 'pending' ? fields : []);
	return [
		...pendingOnly([
			{
				...textFilter(
					'Access Request ID',
					'accessRequestId',
					'Only the approvals of this access request',
				),
				// ISC's access request status list names two IDs (id, and accessRequestId "the
				// account activity id", with dashes in its example) and does not say which one an
				// approval's accessRequestId holds, so a pick could filter on the wrong one.
				placeholder: '2b838de9db9babcfe646d4f274ad4238',
				hint: 'The accessRequestId of an approval, as Get Many Pending outputs it',
			},
		]),
		locatorField({
			displayName: 'Approval ID',
			name: 'approvalId',
			// Only pending approvals can be listed for a pick; a completed one is entered by ID.
			searchListMethod: list === 'pending' ? 'searchPendingAccessRequestApprovals' : undefined,
			listPlaceholder: 'Search by name, requester or requested for...',
			placeholder: ID_EXAMPLE,
			idRegex: ISC_ID_REGEX,
			idError: ISC_ID_ERROR,
			description: 'Only this approval',
		}),
		...pendingOnly([
			timeFilter('Created After', 'createdAfter', 'Only approvals created after this time'),
			timeFilter('Created Before', 'createdBefore', 'Only approvals created before this time'),
		]),
		customFilterOption,
		timeFilter('Modified After', 'modifiedAfter', 'Only approvals changed after this time'),
		timeFilter('Modified Before', 'modifiedBefore', 'Only approvals changed before this time'),
		identityField(
			'Requested For (Identity ID)',
			'requestedForId',
			'Only approvals of access requested for this identity: search by name or email, or enter its ID',
		),
	];
}

/** The `filters` and `sorters` of the listing, from the fields ISC lets this list filter on. */
function listingQuery(context: IExecuteFunctions, itemIndex: number, list: List): IDataObject {
	const node = context.getNode();
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const conditions: string[] = [];
	const id = (value: unknown, field: string) => optionalIscId(node, value, field, itemIndex);
	const approvalId = id(filters.approvalId, 'Approval ID');
	if (approvalId) conditions.push(`id eq ${quoted(approvalId)}`);
	const requestedFor = id(filters.requestedForId, 'Requested For (Identity ID)');
	if (requestedFor) conditions.push(`requestedFor.id eq ${quoted(requestedFor)}`);
	if (list === 'pending') {
		const accessRequestId = id(filters.accessRequestId, 'Access Request ID');
		if (accessRequestId) conditions.push(`accessRequestId eq ${quoted(accessRequestId)}`);
		const after = dateOf(context, filters.createdAfter, 'Created After', itemIndex);
		if (after) conditions.push(`created gt ${quoted(after)}`);
		const before = dateOf(context, filters.createdBefore, 'Created Before', itemIndex);
		if (before) conditions.push(`created lt ${quoted(before)}`);
	}
	const modifiedAfter = dateOf(context, filters.modifiedAfter, 'Modified After', itemIndex);
	if (modifiedAfter) conditions.push(`modified gt ${quoted(modifiedAfter)}`);
	const modifiedBefore = dateOf(context, filters.modifiedBefore, 'Modified Before', itemIndex);
	if (modifiedBefore) conditions.push(`modified lt ${quoted(modifiedBefore)}`);
	const custom = optionalText(node, filters.customFilter, 'Custom Filter', itemIndex);
	if (custom) conditions.push(custom);

	const qs: IDataObject = {};
	if (conditions.length > 0) qs.filters = conditions.join(' and ');
	const sort = options.sort;
	if (sort !== undefined && sort !== '') {
		if (typeof sort !== 'string' || !/^-?(created|modified)$/.test(sort)) {
			throw parameterError(
				node,
				`The "Sort" option must be created, -created, modified or -modified, but it is ${JSON.stringify(sort)}`,
				itemIndex,
			);
		}
		qs.sorters = sort;
	}
	return qs;
}

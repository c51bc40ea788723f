import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../../shared/errors';
import type { OperationOption } from '../../../../shared/operations';
import { returnAllFields } from '../../../../shared/returnAll';
import type { Connection } from '../../../../shared/transport/connection';
import { optionalText, readLimit } from '../../../../shared/validation';
import { customFilterOption } from '../../../descriptions/approvalFields';
import {
	ACCESS_TYPES,
	certificationIdField,
	decisionStateOptions,
	sortOptions,
} from '../../../descriptions/certificationFields';
import { quoted } from '../../../helpers/approvals';
import {
	CERTIFICATIONS,
	certificationIdOf,
	FORBIDDEN_READ,
	notFoundCertification,
	simplifyReviewItem,
} from '../../../helpers/certifications';
import { simplifyFieldSince } from '../../../../shared/versions';
import { requireIscId } from '../../../helpers/ids';
import { listIscCollection } from '../../../transport/paging';

export const option: OperationOption = {
	name: 'Get Many Review Items',
	value: 'getManyReviewItems',
	action: 'Get many review items of a certification',
	description:
		'Lists the access review items of a SailPoint certification. Inputs: Certification. Returns one item per review item: who (identitySummary) has what (accessSummary: an entitlement, access profile or role), and the decision so far. Filters: decision state, access type, identity, access, source; or only given entitlements, access profiles or roles. Read only.',
};

export const subtitle = 'Get Many Review Items';

export const idempotent = true;

/** The three switches of the spec: only one may be given. */
const SWITCHES = [
	['entitlementIds', 'entitlements', 'Entitlement IDs'],
	['accessProfileIds', 'access-profiles', 'Access Profile IDs'],
	['roleIds', 'roles', 'Role IDs'],
] as const;

function idsFilter(displayName: string, name: string, what: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder: '2c9180835d2e5168015d32f890ca1581, 2c9180835d2e5168015d32f890ca1582',
		description: `Only items of these ${what} (IDs separated by commas). Only one of Entitlement IDs, Access Profile IDs and Role IDs may be given.`,
	};
}

export const description: INodeProperties[] = [
	certificationIdField,
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Access Name Starts With',
				name: 'accessName',
				type: 'string',
				default: '',
				description:
					'Only items whose access (entitlement, access profile or role) name starts with this text',
			},
			idsFilter('Access Profile IDs', 'accessProfileIds', 'access profiles'),
			{
				displayName: 'Access Type',
				name: 'accessType',
				type: 'options',
				default: 'ENTITLEMENT',
				options: ACCESS_TYPES,
				description: 'Only items of this type of access',
			},
			customFilterOption,
			{
				displayName: 'Decision State',
				name: 'decisionState',
				type: 'options',
				default: 'undecided',
				options: decisionStateOptions,
			},
			idsFilter('Entitlement IDs', 'entitlementIds', 'entitlements'),
			{
				displayName: 'Identity Name Starts With',
				name: 'identityName',
				type: 'string',
				default: '',
				description: 'Only items of identities whose name starts with this text',
			},
			{
				displayName: 'Identity Summary ID',
				name: 'identitySummaryId',
				type: 'string',
				default: '',
				description:
					'Only the items of one reviewed identity: the ID inside an item\'s "identitySummary"',
			},
			idsFilter('Role IDs', 'roleIds', 'roles'),
			{
				displayName: 'Source Name',
				name: 'sourceName',
				type: 'string',
				default: '',
				placeholder: 'Active Directory',
				description: 'Only entitlement items of this source (entitlement.sourceName)',
			},
		],
	},
	sortOptions([
		{ name: 'Access Name', value: 'access.name' },
		{ name: 'Access Type', value: 'access.type' },
		{ name: 'As ISC Returns Them', value: '' },
		{ name: 'Identity Name', value: 'identitySummary.name' },
		{ name: 'Source Name', value: 'entitlement.sourceName' },
	]),
	...simplifyFieldSince('review item'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const certificationId = certificationIdOf(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const conditions: string[] = [];
	if (filters.decisionState !== undefined && filters.decisionState !== '') {
		if (filters.decisionState !== 'undecided' && filters.decisionState !== 'decided')
			throw parameterError(
				node,
				`The "Decision State" filter must be undecided or decided, but it is ${JSON.stringify(filters.decisionState)}`,
				itemIndex,
			);
		conditions.push(`completed eq ${filters.decisionState === 'decided'}`);
	}
	if (filters.accessType !== undefined && filters.accessType !== '') {
		const type = String(filters.accessType).trim().toUpperCase();
		if (!ACCESS_TYPES.some((entry) => entry.value === type))
			throw parameterError(
				node,
				`The "Access Type" filter must be ENTITLEMENT, ACCESS_PROFILE or ROLE, but it is ${JSON.stringify(filters.accessType)}`,
				itemIndex,
			);
		conditions.push(`access.type eq ${quoted(type)}`);
	}
	const text = (value: unknown, field: string) => optionalText(node, value, field, itemIndex);
	const summaryId = text(filters.identitySummaryId, 'Identity Summary ID');
	if (summaryId)
		conditions.push(
			`identitySummary.id eq ${quoted(requireIscId(node, summaryId, 'Identity Summary ID', itemIndex))}`,
		);
	const identityName = text(filters.identityName, 'Identity Name Starts With');
	if (identityName) conditions.push(`identitySummary.name sw ${quoted(identityName)}`);
	const accessName = text(filters.accessName, 'Access Name Starts With');
	if (accessName) conditions.push(`access.name sw ${quoted(accessName)}`);
	const sourceName = text(filters.sourceName, 'Source Name');
	if (sourceName) conditions.push(`entitlement.sourceName eq ${quoted(sourceName)}`);
	const custom = text(filters.customFilter, 'Custom Filter');
	if (custom) conditions.push(custom);
	if (conditions.length > 0) qs.filters = conditions.join(' and ');

	const given = SWITCHES.filter(([name]) => text(filters[name], name) !== undefined);
	if (given.length > 1)
		throw parameterError(
			node,
			`Only one of the filters Entitlement IDs, Access Profile IDs and Role IDs may be given (ISC takes one at a time), but ${given.map(([, , field]) => `"${field}"`).join(' and ')} are`,
			itemIndex,
		);
	for (const [name, query, field] of given) {
		qs[query] = String(filters[name])
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean)
			.map((id) => requireIscId(node, id, field, itemIndex))
			.join(',');
	}
	const sort = text(options.sort, 'Sort');
	if (sort) qs.sorters = sort;
	const { items } = await listIscCollection(connection, {
		endpoint: `${CERTIFICATIONS}/${encodeURIComponent(certificationId)}/access-review-items`,
		qs,
		itemIndex,
		max: readLimit(this, itemIndex),
		notFound: notFoundCertification(certificationId),
		forbiddenHint: FORBIDDEN_READ,
	});
	return this.getNodeParameter('simplify', itemIndex, true) === true
		? items.map(simplifyReviewItem)
		: items;
}

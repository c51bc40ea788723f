import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../../shared/errors';
import type { OperationOption } from '../../../../shared/operations';
import { returnAllFields } from '../../../../shared/returnAll';
import type { Connection } from '../../../../shared/transport/connection';
import { optionalText, readLimit } from '../../../../shared/validation';
import { customFilterOption } from '../../../descriptions/approvalFields';
import { sortOptions } from '../../../descriptions/certificationFields';
import { identityField } from '../../../descriptions/workItemFields';
import { dateOf, quoted } from '../../../helpers/approvals';
import {
	CERTIFICATIONS,
	FORBIDDEN_READ,
	simplifyCertification,
} from '../../../helpers/certifications';
import { simplifyFieldSince } from '../../../../shared/versions';

import { optionalIscId, whoseItems } from '../../../helpers/ids';
import { listIscCollection } from '../../../transport/paging';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many certifications',
	description:
		"Lists SailPoint certifications (access reviews): yours by default, a reviewer's (Reviewer ID), or all for admins. Filters: phase, completed, due date, campaign. Returns one item per certification with its phase, due date, reviewer and decisions made / total. Read only.",
};

export const subtitle = 'Get Many';

export const idempotent = true;

const PHASES = [
	{ name: 'Active', value: 'ACTIVE', description: 'Open for decisions' },
	{ name: 'Signed', value: 'SIGNED', description: 'Signed off: complete' },
	{ name: 'Staged', value: 'STAGED', description: 'Waiting for the campaign to be activated' },
];

export const description: INodeProperties[] = [
	{
		displayName: 'Reviewer',
		name: 'reviewer',
		type: 'options',
		default: 'me',
		options: [
			{
				name: 'Me',
				value: 'me',
				description: "Certifications the token's identity reviews (reviewer-identity=me)",
			},
			{
				name: 'An Identity',
				value: 'identity',
				description:
					"Certifications of one reviewer (someone else's needs ORG_ADMIN or CERT_ADMIN)",
			},
			{ name: 'All (Admin)', value: 'all', description: 'Every certification the token may see' },
		],
	},
	{
		...identityField(
			'Reviewer ID',
			'reviewerId',
			'The reviewer whose certifications to list',
			true,
		),
		displayOptions: { show: { reviewer: ['identity'] } },
	},
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Campaign ID',
				name: 'campaignId',
				type: 'string',
				default: '',
				description: 'Only the certifications of this campaign',
			},
			{
				displayName: 'Completed',
				name: 'completed',
				type: 'boolean',
				default: false,
				description:
					'Whether to list only certifications with every decision made (on), or only those with some left (off)',
			},
			customFilterOption,
			{
				displayName: 'Due After',
				name: 'dueAfter',
				type: 'dateTime',
				default: '',
				description:
					'Only certifications due after this time (checked by the node: ISC does not filter on due)',
			},
			{
				displayName: 'Due Before',
				name: 'dueBefore',
				type: 'dateTime',
				default: '',
				description:
					'Only certifications due before this time, e.g. {{ $now.plus(3, "days") }} for those due soon (checked by the node)',
			},
			{
				displayName: 'Phase',
				name: 'phase',
				type: 'options',
				default: 'ACTIVE',
				options: PHASES,
			},
		],
	},
	sortOptions([
		{ name: 'As ISC Returns Them', value: '' },
		{ name: 'Due (Latest First)', value: '-due' },
		{ name: 'Due (Soonest First)', value: 'due' },
		{ name: 'Name (A-Z)', value: 'name' },
		{ name: 'Name (Z-A)', value: '-name' },
		{ name: 'Signed (Newest First)', value: '-signed' },
		{ name: 'Signed (Oldest First)', value: 'signed' },
	]),
	...simplifyFieldSince('certification'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const qs: IDataObject = {};
	const reviewer = whoseItems(this, itemIndex, {
		name: 'reviewer',
		label: 'Reviewer',
		idName: 'reviewerId',
		idLabel: 'Reviewer ID',
	});
	if (reviewer !== undefined) qs['reviewer-identity'] = reviewer;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const conditions: string[] = [];
	if (filters.phase !== undefined && filters.phase !== '') {
		const phase = String(filters.phase).trim().toUpperCase();
		if (!PHASES.some((entry) => entry.value === phase))
			throw parameterError(
				node,
				`The "Phase" filter must be ACTIVE, SIGNED or STAGED, but it is ${JSON.stringify(filters.phase)}`,
				itemIndex,
			);
		conditions.push(`phase eq ${quoted(phase)}`);
	}
	if (filters.completed !== undefined) {
		if (typeof filters.completed !== 'boolean')
			throw parameterError(node, 'The "Completed" filter must be true or false', itemIndex);
		conditions.push(`completed eq ${filters.completed}`);
	}
	const campaignId = optionalIscId(node, filters.campaignId, 'Campaign ID', itemIndex);
	if (campaignId) conditions.push(`campaign.id eq ${quoted(campaignId)}`);
	const custom = optionalText(node, filters.customFilter, 'Custom Filter', itemIndex);
	if (custom) conditions.push(custom);
	if (conditions.length > 0) qs.filters = conditions.join(' and ');
	const sort = optionalText(node, options.sort, 'Sort', itemIndex);
	if (sort) qs.sorters = sort;

	const dueAfter = dateOf(this, filters.dueAfter, 'Due After', itemIndex);
	const dueBefore = dateOf(this, filters.dueBefore, 'Due Before', itemIndex);
	const max = readLimit(this, itemIndex);
	const byDue = dueAfter !== undefined || dueBefore !== undefined;
	// ISC does not filter on due: with a due filter every page is read and the Limit applied after.
	const { items } = await listIscCollection(connection, {
		endpoint: CERTIFICATIONS,
		qs,
		itemIndex,
		max: byDue ? undefined : max,
		forbiddenHint: FORBIDDEN_READ,
	});
	const simplify = this.getNodeParameter('simplify', itemIndex, true) === true;
	const shown = (list: IDataObject[]) => (simplify ? list.map(simplifyCertification) : list);
	if (!byDue) return shown(items);
	const after = dueAfter === undefined ? undefined : Date.parse(dueAfter);
	const before = dueBefore === undefined ? undefined : Date.parse(dueBefore);
	const kept = items.filter((certification) => {
		const due = typeof certification.due === 'string' ? Date.parse(certification.due) : NaN;
		if (Number.isNaN(due)) return false;
		return (after === undefined || due > after) && (before === undefined || due < before);
	});
	return shown(max === undefined ? kept : kept.slice(0, max));
}

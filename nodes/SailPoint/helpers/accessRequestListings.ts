import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../../shared/errors';
import { optionalText } from '../../../../shared/validation';
import { dateOf, quoted } from '../../../helpers/approvals';
import { requireIscId } from '../../../helpers/ids';

/**
 * The `filters` and `sorters` of Get Many Pending and Get Many Completed, from the fields the
 * spec lets each list filter on (pending: id, requestedFor.id, accessRequestId, created,
 * modified; completed: id, requestedFor.id, modified).
 */
export function listingQuery(
	context: IExecuteFunctions,
	itemIndex: number,
	list: 'pending' | 'completed',
): IDataObject {
	const node = context.getNode();
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const conditions: string[] = [];
	const id = (value: unknown, field: string) =>
		value === undefined || value === '' ? undefined : requireIscId(node, value, field, itemIndex);
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

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { apiError } from '../../../../shared/errors';
import { callWorkItem, simplifyWorkItem, workItemIdOf } from './common';
import { workItemPath } from '../../../transport/apiPaths';
import { simplifyField } from '../../../../shared/versions';
import { workItemIdField } from '../../../descriptions/workItemFields';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a work item',
	description:
		'Reads one SailPoint work item. Use it to check a work item before deciding on it. Input: Work Item ID (32 hex characters). Returns the work item: ID, name, type, state, requester, requested for, approval items with their IDs. Read only.',
};

export const subtitle = 'Get';

/** A read. */
export const idempotent = true;

export const description: INodeProperties[] = [workItemIdField, ...simplifyField('work item')];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const workItemId = workItemIdOf(this, itemIndex);
	const workItem = await callWorkItem(connection, {
		method: 'GET',
		endpoint: workItemPath(workItemId),
		itemIndex,
		workItemId,
	});
	if (workItem === undefined) {
		throw apiError(this.getNode(), {
			message: `SailPoint ISC answered work item "${workItemId}" with an empty body`,
			itemIndex,
		});
	}
	return this.getNodeParameter('simplify', itemIndex, false) === true
		? simplifyWorkItem(workItem)
		: workItem;
}

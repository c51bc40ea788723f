import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { countFlowTickets } from '../../../helpers/flowTickets';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';

export const option: OperationOption = {
	name: 'Count Approved',
	value: 'countApproved',
	action: 'Count the approved Flow tickets; returns the count. Read only',
	description:
		'Counts the approved Venafi Flow tickets. No input. Returns Count and status approved. Read only.',
};

export const subtitle = 'Count approved';

/** A read (Flow calls are POSTs that change nothing here). */
export const idempotent = true;

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	return {
		Count: await countFlowTickets(connection, 'approved', option.name, itemIndex),
		status: 'Approved',
	};
}

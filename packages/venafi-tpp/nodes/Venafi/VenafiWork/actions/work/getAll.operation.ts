import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';

import { parameterError } from '../../../../shared/errors';
import { describeType } from '../../../../shared/validation';
import { convertTppDates } from '../../../helpers/tppDates';
import { tppRequest } from '../../../transport';

/** The WorkTypes TPP documents for GET Client/Work; any other value can come from an expression. */
export const WORK_TYPES = [
	'Certificate Provisioning Work',
	'Client Agent Automatic Upgrade Work',
	'Client Agent Configuration Work',
	'Client Agent Device Placement Work',
	'Client Agent SSH Discovery Work',
	'Client Agent SSH Key Usage Work',
	'Client Agent SSH Provisioning Work',
	'Client Certificate Work',
	'Client User Certificate Work',
];

const ALL = '';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many agent work entries',
	description:
		'Lists the work TPP has set up for groups of agents (upgrades, configuration, discovery, provisioning). Use it to see which agent work exists. Input: Work Type (optional, All by default). Returns one item per work entry with its name, type and settings, or no item when TPP has none. Read only.',
};

export const subtitle = {
	expression: '$parameter["workType"] ? $parameter["workType"] : "All work"',
};

/** A read. */
export const idempotent = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Work Type',
		name: 'workType',
		type: 'options',
		default: ALL,
		description:
			'Which kind of agent work to list. Choose "All" for every kind, or use an expression for a WorkType not in the list.',
		hint: "WorkType: the kind of job TPP queues for its agents, such as installing a certificate (Certificate Provisioning Work) or sending an agent's configuration",
		options: [
			{ name: 'All', value: ALL, description: 'Every kind of work (no WorkType filter)' },
			...WORK_TYPES.map((workType) => ({ name: workType, value: workType })),
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject[]> {
	const workType = this.getNodeParameter('workType', itemIndex, ALL) as unknown;
	// An expression that yields nothing must not silently widen the listing to all work.
	if (typeof workType !== 'string') {
		throw parameterError(
			this.getNode(),
			`The "Work Type" parameter must be text (a WorkType, or All), but it is ${describeType(workType)}`,
			itemIndex,
		);
	}
	const filter = workType.trim();
	// The trailing slash matters: without it TPP answers 307 Temporary Redirect.
	const response = await tppRequest(connection, {
		method: 'GET',
		endpoint: 'Client/Work/',
		qs: filter === ALL ? undefined : { WorkType: filter },
		itemIndex,
	});
	// 204 No Content: no work matches; that is an empty result, not an error.
	if (
		response.statusCode === 204 ||
		response.body === undefined ||
		response.body === '' ||
		response.body === null
	) {
		return [];
	}
	const body = response.body as unknown;
	const entries = Array.isArray(body) ? body : [body];
	return entries.map((entry) => convertTppDates(entry as IDataObject));
}

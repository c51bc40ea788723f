import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { apiError, parameterError } from '../../../../shared/errors';
import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { requireWholeNumber } from '../../../../shared/validation';
import {
	certificationIdField,
	reviewItemIdsField,
} from '../../../descriptions/certificationFields';
import { identityField } from '../../../descriptions/workItemFields';
import { commentOf } from '../../../helpers/approvals';
import {
	CERTIFICATION_TASKS,
	certificationIdOf,
	FORBIDDEN_MANAGE,
	postToCertification,
} from '../../../helpers/certifications';
import { idListOf, requireIscId } from '../../../helpers/ids';
import type { IscRequest } from '../../../transport';
import { readIscError, readIscObject, sendIscRequest } from '../../../transport';

export const option: OperationOption = {
	name: 'Reassign',
	value: 'reassign',
	action: 'Reassign review items or identities',
	description:
		'Moves review items, or every item of some identities, of a SailPoint certification to another reviewer, with a reason. Inputs: Certification, Reassign (Review Item Names or IDs, or Identity Summary Names or IDs), New Reviewer, Reason. Up to 50 at once are reassigned directly; more run as ISC tasks (500 per task) that the node follows to their end. Returns what was reassigned, and the tasks. Changes the certification.',
};

export const subtitle = 'Reassign';

/** A reassignment is not repeated after a 5xx or a dropped connection (only after a 429). */
export const idempotent = false;

/** The spec's limits: /reassign takes up to 50, /reassign-async up to 500. */
export const MAX_SYNC = 50;
export const MAX_ASYNC = 500;

export const description: INodeProperties[] = [
	certificationIdField,
	{
		displayName: 'Reassign',
		name: 'reassignWhat',
		type: 'options',
		default: 'items',
		options: [
			{ name: 'Review Items', value: 'items', description: 'The chosen review items (type ITEM)' },
			{
				name: 'Identities',
				value: 'identities',
				description: 'Every item of the chosen reviewed identities (type IDENTITY_SUMMARY)',
			},
		],
	},
	{
		...reviewItemIdsField('The review items to reassign'),
		displayOptions: { show: { reassignWhat: ['items'] } },
	},
	{
		displayName: 'Identity Summary Names or IDs',
		name: 'identitySummaryIds',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getCertificationIdentities',
			loadOptionsDependsOn: ['certificationId.value'],
		},
		required: true,
		default: [],
		displayOptions: { show: { reassignWhat: ['identities'] } },
		description:
			'The reviewed identities whose items to reassign (the ID inside each item\'s "identitySummary" in Get Many Review Items). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	identityField(
		'New Reviewer',
		'reassignTo',
		'Who reviews them from now on: search by name or email, or enter the identity ID',
		true,
	),
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 2 },
		description: 'Why they are reassigned (ISC requires one)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				default: 2,
				typeOptions: { minValue: 0 },
				description: 'How long to wait between reads of a reassignment task',
			},
			{
				displayName: 'Run As Task',
				name: 'mode',
				type: 'options',
				default: 'auto',
				options: [
					{
						name: 'When More Than 50',
						value: 'auto',
						description: 'Up to 50 directly (/reassign), more as tasks (/reassign-async)',
					},
					{
						name: 'Always',
						value: 'async',
						description: 'Always as tasks (/reassign-async), 500 per task',
					},
				],
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				default: 300,
				typeOptions: { minValue: 1 },
				description: 'How long to follow a task before giving up (the task goes on in ISC)',
			},
			{
				displayName: 'Wait for Tasks',
				name: 'waitForTasks',
				type: 'boolean',
				default: true,
				description:
					'Whether to follow each task until it succeeds or fails; off: return the queued tasks at once',
			},
		],
	},
];

interface Reference {
	id: string;
	type: 'ITEM' | 'IDENTITY_SUMMARY';
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const node = this.getNode();
	const certificationId = certificationIdOf(this, itemIndex);
	const what = this.getNodeParameter('reassignWhat', itemIndex, 'items') as unknown;
	if (what !== 'items' && what !== 'identities')
		throw parameterError(
			node,
			`The "Reassign" parameter must be items or identities, but it is ${JSON.stringify(what)}`,
			itemIndex,
		);
	const references: Reference[] =
		what === 'items'
			? idListOf(this, itemIndex, 'reviewItemIds', 'Review Items', { entriesWithId: true }).map(
					(id) => ({
						id,
						type: 'ITEM',
					}),
				)
			: idListOf(this, itemIndex, 'identitySummaryIds', 'Identity Summaries', {
					entriesWithId: true,
				}).map((id) => ({
					id,
					type: 'IDENTITY_SUMMARY',
				}));
	const reassignTo = requireIscId(
		node,
		this.getNodeParameter('reassignTo', itemIndex, '', { extractValue: true }),
		'New Reviewer',
		itemIndex,
	);
	const reason = commentOf(this, itemIndex, { required: true, name: 'reason', field: 'Reason' })!;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const mode = options.mode === undefined ? 'auto' : options.mode;
	if (mode !== 'auto' && mode !== 'async')
		throw parameterError(
			node,
			`The "Run As Task" option must be auto or async, but it is ${JSON.stringify(mode)}`,
			itemIndex,
		);
	const wait = options.waitForTasks !== false;
	const intervalMs =
		1000 *
		requireWholeNumberOrFraction(
			node,
			options.pollInterval,
			'Poll Interval (Seconds)',
			2,
			itemIndex,
		);
	const timeoutMs =
		1000 * requireWholeNumber(node, options.timeout ?? 300, 'Timeout (Seconds)', 1, itemIndex);
	const output: IDataObject = {
		certificationId,
		reassignTo,
		reason,
		reassign: references,
	};

	const send = async (endpoint: 'reassign' | 'reassign-async', batch: Reference[]) =>
		await postToCertification(this, connection, certificationId, itemIndex, {
			endpoint,
			verb: 'reassign items of',
			body: { reassign: batch, reassignTo, reason } as unknown as IDataObject,
		});

	if (mode === 'auto' && references.length <= MAX_SYNC) {
		const certification = await send('reassign', references);
		return { ...output, mode: 'sync', status: 'SUCCESS', certification };
	}
	const tasks: IDataObject[] = [];
	for (let start = 0; start < references.length; start += MAX_ASYNC) {
		const task = await send('reassign-async', references.slice(start, start + MAX_ASYNC));
		if (!task || typeof task.id !== 'string')
			throw apiError(node, {
				message: `SailPoint ISC answered the reassignment of certification "${certificationId}" without a task ID`,
				itemIndex,
			});
		tasks.push(
			wait ? await followTask(this, connection, task, itemIndex, intervalMs, timeoutMs) : task,
		);
	}
	const status = tasks.every((task) => task.status === 'SUCCESS')
		? 'SUCCESS'
		: String(tasks[tasks.length - 1].status);
	return { ...output, mode: 'async', status, tasks };
}

function requireWholeNumberOrFraction(
	node: ReturnType<IExecuteFunctions['getNode']>,
	value: unknown,
	field: string,
	fallback: number,
	itemIndex: number,
): number {
	if (value === undefined || value === '') return fallback;
	const number = Number(value);
	if (typeof value === 'boolean' || !Number.isFinite(number) || number < 0)
		throw parameterError(
			node,
			`The "${field}" option must be a number of at least 0, but it is ${JSON.stringify(value)}`,
			itemIndex,
		);
	return number;
}

/** Reads GET /certification-tasks/{id} until SUCCESS or ERROR; a read that fails is tried again. */
async function followTask(
	context: IExecuteFunctions,
	connection: Connection,
	queued: IDataObject,
	itemIndex: number,
	intervalMs: number,
	timeoutMs: number,
): Promise<IDataObject> {
	const id = String(queued.id);
	const deadline = Date.now() + timeoutMs;
	let task = queued;
	for (;;) {
		if (task.status === 'SUCCESS') return task;
		if (task.status === 'ERROR') {
			const said = readIscError({ messages: task.errors });
			throw apiError(context.getNode(), {
				message: `The reassignment task "${id}" of certification "${String(task.targetId ?? '')}" failed${said.texts.length > 0 ? `: ${said.texts.join(' ')}` : ''}`,
				description:
					'ISC ran the reassignment as a certification task and reported ERROR; the items it names were not reassigned.',
				itemIndex,
			});
		}
		if (Date.now() >= deadline)
			throw apiError(context.getNode(), {
				message: `The reassignment task "${id}" is still ${String(task.status)} after ${Math.round(timeoutMs / 1000)} seconds`,
				description: `The task goes on in ISC: read GET /certification-tasks/v1/${id} later, or raise the Timeout option.`,
				itemIndex,
			});
		await sleep(intervalMs);
		const request: IscRequest = {
			method: 'GET',
			endpoint: `${CERTIFICATION_TASKS}/${encodeURIComponent(id)}`,
			itemIndex,
			forbiddenHint: FORBIDDEN_MANAGE,
		};
		const response = await sendIscRequest(connection, request);
		// A passing fault (5xx) on a read: read again at the next interval.
		if (response.statusCode >= 500) continue;
		task = (await readIscObject(connection, request, response)) ?? task;
	}
}

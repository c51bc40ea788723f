import type { IDataObject, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import {
	emitExistingOption,
	filteredMemory,
	pollTrigger,
	type PollMethod,
	type PollRound,
} from '../../shared/pollTrigger';
import {
	creationTimeOf,
	pollBudgetOf,
	scanMemory,
	scanWithinBudget,
	type PollBudget,
	type ScanMemory,
} from '../../shared/pollBudget';
import type { Connection } from '../../shared/transport/connection';
import type { RetrySettings } from '../../shared/transport/retry';
import { describeType } from '../../shared/validation';
import { ownerIdField } from '../descriptions/workItemFields';
import { listSearch } from '../methods';
import { enumKey } from '../helpers/enums';
import { optionalIscId } from '../helpers/ids';
import { iscConnection, iscPaceWaitMs } from '../transport';
import { listIscCollection } from '../transport/paging';
import { ISC_RATE_LIMIT } from '../transport/rateLimit';
import { REMEMBERED_WORK_ITEMS, filterKey, recall, remember } from './workItemMemory';

/** ISC's work item states (the API reference's list), as enumKey spells them. */
const WORK_ITEM_STATES = ['PENDING', 'FINISHED', 'REJECTED', 'RETURNED', 'EXPIRED', 'CANCELED'];
const DEFAULT_STATES = ['PENDING'];

export class WorkItemsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SailPoint Work Items Trigger',
		name: 'workItemsTrigger',
		icon: {
			light: 'file:../../../icons/sailpoint.svg',
			dark: 'file:../../../icons/sailpoint.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["options"]["ownerId"] && ($parameter["options"]["ownerId"].value ?? $parameter["options"]["ownerId"]) ? "Owner " + ($parameter["options"]["ownerId"].value ?? $parameter["options"]["ownerId"]) : "My work items"}}',
		description:
			'Starts the workflow when SailPoint Identity Security Cloud has a new work item (an approval, a remediation, a form)',
		defaults: { name: 'SailPoint Work Items Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sailPointIscApi', required: true }],
		properties: [
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					emitExistingOption('Work Items', 'work items that already exist'),
					ownerIdField('watch', 'work items'),
					{
						displayName: 'States',
						name: 'states',
						type: 'multiOptions',
						default: ['PENDING'],
						description:
							'Emit only work items in these states (Pending unless set; all when emptied)',
						options: WORK_ITEM_STATES.map((state) => ({
							name: state.charAt(0) + state.slice(1).toLowerCase(),
							value: state,
						})),
					},
				],
			},
		],
	};

	methods = { listSearch };

	poll: PollMethod;

	/** `retry`: settings other than the defaults, for tests; n8n constructs the node without. */
	constructor(retry: Partial<RetrySettings> = {}) {
		this.poll = pollTrigger<string[] | ScanMemory<string>>(
			{ connect: iscConnection, rateLimit: ISC_RATE_LIMIT, retry },
			workItemRound,
		);
	}
}

async function workItemRound(
	context: IPollFunctions,
	connection: Connection,
): Promise<PollRound<string[]> | PollRound<ScanMemory<string>>> {
	const node = context.getNode();
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const ownerId = optionalIscId(node, options.ownerId, 'Owner ID', 0);
	const states = stateFilter(context, options.states);
	const budget = context.getMode() === 'manual' ? undefined : pollBudgetOf(context);
	if (budget !== undefined) {
		return budgetedRound(context, connection, budget, { ownerId, states, options });
	}

	const { items } = await listIscCollection(connection, {
		endpoint: 'work-items',
		qs: ownerId === undefined ? undefined : { ownerId },
		itemIndex: 0,
	});
	const watched = items.filter(
		(item) =>
			typeof item.id === 'string' && (states.length === 0 || states.includes(enumKey(item.state))),
	);

	return {
		bound: {
			noun: 'work items',
			matched: watched.length,
			limit: REMEMBERED_WORK_ITEMS,
			narrowHint: 'Watch one owner (Owner ID) or fewer states, or use several triggers.',
		},
		memory: filteredMemory(filterKey(ownerId, states), recall),
		preview: async () => {
			if (watched.length === 0) throw noWorkItemsYet(context, items.length, states, ownerId);
			return watched;
		},
		compare: async (known: string[] | undefined) => {
			let events: IDataObject[] = [];
			if (known === undefined) {
				// First activation (or a new filter): record what exists; emit it only if asked to.
				if (options.emitExisting === true) {
					events = watched.map((item) => ({ ...item, event: 'existing' }));
				}
			} else {
				const seen = new Set(known);
				events = watched
					.filter((item) => !seen.has(item.id as string))
					.map((item) => ({ ...item, event: 'new' }));
			}
			return {
				events,
				seen: remember(
					known ?? [],
					watched.map((item) => item.id as string),
				),
			};
		},
	};
}

/** Work items read per step of a budgeted poll: four pages of 250, fetched at once. */
const SCAN_CHUNK = 1_000;

/**
 * On n8n with a poll budget: the listing is read from where the last poll stopped, as much as
 * the budget allows (pollBudget.ts), instead of every page on every poll.
 */
function budgetedRound(
	context: IPollFunctions,
	connection: Connection,
	budget: PollBudget,
	watch: { ownerId: string | undefined; states: string[]; options: IDataObject },
): PollRound<ScanMemory<string>> {
	const { ownerId, states, options } = watch;
	const key = filterKey(ownerId, states);
	return {
		memory: scanMemory(key, recall),
		preview: async () => [],
		compare: async (known: ScanMemory<string> | undefined) => {
			const {
				events,
				known: ids,
				cursor,
			} = await scanWithinBudget<string>({
				budget,
				known: known?.ids,
				cursor: known?.cursor,
				emitExisting: options.emitExisting === true,
				readChunk: async (offset) => {
					const { items } = await listIscCollection(connection, {
						endpoint: 'work-items',
						qs: ownerId === undefined ? undefined : { ownerId },
						itemIndex: 0,
						start: offset,
						max: SCAN_CHUNK,
					});
					return {
						entries: items
							.filter(
								(item) =>
									typeof item.id === 'string' &&
									(states.length === 0 || states.includes(enumKey(item.state))),
							)
							.map((item) => ({ id: item.id as string, item })),
						listed: items.length,
						end: items.length < SCAN_CHUNK,
					};
				},
				// A chunk is up to four requests; ISC's pace may hold them past the budget.
				waitBeforeChunkMs: async () => await iscPaceWaitMs(connection, SCAN_CHUNK / 250),
				remember: (previous, listed) => remember(previous, listed),
				limit: REMEMBERED_WORK_ITEMS,
				tooMany: (matched) =>
					new NodeOperationError(
						context.getNode(),
						`${matched} work items match, more than the ${REMEMBERED_WORK_ITEMS} this trigger can remember between polls`,
						{ description: 'Watch one owner (Owner ID) or fewer states, or use several triggers.' },
					),
				toEvent: (item, event) => ({ ...item, event }),
				// Work items created after the first scan began are new, even when a later poll
				// of that scan finds them.
				createdAt: (item) => creationTimeOf(item.created),
			});
			return { events, seen: { ids, cursor } };
		},
	};
}

function stateFilter(context: IPollFunctions, value: unknown): string[] {
	if (value === undefined) return DEFAULT_STATES;
	const list = typeof value === 'string' ? value.split(',') : value;
	if (!Array.isArray(list)) {
		throw parameterError(
			context.getNode(),
			`The "States" option must be a list of states, but it is ${describeType(value)}`,
			0,
		);
	}
	const states = list.map((state) => enumKey(String(state))).filter((state) => state !== '');
	const unknown = states.filter((state) => !WORK_ITEM_STATES.includes(state));
	if (unknown.length > 0) {
		throw parameterError(
			context.getNode(),
			`The "States" option has an unknown state "${unknown[0]}"; use ${WORK_ITEM_STATES.join(', ')}`,
			0,
		);
	}
	return states;
}

function noWorkItemsYet(
	context: IPollFunctions,
	listed: number,
	states: string[],
	ownerId: string | undefined,
): NodeOperationError {
	const whose = ownerId === undefined ? "for the access token's identity" : `for owner ${ownerId}`;
	const message =
		listed === 0 || states.length === 0
			? `No work items yet ${whose}`
			: `No work items in state ${states.join(' or ')} yet ${whose} (${listed} in other states)`;
	return new NodeOperationError(context.getNode(), message, {
		description:
			'ISC listed nothing to show. When a work item arrives (an access request to approve, say), test again; once the workflow is active, the trigger emits new work items as they appear.',
	});
}

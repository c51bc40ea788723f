import type { IDataObject, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import {
	emitExistingOption,
	pollTrigger,
	type PollMemory,
	type PollMethod,
	type PollRound,
} from '../../shared/pollTrigger';
import type { Connection } from '../../shared/transport/connection';
import type { RetrySettings } from '../../shared/transport/retry';
import { ACCESS_REQUEST_APPROVALS, GENERIC_APPROVALS, quoted } from '../helpers/approvals';
import { requireIscId } from '../helpers/ids';
import { ownerFields } from '../descriptions/approvalFields';
import {
	simplifyAccessRequestApproval,
	simplifyGenericApproval,
} from '../helpers/approvalSimplify';
import { simplifyFieldSince } from '../../shared/versions';
import { iscConnection } from '../transport';
import { listIscCollection } from '../transport/paging';
import { ISC_RATE_LIMIT } from '../transport/rateLimit';
import {
	advanceArrivals,
	NO_ARRIVALS,
	readArrivals,
	windowStart,
	writeArrivals,
	type Arrivals,
} from './approvalMemory';
import { listSearch } from '../methods';

/**
 * Polls ISC for new pending approvals: access request approvals
 * (/access-request-approvals/v1/pending) and, as an option, generic approvals
 * (/generic-approvals/v1, status PENDING). Each poll asks only for what was modified since the
 * newest modification seen minus a look-back window (approvalMemory.ts), so it reads the
 * recent ones, not every page, and still finds approvals that became visible late or were
 * forwarded to the owner (their arrival is the forward's time); each is emitted once.
 */

type Kind = 'accessRequestApproval' | 'genericApproval';

interface Listed {
	json: IDataObject;
	id: string;
	/** Creation time as ISO 8601 UTC with milliseconds (comparable as text). */
	created: string;
	/** When it became pending for the owner: its creation, or the last forward to them. */
	arrival: string;
	/** Last modification (a forward or reassignment changes it). */
	modified: string;
}

/** What a manual test run shows at most, newest first. */
const MANUAL_LIMIT = 50;

export class SailPointApprovalsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SailPoint Approvals Trigger',
		name: 'sailPointApprovalsTrigger',
		icon: {
			light: 'file:../../../icons/sailpoint.svg',
			dark: 'file:../../../icons/sailpoint.dark.svg',
		},
		group: ['trigger'],
		// Version 2: Simplify (on for new nodes); saved version 1 triggers keep the raw items.
		version: [1, 2],
		defaultVersion: 2,
		subtitle:
			'={{$parameter["owner"] === "all" ? "Every approval" : $parameter["owner"] === "identity" ? "Owner " + $parameter["ownerId"] : "My approvals"}}',
		description:
			'Starts the workflow when SailPoint Identity Security Cloud has a new pending access request approval (or generic approval)',
		defaults: { name: 'SailPoint Approvals Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sailPointIscApi', required: true }],
		properties: [
			{
				displayName:
					'Starts the workflow once for each new pending approval of the owner chosen below. Who may watch whose approvals: see the Docs link above.',
				name: 'scopeNotice',
				type: 'notice',
				default: '',
			},
			...ownerFields({
				me: 'Approvals waiting for the identity behind the access token',
				identity: 'Approvals waiting for one identity (ORG_ADMIN)',
				all: 'Every pending approval of the tenant (ORG_ADMIN)',
				ownerId: 'The identity whose approvals to watch',
			}),
			...simplifyFieldSince('approval', 2),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					emitExistingOption('Approvals', 'approvals already pending', 'notes the newest'),
					{
						displayName: 'Include Generic Approvals',
						name: 'includeGeneric',
						type: 'boolean',
						default: false,
						description:
							'Whether to watch generic approvals too (/generic-approvals/v1, e.g. from ISC Workflows); they come with kind "genericApproval"',
					},
				],
			},
		],
	};

	methods = { listSearch };

	poll: PollMethod;

	/** `retry`: settings other than the defaults, for tests; n8n constructs the node without. */
	constructor(retry: Partial<RetrySettings> = {}) {
		this.poll = pollTrigger(
			{ connect: iscConnection, rateLimit: ISC_RATE_LIMIT, retry },
			approvalsRound,
		);
	}
}

/** The memory of each kind watched (its arrivals); a kind without one starts afresh. */
type ArrivalsByKind = Partial<Record<Kind, Arrivals>>;

async function approvalsRound(
	context: IPollFunctions,
	connection: Connection,
): Promise<PollRound<ArrivalsByKind>> {
	const node = context.getNode();
	const owner = context.getNodeParameter('owner', 'me') as string;
	if (!['me', 'identity', 'all'].includes(owner)) {
		throw parameterError(
			node,
			`The "Owner" parameter must be me, identity or all, but it is ${JSON.stringify(owner)}`,
			0,
		);
	}
	const ownerId =
		owner === 'identity'
			? requireIscId(
					node,
					context.getNodeParameter('ownerId', '', { extractValue: true }),
					'Owner ID',
					0,
				)
			: undefined;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const kinds: Kind[] =
		options.includeGeneric === true
			? ['accessRequestApproval', 'genericApproval']
			: ['accessRequestApproval'];
	const lister = new Lister(connection, owner, ownerId);
	const simplify = context.getNodeParameter('simplify', false) === true;
	const output = (entry: Listed, event?: string): IDataObject =>
		simplify ? simplified(entry, event) : { ...entry.json, ...(event ? { event } : {}) };

	return {
		// The memory is a time and the approvals that arrived within the look-back window per
		// kind: it does not grow with the number of approvals, so no bound applies.
		memory: arrivalsMemory(JSON.stringify([owner, ownerId ?? '', kinds]), kinds),
		preview: async () => {
			// A test run shows the current pending approvals and leaves the memory alone.
			const current = (
				await Promise.all(kinds.map(async (kind) => await lister.newest(kind)))
			).flat();
			if (current.length === 0) {
				throw new NodeOperationError(
					node,
					`No pending approvals yet ${ownerId ? `for owner ${ownerId}` : owner === 'all' ? 'in the tenant' : "for the access token's identity"}`,
					{
						description:
							'When an access request needs an approval, test again; once the workflow is active, the trigger emits new approvals as they appear.',
					},
				);
			}
			return current.map((entry) => output(entry));
		},
		compare: async (known) => {
			const events: IDataObject[] = [];
			const seen: ArrivalsByKind = {};
			for (const kind of kinds) {
				const mark = known?.[kind];
				if (mark === undefined && options.emitExisting !== true) {
					// First activation: note what is pending within the window; nothing is emitted.
					const [latest] = await lister.latestModified(kind);
					if (latest === undefined) {
						seen[kind] = NO_ARRIVALS;
						continue;
					}
					const start: Arrivals = { ...NO_ARRIVALS, newest: latest.modified };
					seen[kind] = advanceArrivals(
						start,
						await lister.modifiedSince(kind, windowStart(start)),
					).next;
					continue;
				}
				const start = mark ?? NO_ARRIVALS;
				const listed = await lister.modifiedSince(kind, windowStart(start));
				const { fresh, next } = advanceArrivals(start, listed);
				const byId = new Map(listed.map((entry) => [entry.id, entry]));
				for (const entry of fresh) {
					events.push(output(byId.get(entry.id)!, mark === undefined ? 'existing' : 'new'));
				}
				seen[kind] = next;
			}
			return { events, seen };
		},
	};
}

/** Each kind's memory under the trigger's filter key (approvalMemory.ts). */
function arrivalsMemory(key: string, kinds: readonly Kind[]): PollMemory<ArrivalsByKind> {
	return {
		read: (data) => Object.fromEntries(kinds.map((kind) => [kind, readArrivals(data, key, kind)])),
		write: (data, seen) => {
			for (const kind of kinds) {
				const mark = seen[kind];
				if (mark) writeArrivals(data, key, kind, mark);
			}
		},
	};
}

/** Lists pending approvals of either kind for the trigger's owner. */
class Lister {
	constructor(
		private readonly connection: Connection,
		private readonly owner: string,
		private readonly ownerId: string | undefined,
	) {}

	/** The newest pending approvals (at most `max`), newest first. */
	async newest(kind: Kind, max = MANUAL_LIMIT): Promise<Listed[]> {
		if (kind === 'accessRequestApproval') {
			return await this.accessRequests({ sorters: '-created' }, max);
		}
		// Generic approvals document no sorters: all pending are read and sorted here.
		const all = await this.generic(undefined);
		return all.sort((a, b) => (a.created < b.created ? 1 : -1)).slice(0, max);
	}

	/** The most recently modified pending approval (none when nothing is pending). */
	async latestModified(kind: Kind): Promise<Listed[]> {
		if (kind === 'accessRequestApproval') {
			return await this.accessRequests({ sorters: '-modified' }, 1);
		}
		const all = await this.generic(undefined);
		return all.sort((a, b) => (a.modified < b.modified ? 1 : -1)).slice(0, 1);
	}

	/**
	 * The pending approvals modified at or after `since` (all of them when ''), in the order they
	 * arrived for the owner. A forward or reassignment changes the modification time.
	 */
	async modifiedSince(kind: Kind, since: string): Promise<Listed[]> {
		const listed =
			kind === 'accessRequestApproval'
				? await this.accessRequests({
						sorters: 'modified',
						...(since ? { filters: `modified ge ${quoted(since)}` } : {}),
					})
				: await this.generic(since || undefined, 'modifiedDate');
		return listed.sort((a, b) =>
			a.arrival < b.arrival ? -1 : a.arrival > b.arrival ? 1 : a.created < b.created ? -1 : 0,
		);
	}

	private async accessRequests(qs: IDataObject, max?: number): Promise<Listed[]> {
		const owner = this.owner === 'all' ? {} : { 'owner-id': this.ownerId ?? 'me' };
		const { items } = await listIscCollection(this.connection, {
			endpoint: `${ACCESS_REQUEST_APPROVALS}/pending`,
			qs: { ...owner, ...qs },
			itemIndex: 0,
			max,
		});
		return listed(items, 'accessRequestApproval', this.owner !== 'all');
	}

	private async generic(
		since: string | undefined,
		field: 'createdDate' | 'modifiedDate' = 'createdDate',
	): Promise<Listed[]> {
		const who =
			this.owner === 'all'
				? { mine: false }
				: this.ownerId
					? { mine: false, approverId: this.ownerId }
					: { mine: true };
		const filters = [
			`status eq "PENDING"`,
			...(since ? [`${field} ge ${quoted(since)}`] : []),
		].join(' and ');
		const { items } = await listIscCollection(this.connection, {
			endpoint: GENERIC_APPROVALS,
			// The reassignment history tells when an approval was reassigned to the owner.
			qs: {
				...who,
				filters,
				...(this.owner === 'all' ? {} : { 'include-reassignment-history': true }),
			},
			itemIndex: 0,
		});
		const result = listed(items, 'genericApproval', this.owner !== 'all');
		// Asked for only to find arrivals: the items stay as they were without it.
		if (this.owner !== 'all') for (const entry of result) delete entry.json.reassignmentHistory;
		return result;
	}
}

/**
 * An approval as Simplify gives it (approvalSimplify.ts): what a person reads first, then its
 * kind and the event, the IDs last.
 */
function simplified(entry: Listed, event?: string): IDataObject {
	const { kind, ...approval } = entry.json;
	const simple =
		kind === 'genericApproval'
			? simplifyGenericApproval(approval)
			: simplifyAccessRequestApproval(approval, 'pending');
	const { id, accessRequestId, ...rest } = simple;
	return {
		...rest,
		kind,
		...(event ? { event } : {}),
		id,
		...(accessRequestId === undefined ? {} : { accessRequestId }),
	};
}

/** Where each kind keeps its times, and the history of hand-overs to a new owner. */
const FIELDS: Record<Kind, { created: string; modified: string; history: string; at: string }> = {
	accessRequestApproval: {
		created: 'created',
		modified: 'modified',
		history: 'forwardHistory',
		at: 'modified',
	},
	genericApproval: {
		created: 'createdDate',
		modified: 'modifiedDate',
		history: 'reassignmentHistory',
		at: 'reassignedDate',
	},
};

function isoTime(value: unknown): string | undefined {
	const time = Date.parse(String(value ?? ''));
	return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * The listed approvals with their times. For one owner (not Everyone) an approval arrives when
 * it was last forwarded or reassigned (to them: it is in their pending list), if later than
 * its creation.
 */
function listed(items: IDataObject[], kind: Kind, handOversCount: boolean): Listed[] {
	const fields = FIELDS[kind];
	const result: Listed[] = [];
	for (const item of items) {
		const created = isoTime(item[fields.created]);
		if (typeof item.id !== 'string' || created === undefined) continue;
		let arrival = created;
		const history = item[fields.history];
		if (handOversCount && Array.isArray(history) && history.length > 0) {
			const last = history[history.length - 1] as IDataObject | null;
			const handedOver = isoTime(last?.[fields.at]);
			if (handedOver !== undefined && handedOver > arrival) arrival = handedOver;
		}
		const modified = isoTime(item[fields.modified]) ?? arrival;
		result.push({
			id: item.id,
			created,
			arrival,
			modified: modified > arrival ? modified : arrival,
			json: { ...item, kind },
		});
	}
	return result;
}

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
import { identityField } from '../descriptions/workItemFields';
import { iscConnection } from '../transport';
import { listIscCollection } from '../transport/paging';
import { ISC_RATE_LIMIT } from '../transport/rateLimit';
import { advance, readWatermark, writeWatermark, type Watermark } from './approvalWatermark';
import { listSearch } from '../methods';

/**
 * Polls ISC for new pending approvals: access request approvals
 * (/access-request-approvals/v1/pending) and, as an option, generic approvals
 * (/generic-approvals/v1, status PENDING). Each poll asks only for what was created since the
 * newest one seen (`created ge` that time, sorted by creation), so it reads the new ones, not
 * every page; the memory is that time and the IDs sharing it.
 */

type Kind = 'accessRequestApproval' | 'genericApproval';

interface Listed {
	json: IDataObject;
	id: string;
	/** Creation time as ISO 8601 UTC with milliseconds (comparable as text). */
	created: string;
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
		version: 1,
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
			{
				displayName: 'Owner',
				name: 'owner',
				type: 'options',
				default: 'me',
				options: [
					{
						name: 'Me',
						value: 'me',
						description: 'Approvals waiting for the identity behind the access token',
					},
					{
						name: 'An Identity',
						value: 'identity',
						description: 'Approvals waiting for one identity (ORG_ADMIN)',
					},
					{
						name: 'Everyone (Admin)',
						value: 'all',
						description: 'Every pending approval of the tenant (ORG_ADMIN)',
					},
				],
			},
			{
				...identityField('Owner ID', 'ownerId', 'The identity whose approvals to watch', true),
				displayOptions: { show: { owner: ['identity'] } },
			},
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

/** The watermark of each kind watched; a kind without one starts afresh. */
type Watermarks = Partial<Record<Kind, Watermark>>;

async function approvalsRound(
	context: IPollFunctions,
	connection: Connection,
): Promise<PollRound<Watermarks>> {
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

	return {
		// The memory is a creation time and the IDs sharing it per kind: it does not grow with
		// the number of approvals, so no bound applies.
		memory: watermarkMemory(JSON.stringify([owner, ownerId ?? '', kinds]), kinds),
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
			return current.map((entry) => entry.json);
		},
		compare: async (known) => {
			const events: IDataObject[] = [];
			const seen: Watermarks = {};
			for (const kind of kinds) {
				const mark = known?.[kind];
				if (mark === undefined && options.emitExisting !== true) {
					// First activation: note the newest one; nothing is emitted.
					const [newest] = await lister.newest(kind, 1);
					seen[kind] = newest
						? { since: newest.created, edge: [newest.id] }
						: { since: '', edge: [] };
					continue;
				}
				const start = mark ?? { since: '', edge: [] };
				const listed = await lister.since(kind, start.since);
				const { fresh, next } = advance(start, listed);
				const freshIds = new Set(fresh);
				for (const entry of listed)
					if (freshIds.has(entry.id))
						events.push({ ...entry.json, event: mark === undefined ? 'existing' : 'new' });
				seen[kind] = next;
			}
			return { events, seen };
		},
	};
}

/** Each kind's watermark under the trigger's filter key (approvalWatermark.ts). */
function watermarkMemory(key: string, kinds: readonly Kind[]): PollMemory<Watermarks> {
	return {
		read: (data) => Object.fromEntries(kinds.map((kind) => [kind, readWatermark(data, key, kind)])),
		write: (data, seen) => {
			for (const kind of kinds) {
				const mark = seen[kind];
				if (mark) writeWatermark(data, key, kind, mark);
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

	/** The pending approvals created at or after `since` (all of them when ''), oldest first. */
	async since(kind: Kind, since: string): Promise<Listed[]> {
		if (kind === 'accessRequestApproval') {
			return await this.accessRequests({
				sorters: 'created',
				...(since ? { filters: `created ge ${quoted(since)}` } : {}),
			});
		}
		return (await this.generic(since || undefined)).sort((a, b) =>
			a.created < b.created ? -1 : a.created > b.created ? 1 : 0,
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
		return listed(items, 'created', 'accessRequestApproval');
	}

	private async generic(since: string | undefined): Promise<Listed[]> {
		const who =
			this.owner === 'all'
				? { mine: false }
				: this.ownerId
					? { mine: false, approverId: this.ownerId }
					: { mine: true };
		const filters = [
			`status eq "PENDING"`,
			...(since ? [`createdDate ge ${quoted(since)}`] : []),
		].join(' and ');
		const { items } = await listIscCollection(this.connection, {
			endpoint: GENERIC_APPROVALS,
			qs: { ...who, filters },
			itemIndex: 0,
		});
		return listed(items, 'createdDate', 'genericApproval');
	}
}

function listed(items: IDataObject[], field: string, kind: Kind): Listed[] {
	const result: Listed[] = [];
	for (const item of items) {
		const time = Date.parse(String(item[field] ?? ''));
		if (typeof item.id !== 'string' || Number.isNaN(time)) continue;
		result.push({ id: item.id, created: new Date(time).toISOString(), json: { ...item, kind } });
	}
	return result;
}

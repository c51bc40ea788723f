import type { IDataObject, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import {
	emitExistingOption,
	filteredMemory,
	pollTrigger,
	recallIds,
	rememberIds,
	type PollMethod,
	type PollRound,
} from '../../shared/pollTrigger';
import type { Connection } from '../../shared/transport/connection';
import type { RetrySettings } from '../../shared/transport/retry';
import { identityField } from '../descriptions/workItemFields';
import { CERTIFICATIONS, FORBIDDEN_READ } from '../helpers/certifications';
import { requireIscId } from '../helpers/ids';
import { listSearch } from '../methods';
import { iscConnection } from '../transport';
import { listIscCollection } from '../transport/paging';
import { ISC_RATE_LIMIT } from '../transport/rateLimit';

/** Certifications (and due-soon notices) remembered between polls. */
export const REMEMBERED_CERTIFICATIONS = 5000;

const EVENTS = ['assigned', 'dueSoon'] as const;
type CertificationEvent = (typeof EVENTS)[number];

export class SailPointCertificationsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SailPoint Certifications Trigger',
		name: 'sailPointCertificationsTrigger',
		icon: {
			light: 'file:../../../icons/sailpoint.svg',
			dark: 'file:../../../icons/sailpoint.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description:
			'Starts the workflow when a SailPoint Identity Security Cloud certification (access review) is assigned to you, or its due date is near',
		defaults: { name: 'SailPoint Certifications Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sailPointIscApi', required: true }],
		properties: [
			{
				displayName:
					'Starts the workflow once when a certification is assigned to the reviewer chosen below, and once when it comes due with decisions left. Who may watch whose certifications: see the Docs link above.',
				name: 'scopeNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['assigned', 'dueSoon'],
				options: [
					{
						name: 'Certification Assigned',
						value: 'assigned',
						description:
							'An ACTIVE certification the trigger has not seen before (event "assigned")',
					},
					{
						name: 'Due Soon',
						value: 'dueSoon',
						description:
							'An ACTIVE certification with decisions left whose due date is within Due Within (Days) (event "dueSoon", once per certification)',
					},
				],
			},
			{
				displayName: 'Due Within (Days)',
				name: 'dueWithinDays',
				type: 'number',
				default: 3,
				typeOptions: { minValue: 0 },
				displayOptions: { show: { events: ['dueSoon'] } },
				description: 'How near the due date must be for Due Soon, in days (fractions allowed)',
			},
			{
				displayName: 'Reviewer',
				name: 'reviewer',
				type: 'options',
				default: 'me',
				options: [
					{ name: 'Me', value: 'me', description: "The token's identity (reviewer-identity=me)" },
					{
						name: 'An Identity',
						value: 'identity',
						description:
							"One reviewer's certifications (someone else's needs ORG_ADMIN or CERT_ADMIN)",
					},
				],
			},
			{
				...identityField(
					'Reviewer ID',
					'reviewerId',
					'The reviewer whose certifications to watch',
					true,
				),
				displayOptions: { show: { reviewer: ['identity'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [emitExistingOption('Certifications', 'certifications that match already')],
			},
		],
	};

	methods = { listSearch };

	poll: PollMethod;

	/** `retry`: settings other than the defaults, for tests; n8n constructs the node without. */
	constructor(retry: Partial<RetrySettings> = {}) {
		this.poll = pollTrigger(
			{ connect: iscConnection, rateLimit: ISC_RATE_LIMIT, retry },
			certificationRound,
		);
	}
}

const isKey = (value: unknown): value is string => typeof value === 'string';

async function certificationRound(
	context: IPollFunctions,
	connection: Connection,
): Promise<PollRound<string[]>> {
	const node = context.getNode();
	const events = eventsOf(context);
	const reviewer = context.getNodeParameter('reviewer', 'me') as unknown;
	if (reviewer !== 'me' && reviewer !== 'identity')
		throw parameterError(
			node,
			`The "Reviewer" parameter must be me or identity, but it is ${JSON.stringify(reviewer)}`,
			0,
		);
	const reviewerIdentity =
		reviewer === 'me'
			? 'me'
			: requireIscId(
					node,
					context.getNodeParameter('reviewerId', '', { extractValue: true }),
					'Reviewer ID',
					0,
				);
	const days = Number(context.getNodeParameter('dueWithinDays', 3));
	if (events.includes('dueSoon') && (!Number.isFinite(days) || days < 0))
		throw parameterError(
			node,
			'The "Due Within (Days)" parameter must be a number of at least 0',
			0,
		);
	const options = context.getNodeParameter('options', {}) as IDataObject;

	const { items } = await listIscCollection(connection, {
		endpoint: CERTIFICATIONS,
		qs: { 'reviewer-identity': reviewerIdentity, filters: 'phase eq "ACTIVE"', sorters: 'due' },
		itemIndex: 0,
		forbiddenHint: FORBIDDEN_READ,
	});
	const now = Date.now();
	const horizon = now + days * 86_400_000;
	// What each certification stands for now: assigned (always), dueSoon (when due is near).
	const current: Array<{ key: string; event: CertificationEvent; certification: IDataObject }> = [];
	for (const certification of items) {
		if (typeof certification.id !== 'string') continue;
		if (events.includes('assigned'))
			current.push({ key: `assigned:${certification.id}`, event: 'assigned', certification });
		const due = typeof certification.due === 'string' ? Date.parse(certification.due) : NaN;
		if (
			events.includes('dueSoon') &&
			certification.completed !== true &&
			!Number.isNaN(due) &&
			due <= horizon
		)
			current.push({
				key: `dueSoon:${certification.id}`,
				event: 'dueSoon',
				certification: {
					...certification,
					dueInHours: Math.round(((due - now) / 3_600_000) * 10) / 10,
				},
			});
	}
	return {
		bound: {
			noun: 'certification notices',
			matched: current.length,
			limit: REMEMBERED_CERTIFICATIONS,
			narrowHint: 'Watch one reviewer or one event per trigger.',
		},
		memory: filteredMemory(`${reviewerIdentity}|${[...events].sort().join(',')}|${days}`, (seen) =>
			recallIds(seen, isKey),
		),
		preview: async () => {
			if (current.length === 0)
				throw new NodeOperationError(node, 'No matching ACTIVE certifications yet', {
					description:
						'ISC lists no ACTIVE certification for the reviewer that matches the events. Once the workflow is active, the trigger emits them as they are assigned or come due.',
				});
			return current.map((entry) => ({ ...entry.certification, event: entry.event }));
		},
		compare: async (known) => {
			const keys = current.map((entry) => entry.key);
			if (known === undefined) {
				const existing =
					options.emitExisting === true
						? current.map((entry) => ({ ...entry.certification, event: entry.event }))
						: [];
				return { events: existing, seen: rememberIds([], keys, REMEMBERED_CERTIFICATIONS) };
			}
			const seen = new Set(known);
			return {
				events: current
					.filter((entry) => !seen.has(entry.key))
					.map((entry) => ({ ...entry.certification, event: entry.event })),
				seen: rememberIds(known, keys, REMEMBERED_CERTIFICATIONS),
			};
		},
	};
}

function eventsOf(context: IPollFunctions): CertificationEvent[] {
	const value = context.getNodeParameter('events', []) as unknown;
	const list = typeof value === 'string' ? value.split(',').map((entry) => entry.trim()) : value;
	if (!Array.isArray(list) || list.length === 0)
		throw parameterError(
			context.getNode(),
			'The "Events" parameter needs at least one event: assigned or dueSoon',
			0,
		);
	const unknown = list.find((entry) => !EVENTS.includes(entry as CertificationEvent));
	if (unknown !== undefined)
		throw parameterError(
			context.getNode(),
			`The "Events" parameter has an unknown event ${JSON.stringify(unknown)}; use assigned or dueSoon`,
			0,
		);
	return list as CertificationEvent[];
}

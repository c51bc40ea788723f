import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import type { SandboxRequest } from './http';
import { bearerToken, sendJson } from './http';
import { approvalItemsOf, close, decide, outcomeOf } from './iscWorkItemState';
import type { PublicIdentity } from './iscPublicIdentities';
import { listPublicIdentities, seedPublicIdentities } from './iscPublicIdentities';

/**
 * Emulates the SailPoint Identity Security Cloud work item endpoints the nodes use, as the API
 * reference describes them, under both `/v3/work-items` and the per-service `/work-items/v1`
 * (the same state behind both): `GET /v3/work-items` with the V3 collection parameters (`limit`
 * 0..250, `offset`, `count` giving `X-Total-Count`, `ownerId`), bearer tokens with ISC's 401
 * body, the 400/403/404/500 bodies (`detailCode`, `trackingId`, `messages`) and 429 with
 * `Retry-After`. Without `ownerId` a caller sees its own work items; another owner's need an
 * admin, as in ISC.
 *
 * The work item endpoints act on real state: `GET /v3/work-items/{id}`, `/completed`,
 * `/count`, `/completed/count`, `/summary`, and the writes (complete, forward, approve and
 * reject one approval item or all of them, submit an account selection). A work item that is
 * done moves from the open list (`workItems`) to `completedWorkItems`. Unknown IDs get the
 * seed's 404 body, bad bodies and acting on a finished work item a 400, another owner's work
 * item without admin rights a 403. Tests add work items between polls with `addWorkItem`.
 */

/** An admin's token; its identity is ISC_IDENTITY_ID. */
export const ISC_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2FuZGJveC1pc2MtYWRtaW4.SandboxIscAdminSignature7Qw';
/** A plain user's token (identity ISC_USER_ID): its own work items only. */
export const ISC_USER_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2FuZGJveC1pc2MtdXNlcg.SandboxIscUserSignature3Zk';

/** A plain user's token with the scope idn:campaign:read only (certifications: read, not decide). */
export const ISC_CAMPAIGN_READ_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2FuZGJveC1jYW1wYWlnbi1yZWFk.SandboxIscCampaignReadSig5Lm';
/** An admin's token without any campaign scope (idn:work-item:read only). */
export const ISC_NO_CAMPAIGN_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2FuZGJveC1uby1jYW1wYWlnbg.SandboxIscNoCampaignSig8Rt';

export const ISC_IDENTITY_ID = '2c9180835d2e5168015d32f890ca1581';
export const ISC_USER_ID = '2c91808568c529c60168cca6f90c1313';

/** Owners of the seeded work items: the admin, the plain user and two more identities. */
export const ISC_OWNERS: ReadonlyArray<{ id: string; name: string }> = [
	{ id: ISC_IDENTITY_ID, name: 'Jason Smith' },
	{ id: ISC_USER_ID, name: 'Ada Lovelace' },
	{ id: '2c918084660f45d6016617daa9210584', name: 'Grace Hopper' },
	{ id: '2c9180857182305e0171993735622948', name: 'Alan Turing' },
];

/** The seed's example bodies, exactly. */
export const ISC_ERROR_BODIES = {
	400: {
		detailCode: '400.1 Bad Request Content',
		trackingId: 'e7eab60924f64aa284175b9fa3309599',
		messages: [
			{
				locale: 'en-US',
				localeOrigin: 'DEFAULT',
				text: 'The request was syntactically correct but its content is semantically invalid.',
			},
		],
		causes: [
			{
				locale: 'en-US',
				localeOrigin: 'DEFAULT',
				text: 'The request was syntactically correct but its content is semantically invalid.',
			},
		],
	},
	401: { error: 'JWT validation failed: JWT is expired' },
	403: {
		detailCode: '403 Forbidden',
		trackingId: 'b21b1f7ce4da4d639f2c62a57171b427',
		messages: [
			{
				locale: 'en-US',
				localeOrigin: 'DEFAULT',
				text: 'The server understood the request but refuses to authorize it.',
			},
		],
	},
	404: {
		detailCode: '404 Not found',
		trackingId: 'b21b1f7ce4da4d639f2c62a57171b427',
		messages: [
			{
				locale: 'en-US',
				localeOrigin: 'DEFAULT',
				text: 'The server did not find a current representation for the target resource.',
			},
		],
	},
	429: { message: ' Rate Limit Exceeded ' },
	500: {
		detailCode: '500.0 Internal Fault',
		trackingId: 'b21b1f7ce4da4d639f2c62a57171b427',
		messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: 'An internal fault occurred.' }],
	},
} as const;

export type InjectableStatus = 400 | 403 | 404 | 500;

const STATES = ['PENDING', 'FINISHED', 'REJECTED', 'RETURNED', 'EXPIRED', 'CANCELED'] as const;
const TYPES = ['GENERIC', 'APPROVAL', 'REMEDIATION', 'CERTIFICATION', 'FORM', 'MANUALACTION'] as const;
const SOURCES = ['Active Directory', 'Workday', 'ServiceNow', 'Salesforce'];

/**
 * How the sandbox writes work items in its answers. SailPoint's current specs
 * (idn/apis/work-items/schemas and idn/v3/schemas: WorkItems, ApprovalItemDetails, FormDetails)
 * spell states and types `Pending`, `Approval`, and give `approvalItems` and `remediationItems`
 * as lists, approval items as `{id, account, application, name, operation, value, state}` and
 * `form.sections` as a list. The seed's reference page shows `PENDING`, `APPROVAL`, single
 * objects and `attributeName`/`attributeOperation`/`attributeValue`. The sandbox keeps the seed's
 * form inside and writes answers in the `current` form by default, in the `seed` form when a test
 * asks for it, so the nodes are tested against both.
 */
export type IscSpelling = 'current' | 'seed';

const CURRENT_SPELLING: Record<string, string> = {
	PENDING: 'Pending',
	FINISHED: 'Finished',
	REJECTED: 'Rejected',
	RETURNED: 'Returned',
	EXPIRED: 'Expired',
	CANCELED: 'Canceled',
	GENERIC: 'Generic',
	APPROVAL: 'Approval',
	REMEDIATION: 'Remediation',
	CERTIFICATION: 'Certification',
	FORM: 'Form',
	MANUALACTION: 'ManualAction',
};

/** A work item as the sandbox answers with it, written as `spelling` says. */
export function spellWorkItem(item: IscWorkItem, spelling: IscSpelling): IscWorkItem {
	if (spelling === 'seed') return item;
	const spell = (value: string) => CURRENT_SPELLING[value] ?? value;
	const list = <T>(value: T | T[] | null): T[] | null => (value === null ? null : Array.isArray(value) ? value : [value]);
	const approval = ({ attributeName, attributeOperation, attributeValue, state, ...rest }: Record<string, string>) => ({
		...rest,
		name: attributeName,
		operation: attributeOperation,
		value: attributeValue,
		state: spell(state),
	});
	const form = item.form === null ? null : { ...item.form, sections: list(item.form.sections as unknown) };
	return {
		...item,
		state: spell(item.state),
		type: spell(item.type),
		approvalItems: list(item.approvalItems)?.map(approval) ?? null,
		remediationItems: list(item.remediationItems) as IscWorkItem['remediationItems'],
		form,
	};
}

export interface IscWorkItem {
	id: string;
	requesterId: string;
	requesterDisplayName: string;
	ownerId: string;
	ownerName: string;
	created: string;
	modified: string;
	description: string;
	state: string;
	type: string;
	remediationItems: Record<string, string> | Array<Record<string, string>> | null;
	/** One object in the seed; a list in newer API references (the sandbox handles both). */
	approvalItems: Record<string, string> | Array<Record<string, string>> | null;
	name: string;
	completed: string | null;
	numItems: number;
	form: Record<string, unknown> | null;
	errors: string[];
}

/** A 32-hex-digit ISC id, unique per index. */
export function workItemId(index: number): string {
	return `2c9180835d2e5168${index.toString(16).padStart(16, '0')}`;
}

export interface SeedOptions {
	/** Owners taken in turn; ISC_OWNERS unless given. */
	owners?: ReadonlyArray<{ id: string; name: string }>;
	/** Creation time of the first item; the others follow a minute apart. */
	from?: number;
}

/** The seeded pending Approval work item of the default identity (see seedWorkItems). */
export const PENDING_APPROVAL_INDEX = 12;

export function seedWorkItems(count: number, options: SeedOptions = {}): IscWorkItem[] {
	const owners = options.owners ?? ISC_OWNERS;
	const from = options.from ?? Date.UTC(2026, 9, 1, 8, 0, 0);
	const items: IscWorkItem[] = new Array(count);
	for (let index = 0; index < count; index++) {
		const owner = owners[index % owners.length];
		const requester = ISC_OWNERS[(index + 1) % ISC_OWNERS.length];
		const state = STATES[index % STATES.length];
		// One access request waits for the default identity's decision (ISC_IDENTITY_ID owns
		// index 12 of the default owners): a pending Approval with two approval items to decide.
		const waitingApproval = index === PENDING_APPROVAL_INDEX;
		const type = waitingApproval ? 'APPROVAL' : TYPES[index % TYPES.length];
		const source = SOURCES[index % SOURCES.length];
		const created = from + index * 60_000;
		const done = state !== 'PENDING';
		items[index] = {
			id: workItemId(index),
			requesterId: requester.id,
			requesterDisplayName: requester.name,
			ownerId: owner.id,
			ownerName: owner.name,
			created: new Date(created).toISOString(),
			modified: new Date(created + 30 * 60_000).toISOString(),
			description: waitingApproval ? 'Approve Payroll Read (Workday) and the Payroll group for Ada Lovelace' : `Create account on source '${source}'`,
			state,
			type,
			remediationItems:
				type === 'REMEDIATION'
					? {
							id: workItemId(index + 1_000_000),
							targetId: requester.id,
							targetName: `user${index}`,
							targetDisplayName: `User ${index}`,
							applicationName: source,
							attributeName: 'phoneNumber',
							attributeOperation: 'update',
							attributeValue: '512-555-1212',
							nativeIdentity: `user${index}`,
						}
					: null,
			approvalItems: waitingApproval
				? [
						{ id: workItemId(index + 2_000_000), account: 'ada.lovelace', application: 'Workday', attributeName: 'assignedGroups', attributeOperation: 'Add', attributeValue: 'Payroll Read', state: 'PENDING' },
						{ id: workItemId(index + 2_100_000), account: 'ada.lovelace', application: 'Active Directory', attributeName: 'memberOf', attributeOperation: 'Add', attributeValue: 'CN=Payroll,OU=Groups', state: 'PENDING' },
					]
				: type === 'APPROVAL'
					? {
							id: workItemId(index + 2_000_000),
							account: `user${index}`,
							application: source,
							attributeName: 'emailAddress',
							attributeOperation: 'update',
							attributeValue: `user${index}@example.com`,
							state,
						}
					: null,
			name: waitingApproval ? 'Access Request: Payroll Read for Ada Lovelace' : `Account Create ${index}`,
			completed: done ? new Date(created + 60 * 60_000).toISOString() : null,
			numItems: (index % 19) + 1,
			form:
				type === 'FORM'
					? {
							id: workItemId(index + 3_000_000),
							name: 'AccountSelection Form',
							title: `Account Selection for user${index}`,
							subtitle: 'Please select from the following',
							targetUser: `user${index}`,
							sections: { name: 'Field1', label: 'Section 1', formItems: [] },
						}
					: null,
			errors: [],
		};
	}
	return items;
}

export interface NewWorkItem extends Partial<IscWorkItem> {
	/** Approval items of an APPROVAL work item: 1 gives the seed's single object, more a list. */
	approvals?: number;
}

export interface IscOptions {
	/** How many work items to seed (default 40, spread over ISC_OWNERS). */
	workItemCount?: number;
	workItems?: IscWorkItem[];
	/** Answer past-the-end offsets with 400 "offset is invalid" instead of an empty page. */
	offsetPastEnd?: 'empty' | 'invalid';
	/** Leave out X-Total-Count even when count=true (to exercise paging without a total). */
	omitTotalCount?: boolean;
	/** How answers spell states and types (default: SailPoint's current `Pending`). */
	spelling?: IscSpelling;
}

export interface Identity {
	id: string;
	admin: boolean;
	/** The token's scopes; undefined: every scope (sp:scopes:all). Certifications check them. */
	scopes?: string[];
}

export class IscSandbox {
	readonly tokens = new Map<string, Identity>([
		[ISC_TOKEN, { id: ISC_IDENTITY_ID, admin: true }],
		[ISC_USER_TOKEN, { id: ISC_USER_ID, admin: false }],
		[ISC_CAMPAIGN_READ_TOKEN, { id: ISC_USER_ID, admin: false, scopes: ['idn:campaign:read'] }],
		[ISC_NO_CAMPAIGN_TOKEN, { id: ISC_IDENTITY_ID, admin: true, scopes: ['idn:work-item:read'] }],
	]);
	workItems: IscWorkItem[];
	/** The identities GET /public-identities/v1 lists (iscPublicIdentities.ts). */
	publicIdentities: PublicIdentity[] = seedPublicIdentities(ISC_OWNERS);
	/** Work items done (finished, rejected...), listed by /v3/work-items/completed. */
	completedWorkItems: IscWorkItem[] = [];
	/** Account selections submitted, by work item ID. */
	readonly accountSelections = new Map<string, unknown>();
	/** Forwards received, in order. */
	readonly forwards: Array<{ id: string; from: string; to: string; comment: string; sendNotifications: boolean }> = [];
	offsetPastEnd: 'empty' | 'invalid';
	omitTotalCount: boolean;
	spelling: IscSpelling;
	/** How many 429 answers were sent. */
	rateLimited = 0;
	private added = 0;
	private rateLimitLeft = 0;
	private retryAfterSeconds = '1';
	private readonly injected: InjectableStatus[] = [];
	/** Each owner's items, kept while `workItems` is the same array of the same length. */
	/** Each list's items by owner; a new list or a changed length rebuilds it, a forward clears it. */
	private ownedCache = new WeakMap<IscWorkItem[], { length: number; byOwner: Map<string, IscWorkItem[]> }>();

	constructor(private readonly options: IscOptions = {}) {
		this.workItems = options.workItems ?? seedWorkItems(options.workItemCount ?? 40);
		this.offsetPastEnd = options.offsetPastEnd ?? 'empty';
		this.omitTotalCount = options.omitTotalCount ?? false;
		this.spelling = options.spelling ?? 'current';
	}

	/** Replaces the work items with `count` fresh ones (e.g. 250 or 500, exact page multiples). */
	reseed(count: number, options: SeedOptions = {}): IscWorkItem[] {
		this.workItems = seedWorkItems(count, options);
		this.completedWorkItems = [];
		this.accountSelections.clear();
		this.forwards.length = 0;
		this.added = 0;
		return this.workItems;
	}

	/** Replaces the completed work items with `count` finished ones (IDs apart from the open ones). */
	reseedCompleted(count: number, options: SeedOptions = {}): IscWorkItem[] {
		this.completedWorkItems = seedWorkItems(count, options).map((item, index) => ({
			...item,
			id: workItemId(5_000_000 + index),
			state: index % 5 === 4 ? 'REJECTED' : 'FINISHED',
			completed: item.completed ?? item.modified,
		}));
		return this.completedWorkItems;
	}

	/**
	 * Adds a new PENDING work item at the end of the open list, as ISC does when a request needs
	 * an approval; by default an APPROVAL owned by the admin identity with one approval item.
	 */
	addWorkItem(overrides: NewWorkItem = {}): IscWorkItem {
		const index = 9_000_000 + this.added++;
		const { approvals = 1, ...fields } = overrides;
		const [template] = seedWorkItems(1, { owners: [ISC_OWNERS[0]], from: Date.UTC(2026, 10, 1, 8, 0, 0) + this.added * 60_000 });
		const id = workItemId(index);
		const approvalItems = Array.from({ length: approvals }, (_, n) => ({
			id: workItemId(index + 100_000 * (n + 1)),
			account: `new.user${this.added}`,
			application: 'Active Directory',
			attributeName: 'memberOf',
			attributeOperation: 'Add',
			attributeValue: `CN=Group${n},OU=Groups`,
			state: 'PENDING',
		}));
		const item: IscWorkItem = {
			...template,
			id,
			name: `Access Request ${this.added}`,
			description: `Approve access for new.user${this.added}`,
			state: 'PENDING',
			type: 'APPROVAL',
			completed: null,
			numItems: approvals,
			remediationItems: null,
			form: null,
			approvalItems: approvals === 1 ? approvalItems[0] : approvals === 0 ? null : approvalItems,
			...fields,
		};
		this.workItems.push(item);
		return item;
	}

	/** Finishes a work item behind the node's back (e.g. someone approved it in the ISC UI). */
	finish(id: string, state = 'FINISHED'): IscWorkItem {
		const item = this.workItems.find((entry) => entry.id === id);
		if (!item) throw new Error(`No open work item ${id}`);
		this.moveToCompleted(item, state);
		return item;
	}

	/** The work item, open or completed. */
	find(id: string): IscWorkItem | undefined {
		return this.workItems.find((item) => item.id === id) ?? this.completedWorkItems.find((item) => item.id === id);
	}

	/** Answers the next `times` requests (Infinity: all of them) with 429 and Retry-After. */
	rateLimit(times: number, retryAfterSeconds: number | string = 1): void {
		this.rateLimitLeft = times;
		this.retryAfterSeconds = String(retryAfterSeconds);
	}

	/** Answers the next request(s) with the seed's body for that status. */
	failNext(status: InjectableStatus, times = 1): void {
		for (let i = 0; i < times; i++) this.injected.push(status);
	}

	/** Back to the behaviour it started with: no injected answers, no rate limit. */
	reset(): void {
		this.rateLimitLeft = 0;
		this.rateLimited = 0;
		this.injected.length = 0;
		this.offsetPastEnd = this.options.offsetPastEnd ?? 'empty';
		this.omitTotalCount = this.options.omitTotalCount ?? false;
		this.spelling = this.options.spelling ?? 'current';
	}

	/** A work item as an answer shows it (see IscSpelling). */
	present(item: IscWorkItem): IscWorkItem {
		return spellWorkItem(item, this.spelling);
	}

	/** The work items under both path families: `/v3/work-items/...` and `/work-items/v1/...`. */
	handles(path: string): boolean {
		return /^\/v3(\/|$)/i.test(path) || /^\/(work-items|public-identities)\/v1(\/|$)/i.test(path);
	}

	/**
	 * What every ISC service answers before looking at the request: a queued 429 or injected
	 * error, 401 without a known token. Returns the caller's identity, or undefined once answered.
	 * The approval sandboxes share it, so one tenant's faults and tokens apply to every service.
	 */
	gate(req: SandboxRequest, res: ServerResponse): Identity | undefined {
		if (this.rateLimitLeft > 0) {
			this.rateLimitLeft--;
			this.rateLimited++;
			sendJson(res, 429, ISC_ERROR_BODIES[429], { 'Retry-After': this.retryAfterSeconds });
			return undefined;
		}
		const injected = this.injected.shift();
		if (injected !== undefined) {
			sendJson(res, injected, ISC_ERROR_BODIES[injected]);
			return undefined;
		}
		const identity = this.tokens.get(bearerToken(req) ?? '');
		if (!identity) {
			sendJson(res, 401, ISC_ERROR_BODIES[401], { 'WWW-Authenticate': 'Bearer' });
			return undefined;
		}
		return identity;
	}

	handle(request: SandboxRequest, res: ServerResponse): void {
		const identity = this.gate(request, res);
		if (!identity) return;
		// The per-service paths (/work-items/v1/...) act on the same state as /v3/work-items/...
		if (/^\/(public-identities\/v1|v3\/public-identities)\/?$/i.test(request.path) && request.method === 'GET') {
			return listPublicIdentities(request, res, this.publicIdentities, badRequest);
		}
		const v1 = /^\/work-items\/v1(\/.*)?$/i.exec(request.path);
		const req = v1 ? { ...request, path: `/v3/work-items${v1[1] ?? ''}` } : request;
		if (req.path === '/v3/work-items' && req.method === 'GET') return this.listWorkItems(req, identity, res, this.workItems);
		if (req.path === '/v3/work-items/completed' && req.method === 'GET') {
			return this.listWorkItems(req, identity, res, this.completedWorkItems);
		}
		if (req.path === '/v3/work-items/count' && req.method === 'GET') return this.count(req, identity, res, 'open');
		if (req.path === '/v3/work-items/completed/count' && req.method === 'GET') return this.count(req, identity, res, 'completed');
		if (req.path === '/v3/work-items/summary' && req.method === 'GET') return this.count(req, identity, res, 'summary');
		const bulk = /^\/v3\/work-items\/bulk-(approve|reject)\/([^/]+)$/.exec(req.path);
		if (bulk && req.method === 'POST') return this.decideAll(identity, res, decodeURIComponent(bulk[2]), bulk[1] === 'approve');
		const single = /^\/v3\/work-items\/([^/]+)(?:\/(forward|submit-account-selection|approve|reject)(?:\/([^/]+))?)?$/.exec(req.path);
		if (single) {
			const [, rawId, action, rawApprovalId] = single;
			const id = decodeURIComponent(rawId);
			const approvalId = rawApprovalId === undefined ? undefined : decodeURIComponent(rawApprovalId);
			if (action === undefined && req.method === 'GET') return this.getWorkItem(identity, res, id);
			if (req.method === 'POST') {
				if (action === undefined) return this.complete(identity, res, id);
				if (action === 'forward' && approvalId === undefined) return this.forward(req, identity, res, id);
				if (action === 'submit-account-selection' && approvalId === undefined) return this.submitSelection(req, identity, res, id);
				if ((action === 'approve' || action === 'reject') && approvalId !== undefined) {
					return this.decideOne(identity, res, id, approvalId, action === 'approve');
				}
			}
		}
		sendJson(res, 404, ISC_ERROR_BODIES[404]);
	}

	/** The work item when the caller may act on it; otherwise the 404 or 403 is sent. */
	private accessible(identity: Identity, res: ServerResponse, id: string): IscWorkItem | undefined {
		const item = this.find(id);
		if (!item) {
			sendJson(res, 404, ISC_ERROR_BODIES[404]);
			return undefined;
		}
		if (!identity.admin && item.ownerId !== identity.id) {
			sendJson(res, 403, { ...ISC_ERROR_BODIES[403], trackingId: trackingId() });
			return undefined;
		}
		return item;
	}

	/** An open work item the caller may act on; a 400 for one that is done already. */
	private actionable(identity: Identity, res: ServerResponse, id: string): IscWorkItem | undefined {
		const item = this.accessible(identity, res, id);
		if (item && !this.workItems.includes(item)) {
			badRequest(res, `work item ${id} is already completed (${item.state})`);
			return undefined;
		}
		return item;
	}

	private moveToCompleted(item: IscWorkItem, state: string): void {
		close(item, state, new Date().toISOString());
		this.workItems = this.workItems.filter((entry) => entry !== item);
		this.completedWorkItems.push(item);
	}

	private getWorkItem(identity: Identity, res: ServerResponse, id: string): void {
		const item = this.accessible(identity, res, id);
		if (item) sendJson(res, 200, this.present(item));
	}

	private complete(identity: Identity, res: ServerResponse, id: string): void {
		const item = this.actionable(identity, res, id);
		if (!item) return;
		this.moveToCompleted(item, 'FINISHED');
		sendJson(res, 200, this.present(item));
	}

	/**
	 * No header is needed (v2024/v2025 required X-SailPoint-Experimental until January 2026; /v3
	 * and /work-items/v1 never did). The forward spec lists no 404; an unknown work item gets the
	 * 404 every other work item call documents, which the node reports the same way as a 400.
	 */
	private forward(req: SandboxRequest, identity: Identity, res: ServerResponse, id: string): void {
		const body = req.body as Record<string, unknown> | undefined;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) return badRequest(res, 'the request body must be a JSON object');
		const { targetOwnerId, comment, sendNotifications } = body;
		if (typeof targetOwnerId !== 'string' || targetOwnerId.trim() === '') return badRequest(res, 'targetOwnerId: is required');
		if (typeof comment !== 'string' || comment.trim() === '') return badRequest(res, 'comment: is required');
		if (sendNotifications !== undefined && typeof sendNotifications !== 'boolean') {
			return badRequest(res, 'sendNotifications: must be true or false');
		}
		const target = ISC_OWNERS.find((owner) => owner.id === targetOwnerId);
		if (!target) return badRequest(res, `targetOwnerId: no identity with ID ${targetOwnerId}`);
		const item = this.actionable(identity, res, id);
		if (!item) return;
		this.forwards.push({ id, from: item.ownerId, to: target.id, comment, sendNotifications: sendNotifications !== false });
		item.ownerId = target.id;
		item.ownerName = target.name;
		this.ownedCache = new WeakMap();
		item.modified = new Date().toISOString();
		// "Success, but no data is returned."
		sendJson(res, 200);
	}

	private decideOne(identity: Identity, res: ServerResponse, id: string, approvalId: string, approve: boolean): void {
		const item = this.actionable(identity, res, id);
		if (!item) return;
		const approval = approvalItemsOf(item).find((entry) => entry.id === approvalId);
		if (!approval) return sendJson(res, 404, ISC_ERROR_BODIES[404]);
		if (approval.state !== 'PENDING') return badRequest(res, `approval item ${approvalId} is already decided (${approval.state})`);
		const now = new Date().toISOString();
		if (decide(item, approval, approve ? 'FINISHED' : 'REJECTED', now)) this.moveToCompleted(item, outcomeOf(item));
		sendJson(res, 200, this.present(item));
	}

	private decideAll(identity: Identity, res: ServerResponse, id: string, approve: boolean): void {
		const item = this.actionable(identity, res, id);
		if (!item) return;
		const pending = approvalItemsOf(item).filter((entry) => entry.state === 'PENDING');
		if (pending.length === 0) return badRequest(res, `work item ${id} has no pending approval items`);
		const now = new Date().toISOString();
		for (const approval of pending) decide(item, approval, approve ? 'FINISHED' : 'REJECTED', now);
		this.moveToCompleted(item, outcomeOf(item));
		sendJson(res, 200, this.present(item));
	}

	private submitSelection(req: SandboxRequest, identity: Identity, res: ServerResponse, id: string): void {
		const body = req.body;
		if (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).length === 0) {
			return badRequest(res, 'the request body must be an Account Selection Data map keyed on fieldName');
		}
		const item = this.actionable(identity, res, id);
		if (!item) return;
		if (item.type !== 'FORM') return badRequest(res, `work item ${id} is a ${item.type} work item, not an account selection form`);
		this.accountSelections.set(id, body);
		this.moveToCompleted(item, 'FINISHED');
		sendJson(res, 200, this.present(item));
	}

	private count(req: SandboxRequest, identity: Identity, res: ServerResponse, what: 'open' | 'completed' | 'summary'): void {
		const ownerId = req.query.get('ownerId') ?? identity.id;
		if (ownerId !== identity.id && !identity.admin) {
			sendJson(res, 403, { ...ISC_ERROR_BODIES[403], trackingId: trackingId() });
			return;
		}
		const open = this.workItems.filter((item) => item.ownerId === ownerId).length;
		const completed = this.completedWorkItems.filter((item) => item.ownerId === ownerId).length;
		if (what === 'summary') return sendJson(res, 200, { open, completed, total: open + completed });
		sendJson(res, 200, { count: what === 'open' ? open : completed });
	}

	private listWorkItems(req: SandboxRequest, identity: Identity, res: ServerResponse, source: IscWorkItem[]): void {
		const limit = integerParam(req.query.get('limit'), 250);
		if (limit === undefined || limit < 0 || limit > 250) {
			return badRequest(res, `limit: must be an integer between 0 and 250, but it is '${req.query.get('limit')}'`);
		}
		const offset = integerParam(req.query.get('offset'), 0);
		if (offset === undefined || offset < 0) {
			return badRequest(res, `offset: must be a non-negative integer, but it is '${req.query.get('offset')}'`);
		}
		const ownerId = req.query.get('ownerId') ?? identity.id;
		if (ownerId !== identity.id && !identity.admin) {
			sendJson(res, 403, { ...ISC_ERROR_BODIES[403], trackingId: trackingId() });
			return;
		}
		const owned = this.itemsOf(source, ownerId);
		if (this.offsetPastEnd === 'invalid' && offset > 0 && offset >= owned.length) {
			return badRequest(res, 'offset is invalid');
		}
		const headers: Record<string, string> = {};
		if (req.query.get('count') === 'true' && !this.omitTotalCount) headers['X-Total-Count'] = String(owned.length);
		sendJson(res, 200, owned.slice(offset, offset + limit).map((item) => this.present(item)), headers);
	}

	/**
	 * Filtering 100,000 items on every page cost the sandbox ~6-11 ms a page, more than the
	 * clients it serves (npm run bench); a reseed, a new array or a changed length resets it.
	 */
	private itemsOf(source: IscWorkItem[], ownerId: string): IscWorkItem[] {
		let cache = this.ownedCache.get(source);
		if (!cache || cache.length !== source.length) {
			cache = { length: source.length, byOwner: new Map() };
			this.ownedCache.set(source, cache);
		}
		let owned = cache.byOwner.get(ownerId);
		if (!owned) {
			owned = source.filter((item) => item.ownerId === ownerId);
			cache.byOwner.set(ownerId, owned);
		}
		return owned;
	}
}

function integerParam(raw: string | null, fallback: number): number | undefined {
	if (raw === null) return fallback;
	return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

function badRequest(res: ServerResponse, cause: string): void {
	const [message] = ISC_ERROR_BODIES[400].messages;
	sendJson(res, 400, {
		detailCode: '400.1 Bad Request Content',
		trackingId: trackingId(),
		messages: [message],
		causes: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: cause }],
	});
}

function trackingId(): string {
	return randomBytes(16).toString('hex');
}

import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import type { SandboxRequest } from './http';
import { bearerToken, sendJson } from './http';

/**
 * Emulates the SailPoint Identity Security Cloud v3 endpoints the nodes use, as the API
 * reference describes them: `GET /v3/work-items` with the V3 collection parameters (`limit`
 * 0..250, `offset`, `count` giving `X-Total-Count`, `ownerId`), bearer tokens with ISC's 401
 * body, the 400/403/404/500 bodies (`detailCode`, `trackingId`, `messages`) and 429 with
 * `Retry-After`. Without `ownerId` a caller sees its own work items; another owner's need an
 * admin, as in ISC.
 */

/** An admin's token; its identity is ISC_IDENTITY_ID. */
export const ISC_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2FuZGJveC1pc2MtYWRtaW4.SandboxIscAdminSignature7Qw';
/** A plain user's token (identity ISC_USER_ID): its own work items only. */
export const ISC_USER_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2FuZGJveC1pc2MtdXNlcg.SandboxIscUserSignature3Zk';

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
	remediationItems: Record<string, string> | null;
	approvalItems: Record<string, string> | null;
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

export function seedWorkItems(count: number, options: SeedOptions = {}): IscWorkItem[] {
	const owners = options.owners ?? ISC_OWNERS;
	const from = options.from ?? Date.UTC(2026, 9, 1, 8, 0, 0);
	const items: IscWorkItem[] = new Array(count);
	for (let index = 0; index < count; index++) {
		const owner = owners[index % owners.length];
		const requester = ISC_OWNERS[(index + 1) % ISC_OWNERS.length];
		const state = STATES[index % STATES.length];
		const type = TYPES[index % TYPES.length];
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
			description: `Create account on source '${source}'`,
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
			approvalItems:
				type === 'APPROVAL'
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
			name: `Account Create ${index}`,
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

export interface IscOptions {
	/** How many work items to seed (default 40, spread over ISC_OWNERS). */
	workItemCount?: number;
	workItems?: IscWorkItem[];
	/** Answer past-the-end offsets with 400 "offset is invalid" instead of an empty page. */
	offsetPastEnd?: 'empty' | 'invalid';
	/** Leave out X-Total-Count even when count=true (to exercise paging without a total). */
	omitTotalCount?: boolean;
}

export interface Identity {
	id: string;
	admin: boolean;
}

export class IscSandbox {
	readonly tokens = new Map<string, Identity>([
		[ISC_TOKEN, { id: ISC_IDENTITY_ID, admin: true }],
		[ISC_USER_TOKEN, { id: ISC_USER_ID, admin: false }],
	]);
	workItems: IscWorkItem[];
	offsetPastEnd: 'empty' | 'invalid';
	omitTotalCount: boolean;
	/** How many 429 answers were sent. */
	rateLimited = 0;
	private rateLimitLeft = 0;
	private retryAfterSeconds = '1';
	private readonly injected: InjectableStatus[] = [];
	/** Each owner's items, kept while `workItems` is the same array of the same length. */
	private ownedCache?: { list: IscWorkItem[]; length: number; byOwner: Map<string, IscWorkItem[]> };

	constructor(private readonly options: IscOptions = {}) {
		this.workItems = options.workItems ?? seedWorkItems(options.workItemCount ?? 40);
		this.offsetPastEnd = options.offsetPastEnd ?? 'empty';
		this.omitTotalCount = options.omitTotalCount ?? false;
	}

	/** Replaces the work items with `count` fresh ones (e.g. 250 or 500, exact page multiples). */
	reseed(count: number, options: SeedOptions = {}): IscWorkItem[] {
		this.workItems = seedWorkItems(count, options);
		return this.workItems;
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
	}

	handles(path: string): boolean {
		return /^\/v3(\/|$)/i.test(path);
	}

	handle(req: SandboxRequest, res: ServerResponse): void {
		if (this.rateLimitLeft > 0) {
			this.rateLimitLeft--;
			this.rateLimited++;
			sendJson(res, 429, ISC_ERROR_BODIES[429], { 'Retry-After': this.retryAfterSeconds });
			return;
		}
		const injected = this.injected.shift();
		if (injected !== undefined) {
			sendJson(res, injected, ISC_ERROR_BODIES[injected]);
			return;
		}
		const identity = this.tokens.get(bearerToken(req) ?? '');
		if (!identity) {
			sendJson(res, 401, ISC_ERROR_BODIES[401], { 'WWW-Authenticate': 'Bearer' });
			return;
		}
		if (req.path === '/v3/work-items' && req.method === 'GET') return this.listWorkItems(req, identity, res);
		sendJson(res, 404, ISC_ERROR_BODIES[404]);
	}

	private listWorkItems(req: SandboxRequest, identity: Identity, res: ServerResponse): void {
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
		const owned = this.itemsOf(ownerId);
		if (this.offsetPastEnd === 'invalid' && offset > 0 && offset >= owned.length) {
			return badRequest(res, 'offset is invalid');
		}
		const headers: Record<string, string> = {};
		if (req.query.get('count') === 'true' && !this.omitTotalCount) headers['X-Total-Count'] = String(owned.length);
		sendJson(res, 200, owned.slice(offset, offset + limit), headers);
	}

	/**
	 * Filtering 100,000 items on every page cost the sandbox ~6-11 ms a page, more than the
	 * clients it serves (npm run bench); a reseed, a new array or a changed length resets it.
	 */
	private itemsOf(ownerId: string): IscWorkItem[] {
		const cache = this.ownedCache;
		if (!cache || cache.list !== this.workItems || cache.length !== this.workItems.length) {
			this.ownedCache = { list: this.workItems, length: this.workItems.length, byOwner: new Map() };
		}
		const byOwner = this.ownedCache!.byOwner;
		let owned = byOwner.get(ownerId);
		if (!owned) {
			owned = this.workItems.filter((item) => item.ownerId === ownerId);
			byOwner.set(ownerId, owned);
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

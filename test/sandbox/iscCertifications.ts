import type { ServerResponse } from 'node:http';

import type { SandboxRequest } from './http';
import { sendJson } from './http';
import type { Identity, IscSandbox } from './isc';
import { ISC_IDENTITY_ID, ISC_OWNERS, ISC_USER_ID } from './isc';
import { answerCollection, badRequest, forbidden, notFound, type FilterTable, type Row } from './iscCollection';

/**
 * ISC's Certifications API (idn/apis/certifications: `/certifications/v1`, `/certification-tasks/v1`;
 * the same calls under the deprecated `/v3/certifications` and `/v3/certification-tasks`), one state
 * behind both, as the spec describes it:
 *
 * - `GET /certifications` (reviewer-identity, the documented filters id, campaign.id, phase,
 *   completed and sorters name, due, signed): a reviewer sees the certifications assigned to them,
 *   ORG_ADMIN / CERT_ADMIN every one (or one reviewer's with reviewer-identity);
 * - `GET /certifications/{id}`, `/{id}/access-review-items` (filters id, type, access.type,
 *   completed, identitySummary.id/name, access.id/name, entitlement.sourceName,
 *   accessProfile.sourceName; the same sorters; the `entitlements`, `access-profiles`, `roles`
 *   switches, one at a time), `/{id}/reviewers` (filters id, name, email; sorters name, email);
 * - `POST /{id}/decide`: a non-empty array of at most 250 ReviewDecisions `{id, decision: APPROVE
 *   or REVOKE, bulk, comments?}`; the campaign's mandatoryCommentRequirement enforced; the whole
 *   call refused (400) when one decision is bad; a decided item may be decided again until sign-off;
 *   answers the certification;
 * - `POST /{id}/reassign` (at most 50) and `/{id}/reassign-async` (at most 500): `{reassign: [{id,
 *   type: ITEM | IDENTITY_SUMMARY | TARGET_SUMMARY}], reassignTo, reason}`; the items move to the
 *   new reviewer's certification of the same campaign (created if needed). The sync call answers the
 *   certification, the async one a CertificationTask QUEUED that moves to IN_PROGRESS and SUCCESS
 *   (or ERROR) as it is read (`taskReadsToFinish`), the reassignment done when it succeeds;
 *   `GET /certification-tasks` lists the pending ones (QUEUED, IN_PROGRESS), `/{id}` one;
 * - `POST /{id}/sign-off`: refused (400) while items are undecided or when the certification is not
 *   ACTIVE; then SIGNED, `signed` set.
 *
 * Scopes: the reads need idn:campaign:read (or :manage), the writes idn:campaign:manage, else 403.
 * Decisions on a certification that is not ACTIVE are a 400. Tokens, 401, 429 and injected errors
 * are the ISC sandbox's (`gate`).
 */

export type Phase = 'STAGED' | 'ACTIVE' | 'SIGNED';
export type AccessType = 'ENTITLEMENT' | 'ACCESS_PROFILE' | 'ROLE';

interface Person {
	type: 'IDENTITY';
	id: string;
	name: string;
	email: string;
}

export interface Campaign {
	id: string;
	name: string;
	type: 'CAMPAIGN';
	campaignType: 'MANAGER' | 'SOURCE_OWNER' | 'SEARCH' | 'ROLE_COMPOSITION' | 'MACHINE_ACCOUNT';
	description: string | null;
	correlatedStatus: 'CORRELATED' | 'UNCORRELATED';
	mandatoryCommentRequirement: 'ALL_DECISIONS' | 'REVOKE_ONLY_DECISIONS' | 'NO_DECISIONS';
}

export interface ReviewItem extends Row {
	id: string;
	accessSummary: {
		access: { type: AccessType; id: string; name: string };
		entitlement: Row | null;
		accessProfile: Row | null;
		role: Row | null;
	};
	identitySummary: { id: string; name: string; identityId: string; completed: boolean };
	completed: boolean;
	newAccess: boolean;
	decision: 'APPROVE' | 'REVOKE' | null;
	comments: string | null;
}

export interface Certification {
	id: string;
	name: string;
	campaign: Campaign;
	created: string;
	modified: string;
	due: string | null;
	signed: string | null;
	reviewer: Person & { created: string | null; modified: string | null };
	reassignment: { from: Row; comment: string } | null;
	hasErrors: boolean;
	errorMessage: string | null;
	phase: Phase;
	items: ReviewItem[];
	/** Reviewers the certification lists (its reviewer first). */
	reviewers: Person[];
}

export interface CertificationTask {
	id: string;
	type: 'REASSIGN' | 'ADMIN_REASSIGN';
	targetType: 'CERTIFICATION';
	targetId: string;
	status: 'QUEUED' | 'IN_PROGRESS' | 'SUCCESS' | 'ERROR';
	errors: Row[];
	reassignmentTrailDTOs: Row[];
	created: string;
	/** Not in answers: the reassignment to do, and how many reads it has had. */
	pending?: { references: Reference[]; reassignTo: string; reason: string; by: string };
	reads: number;
}

interface Reference {
	id: string;
	type: 'ITEM' | 'IDENTITY_SUMMARY' | 'TARGET_SUMMARY';
}

const SERVICE = /^\/(?:certifications\/v1|v3\/certifications)(\/.*)?$/i;
const TASKS = /^\/(?:certification-tasks\/v1|v3\/certification-tasks)(\/.*)?$/i;

const ITEM_FILTERS: FilterTable = {
	id: ['eq', 'in'],
	type: ['eq'],
	'access.type': ['eq'],
	completed: ['eq', 'ne'],
	'identitySummary.id': ['eq', 'in'],
	'identitySummary.name': ['eq', 'sw'],
	'access.id': ['eq', 'in'],
	'access.name': ['eq', 'sw'],
	'entitlement.sourceName': ['eq', 'sw'],
	'accessProfile.sourceName': ['eq', 'sw'],
};
const ITEM_SORTERS = ['identitySummary.name', 'access.name', 'access.type', 'entitlement.sourceName', 'accessProfile.sourceName'];

/** A 32-hex-digit ID in the certifications' own range. */
export function certificationId(index: number): string {
	return `ef38f94347e94562b5bb8424${(0xc0000000 + index).toString(16).padStart(8, '0')}`;
}
export function reviewItemId(certification: number, index: number): string {
	return `ef38f94347e94562${(0xa0000000 + certification).toString(16)}${index.toString(16).padStart(8, '0')}`;
}
function campaignId(index: number): string {
	return `2c918086719eec0701${(0xca000000 + index).toString(16).padStart(14, '0')}`;
}

export function person(id: string): Person {
	const owner = ISC_OWNERS.find((entry) => entry.id === id);
	const name = owner?.name ?? id;
	return { type: 'IDENTITY', id, name, email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.com` };
}

const SOURCES = ['Active Directory', 'Workday', 'ServiceNow'];
const ENTITLEMENTS = ['CN=Domain Admins', 'CN=VPN Users', 'Payroll Read', 'CN=Sales Reports'];
const PROFILES = ['Engineering Access', 'Finance Read Only'];
const ROLES = ['Sales Manager', 'Developer'];

interface ItemIndex {
	/** The length of the list the index was built from. */
	size: number;
	byId: Map<string, ReviewItem>;
	byIdentity: Map<string, ReviewItem[]>;
}

export interface SeedCertification {
	reviewerId?: string;
	phase?: Phase;
	/** Identities reviewed; each has two entitlements, an access profile and a role (4 items). */
	identities?: number;
	/** Items of the campaign this one belongs to (0 or 1). */
	campaign?: number;
	due?: string | null;
	/** Decide every item (APPROVE) at seed time, e.g. for a signed certification. */
	decided?: boolean;
}

export class CertificationsSandbox {
	certifications: Certification[] = [];
	tasks: CertificationTask[] = [];
	readonly campaigns: Campaign[] = [
		{
			id: campaignId(0),
			name: 'Q4 Manager Access Review',
			type: 'CAMPAIGN',
			campaignType: 'MANAGER',
			description: 'Every manager reviews their reports',
			correlatedStatus: 'CORRELATED',
			mandatoryCommentRequirement: 'REVOKE_ONLY_DECISIONS',
		},
		{
			id: campaignId(1),
			name: 'Active Directory Source Owner Review',
			type: 'CAMPAIGN',
			campaignType: 'SOURCE_OWNER',
			description: null,
			correlatedStatus: 'CORRELATED',
			mandatoryCommentRequirement: 'NO_DECISIONS',
		},
	];
	/** Every decide call's body, in order (what the node sent, for the batch tests). */
	readonly decideCalls: Array<{ certificationId: string; decisions: Row[] }> = [];
	/** Reads of a task before it ends: QUEUED, then IN_PROGRESS, then SUCCESS (or ERROR). */
	taskReadsToFinish = 2;
	/** Make the next async reassignment end in ERROR. */
	failNextTask = false;
	private created = 0;

	constructor(private readonly isc: IscSandbox) {
		this.reseed();
	}

	/**
	 * The default seed: the admin reviews two ACTIVE certifications (3 and 2 identities, one per
	 * campaign) and one SIGNED; the plain user one ACTIVE; Grace Hopper one STAGED.
	 */
	reseed(certifications?: SeedCertification[]): Certification[] {
		this.certifications = [];
		this.tasks = [];
		this.decideCalls.length = 0;
		this.created = 0;
		// A fixed past time: the seed's due dates read the same whatever day the tests run.
		const now = Date.UTC(2026, 9, 1, 8, 0, 0);
		const seed = certifications ?? [
			{ reviewerId: ISC_IDENTITY_ID, identities: 3, campaign: 0, due: new Date(now + 10 * 86_400_000).toISOString() },
			{ reviewerId: ISC_IDENTITY_ID, identities: 2, campaign: 1, due: new Date(now + 30 * 86_400_000).toISOString() },
			{ reviewerId: ISC_IDENTITY_ID, identities: 1, campaign: 0, phase: 'SIGNED', decided: true },
			{ reviewerId: ISC_USER_ID, identities: 2, campaign: 0, due: new Date(now + 5 * 86_400_000).toISOString() },
			{ reviewerId: ISC_OWNERS[2].id, identities: 1, campaign: 1, phase: 'STAGED' },
		];
		for (const entry of seed) this.add(entry);
		return this.certifications;
	}

	add(seed: SeedCertification = {}): Certification {
		const index = this.created++;
		const id = certificationId(index);
		const reviewer = person(seed.reviewerId ?? ISC_IDENTITY_ID);
		const campaign = this.campaigns[seed.campaign ?? 0];
		const created = new Date(Date.UTC(2026, 10, 1, 8, 0, 0) + index * 3_600_000).toISOString();
		const items: ReviewItem[] = [];
		const identities = seed.identities ?? 2;
		for (let who = 0; who < identities; who++) {
			const reviewed = ISC_OWNERS[(who + 1) % ISC_OWNERS.length];
			const identityName = identities > ISC_OWNERS.length ? `${reviewed.name} ${who}` : reviewed.name;
			const summaryId = `${id.slice(0, 24)}${(0x5000000 + who).toString(16).padStart(8, '0')}`;
			const kinds: AccessType[] = ['ENTITLEMENT', 'ENTITLEMENT', 'ACCESS_PROFILE', 'ROLE'];
			kinds.forEach((kind, n) => {
				const itemIndex = items.length;
				const source = SOURCES[(who + n) % SOURCES.length];
				const name =
					kind === 'ENTITLEMENT' ? ENTITLEMENTS[(who * 2 + n) % ENTITLEMENTS.length] : kind === 'ACCESS_PROFILE' ? PROFILES[who % PROFILES.length] : ROLES[who % ROLES.length];
				const accessId = `2c9180835d2e5168${(0x7000000 + ((who * 4 + n) % 16)).toString(16).padStart(16, '0')}`;
				const owner = person(ISC_OWNERS[3].id);
				const entitlement = { id: accessId, name, description: `${name} on ${source}`, privileged: name.includes('Admins'), owner, attributeName: 'memberOf', attributeValue: name, sourceName: source, sourceType: 'Active Directory - Direct', sourceId: `2c91808a${source.length.toString(16).padStart(24, '0')}`, hasPermissions: false, isPermission: false, revocable: true, cloudGoverned: false, containsDataAccess: false, account: { nativeIdentity: `user${who}`, disabled: false, locked: false, type: 'ACCOUNT', id: null, name: `user${who}` } };
				items.push({
					id: reviewItemId(index, itemIndex),
					accessSummary: {
						access: { type: kind, id: accessId, name },
						entitlement: kind === 'ENTITLEMENT' ? entitlement : null,
						accessProfile: kind === 'ACCESS_PROFILE' ? { id: accessId, name, description: `Access profile ${name}`, privileged: false, cloudGoverned: false, endDate: null, owner, entitlements: [], created, modified: created } : null,
						role: kind === 'ROLE' ? { id: accessId, name, description: `Role ${name}`, privileged: false, owner, revocable: true, accessProfiles: [], entitlements: [] } : null,
					},
					identitySummary: { id: summaryId, name: identityName, identityId: reviewed.id, completed: false },
					completed: false,
					newAccess: n === 0,
					decision: null,
					comments: null,
				});
			});
		}
		const certification: Certification = {
			id,
			name: `${campaign.name} for ${reviewer.name}`,
			campaign,
			created,
			modified: created,
			due: seed.due === undefined ? new Date(Date.UTC(2026, 9, 15, 17, 0, 0)).toISOString() : seed.due,
			signed: null,
			reviewer: { ...reviewer, created: null, modified: null },
			reassignment: null,
			hasErrors: false,
			errorMessage: null,
			phase: seed.phase ?? 'ACTIVE',
			items,
			reviewers: [reviewer],
		};
		if (seed.decided || seed.phase === 'SIGNED') for (const item of items) this.decideItem(item, 'APPROVE', null);
		if (certification.phase === 'SIGNED') certification.signed = created;
		this.certifications.push(certification);
		return certification;
	}

	find(id: string): Certification | undefined {
		return this.certifications.find((entry) => entry.id === id);
	}

	/** The certification as ISC answers with it (counts derived from its items). */
	present(certification: Certification): Row {
		const { items, reviewers: _reviewers, ...fields } = certification;
		const identities = new Map<string, boolean>();
		for (const item of items) identities.set(item.identitySummary.id, (identities.get(item.identitySummary.id) ?? true) && item.completed);
		const decisionsMade = items.filter((item) => item.completed).length;
		return {
			...fields,
			completed: decisionsMade === items.length,
			identitiesCompleted: [...identities.values()].filter(Boolean).length,
			identitiesTotal: identities.size,
			decisionsMade,
			decisionsTotal: items.length,
		};
	}

	handles(path: string): boolean {
		return SERVICE.test(path) || TASKS.test(path);
	}

	handle(req: SandboxRequest, res: ServerResponse): void {
		const caller = this.isc.gate(req, res);
		if (!caller) return;
		const write = req.method !== 'GET';
		if (!hasScope(caller, write ? 'idn:campaign:manage' : 'idn:campaign:read')) return forbidden(res);
		const task = TASKS.exec(req.path);
		if (task) {
			const rest = task[1] ?? '';
			if (req.method === 'GET' && (rest === '' || rest === '/')) return this.listTasks(req, res, caller);
			const one = /^\/([^/]+)$/.exec(rest);
			if (req.method === 'GET' && one) return this.getTask(res, caller, decodeURIComponent(one[1]));
			return notFound(res);
		}
		const rest = SERVICE.exec(req.path)?.[1] ?? '';
		if (req.method === 'GET' && (rest === '' || rest === '/')) return this.list(req, res, caller);
		const match = /^\/([^/]+)(?:\/(access-review-items|reviewers|decide|reassign|reassign-async|sign-off))?$/.exec(rest);
		if (!match) return notFound(res);
		const certification = this.find(decodeURIComponent(match[1]));
		if (!certification) return notFound(res);
		if (!caller.admin && !certification.reviewers.some((reviewer) => reviewer.id === caller.id)) return forbidden(res);
		const action = match[2];
		if (req.method === 'GET' && action === undefined) return sendJson(res, 200, this.present(certification));
		if (req.method === 'GET' && action === 'access-review-items') return this.listItems(req, res, certification);
		if (req.method === 'GET' && action === 'reviewers') {
			return answerCollection(req, res, certification.reviewers as unknown as Row[], {
				filters: { id: ['eq', 'in'], name: ['eq', 'sw'], email: ['eq', 'sw'] },
				sorters: ['name', 'email'],
			});
		}
		if (req.method === 'POST' && action === 'decide') return this.decide(req, res, certification);
		if (req.method === 'POST' && (action === 'reassign' || action === 'reassign-async')) return this.reassign(req, res, caller, certification, action === 'reassign-async');
		if (req.method === 'POST' && action === 'sign-off') return this.signOff(res, certification);
		notFound(res);
	}

	private list(req: SandboxRequest, res: ServerResponse, caller: Identity): void {
		const raw = req.query.get('reviewer-identity');
		const reviewerId = raw === 'me' ? caller.id : raw;
		// Only certifications the caller is authorized to review: admins any, others their own.
		let rows = this.certifications;
		if (reviewerId !== null) rows = rows.filter((entry) => entry.reviewer.id === reviewerId);
		if (!caller.admin) rows = rows.filter((entry) => entry.reviewer.id === caller.id);
		answerCollection(req, res, rows.map((entry) => this.present(entry)), {
			filters: { id: ['eq', 'in'], 'campaign.id': ['eq', 'in'], phase: ['eq'], completed: ['eq'] },
			sorters: ['name', 'due', 'signed'],
		});
	}

	private listItems(req: SandboxRequest, res: ServerResponse, certification: Certification): void {
		const switches = (['entitlements', 'access-profiles', 'roles'] as const).filter((name) => req.query.get(name) !== null);
		if (switches.length > 1) return badRequest(res, `only one of entitlements, access-profiles or roles may be given, but ${switches.join(' and ')} were`);
		let rows = certification.items;
		if (switches.length === 1) {
			const type: AccessType = switches[0] === 'entitlements' ? 'ENTITLEMENT' : switches[0] === 'roles' ? 'ROLE' : 'ACCESS_PROFILE';
			const ids = new Set(req.query.get(switches[0])!.split(',').map((id) => id.trim()).filter(Boolean));
			rows = rows.filter((item) => item.accessSummary.access.type === type && ids.has(item.accessSummary.access.id));
		}
		// `type`, `entitlement.sourceName` and `accessProfile.sourceName` are read from the access summary.
		const indexed = rows.map((item) => ({
			...item,
			type: item.accessSummary.access.type,
			access: item.accessSummary.access,
			entitlement: item.accessSummary.entitlement,
			accessProfile: item.accessSummary.accessProfile,
			// The sorters' dotted names, flat (sortRows reads a row's own keys).
			'identitySummary.name': item.identitySummary.name,
			'access.name': item.accessSummary.access.name,
			'access.type': item.accessSummary.access.type,
			'entitlement.sourceName': item.accessSummary.entitlement?.sourceName,
			'accessProfile.sourceName': item.accessSummary.accessProfile?.sourceName,
		}));
		const byId = new Map(rows.map((item) => [item.id, item]));
		answerCollection(req, res, indexed, {
			filters: ITEM_FILTERS,
			sorters: ITEM_SORTERS,
			present: (row) => this.presentItem(byId.get(String(row.id))!),
		});
	}

	private presentItem(item: ReviewItem): Row {
		return JSON.parse(JSON.stringify(item)) as Row;
	}

	private decide(req: SandboxRequest, res: ServerResponse, certification: Certification): void {
		const body = req.body;
		if (!Array.isArray(body)) return badRequest(res, 'the request body must be a non-empty array of decisions');
		if (body.length < 1 || body.length > 250) return badRequest(res, `size must be between 1 and 250, but the array has ${body.length} decisions`);
		if (certification.phase !== 'ACTIVE') return badRequest(res, `certification ${certification.id} is ${certification.phase}: decisions are accepted only while it is ACTIVE`);
		const rule = certification.campaign.mandatoryCommentRequirement;
		const planned: Array<[ReviewItem, 'APPROVE' | 'REVOKE', string | null]> = [];
		for (const [index, entry] of body.entries()) {
			if (typeof entry !== 'object' || entry === null) return badRequest(res, `[${index}]: must be a ReviewDecision object`);
			const { id, decision, bulk, comments } = entry as Record<string, unknown>;
			if (typeof id !== 'string' || id === '') return badRequest(res, `[${index}].id: is required`);
			if (decision !== 'APPROVE' && decision !== 'REVOKE') return badRequest(res, `[${index}].decision: must be APPROVE or REVOKE, but it is ${JSON.stringify(decision)}`);
			if (typeof bulk !== 'boolean') return badRequest(res, `[${index}].bulk: is required (true or false)`);
			if (comments !== undefined && comments !== null && typeof comments !== 'string') return badRequest(res, `[${index}].comments: must be text`);
			const text = typeof comments === 'string' && comments.trim() !== '' ? comments : null;
			if (text === null && (rule === 'ALL_DECISIONS' || (rule === 'REVOKE_ONLY_DECISIONS' && decision === 'REVOKE'))) {
				return badRequest(res, `[${index}].comments: the campaign requires a comment for ${rule === 'ALL_DECISIONS' ? 'every decision' : 'a revoke'} (review item ${id})`);
			}
			const item = this.indexOf(certification).byId.get(id);
			if (!item) return badRequest(res, `[${index}].id: the certification has no review item ${id}`);
			planned.push([item, decision, text]);
		}
		this.decideCalls.push({ certificationId: certification.id, decisions: body as Row[] });
		for (const [item, decision, comments] of planned) this.decideItem(item, decision, comments, certification);
		this.touch(certification);
		sendJson(res, 200, this.present(certification));
	}

	private decideItem(item: ReviewItem, decision: 'APPROVE' | 'REVOKE', comments: string | null, known?: Certification): void {
		item.decision = decision;
		item.comments = comments;
		item.completed = true;
		const certification = known ?? this.certifications.find((entry) => entry.items.includes(item));
		const siblings = certification ? (this.indexOf(certification).byIdentity.get(item.identitySummary.id) ?? [item]) : [item];
		const done = siblings.every((entry) => entry.completed);
		for (const entry of siblings) entry.identitySummary.completed = done;
	}

	/**
	 * A certification's items by id and by reviewed identity, kept while its list is unchanged
	 * (a reassignment replaces the list or adds to it): deciding 10,000 items in calls of 250
	 * looks each one up in constant time.
	 */
	private indexOf(certification: Certification): ItemIndex {
		let index = this.indexes.get(certification.items);
		if (!index || index.size !== certification.items.length) {
			index = { size: certification.items.length, byId: new Map(), byIdentity: new Map() };
			for (const item of certification.items) {
				if (!index.byId.has(item.id)) index.byId.set(item.id, item);
				const siblings = index.byIdentity.get(item.identitySummary.id);
				if (siblings) siblings.push(item);
				else index.byIdentity.set(item.identitySummary.id, [item]);
			}
			this.indexes.set(certification.items, index);
		}
		return index;
	}

	private readonly indexes = new WeakMap<ReviewItem[], ItemIndex>();

	private touch(certification: Certification): void {
		certification.modified = new Date().toISOString();
	}

	/** The references checked: known items or identity summaries of this certification. */
	private resolve(certification: Certification, references: Reference[]): ReviewItem[] | string {
		const moving = new Set<ReviewItem>();
		for (const [index, reference] of references.entries()) {
			const found =
				reference.type === 'ITEM'
					? certification.items.filter((item) => item.id === reference.id)
					: reference.type === 'IDENTITY_SUMMARY'
						? certification.items.filter((item) => item.identitySummary.id === reference.id)
						: certification.items.filter((item) => item.accessSummary.access.id === reference.id);
			if (found.length === 0) return `reassign[${index}]: the certification has no ${reference.type} ${reference.id}`;
			for (const item of found) moving.add(item);
		}
		return [...moving];
	}

	private reassign(req: SandboxRequest, res: ServerResponse, caller: Identity, certification: Certification, async: boolean): void {
		const body = req.body as Record<string, unknown> | undefined;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) return badRequest(res, 'the request body must be a ReviewReassign object');
		const { reassign, reassignTo, reason } = body;
		if (!Array.isArray(reassign) || reassign.length === 0) return badRequest(res, 'reassign: is required and must not be empty');
		const max = async ? 500 : 50;
		if (reassign.length > max) return badRequest(res, `reassign: at most ${max} identities or items may be reassigned in one ${async ? 'asynchronous ' : ''}call, but there are ${reassign.length}`);
		for (const [index, entry] of reassign.entries()) {
			const { id, type } = (entry ?? {}) as Record<string, unknown>;
			if (typeof id !== 'string' || id === '') return badRequest(res, `reassign[${index}].id: is required`);
			if (type !== 'ITEM' && type !== 'IDENTITY_SUMMARY' && type !== 'TARGET_SUMMARY') return badRequest(res, `reassign[${index}].type: must be ITEM, IDENTITY_SUMMARY or TARGET_SUMMARY`);
		}
		if (typeof reassignTo !== 'string' || reassignTo === '') return badRequest(res, 'reassignTo: is required');
		if (typeof reason !== 'string' || reason.trim() === '') return badRequest(res, 'reason: is required');
		if (!ISC_OWNERS.some((owner) => owner.id === reassignTo)) return badRequest(res, `reassignTo: no identity with ID ${reassignTo}`);
		if (certification.phase !== 'ACTIVE') return badRequest(res, `certification ${certification.id} is ${certification.phase}: only an ACTIVE certification can be reassigned`);
		const references = reassign as Reference[];
		const resolved = this.resolve(certification, references);
		if (typeof resolved === 'string') return badRequest(res, resolved);
		if (!async) {
			this.move(certification, resolved, reassignTo, reason, caller.id);
			return sendJson(res, 200, this.present(certification));
		}
		const task: CertificationTask = {
			id: `63b32151-26c0-42f4-9299-${(0x100000000 + this.tasks.length).toString(16).slice(1).padStart(12, '0')}`,
			type: caller.id === certification.reviewer.id ? 'REASSIGN' : 'ADMIN_REASSIGN',
			targetType: 'CERTIFICATION',
			targetId: certification.id,
			status: 'QUEUED',
			errors: [],
			reassignmentTrailDTOs: [],
			created: new Date().toISOString(),
			pending: { references, reassignTo, reason, by: caller.id },
			reads: 0,
		};
		this.tasks.push(task);
		sendJson(res, 200, presentTask(task));
	}

	/** Moves the items to the new reviewer's certification of the same campaign. */
	private move(from: Certification, items: ReviewItem[], reassignTo: string, reason: string, by: string): Certification {
		let target = this.certifications.find((entry) => entry !== from && entry.campaign.id === from.campaign.id && entry.reviewer.id === reassignTo && entry.phase === 'ACTIVE');
		if (!target) {
			target = this.add({ reviewerId: reassignTo, identities: 0, campaign: this.campaigns.indexOf(from.campaign), due: from.due });
			target.reassignment = {
				from: { id: from.id, name: from.name, type: 'CERTIFICATION', reviewer: from.reviewer },
				comment: reason,
			};
		}
		from.items = from.items.filter((item) => !items.includes(item));
		target.items.push(...items);
		const newReviewer = person(reassignTo);
		if (!from.reviewers.some((reviewer) => reviewer.id === reassignTo)) from.reviewers.push(newReviewer);
		void by;
		this.touch(from);
		this.touch(target);
		return target;
	}

	private advance(task: CertificationTask): void {
		if (task.status === 'SUCCESS' || task.status === 'ERROR') return;
		task.reads++;
		if (task.reads < this.taskReadsToFinish) {
			task.status = 'IN_PROGRESS';
			return;
		}
		const pending = task.pending!;
		const from = this.find(task.targetId);
		const resolved = from ? this.resolve(from, pending.references) : 'the certification no longer exists';
		if (this.failNextTask || typeof resolved === 'string') {
			this.failNextTask = false;
			task.status = 'ERROR';
			task.errors = [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: typeof resolved === 'string' ? resolved : 'The reassignment failed.' }];
			return;
		}
		this.move(from!, resolved, pending.reassignTo, pending.reason, pending.by);
		task.status = 'SUCCESS';
		task.reassignmentTrailDTOs = resolved.map(() => ({
			previousOwner: from!.reviewer.id,
			newOwner: pending.reassignTo,
			reassignmentType: task.type === 'ADMIN_REASSIGN' ? 'ADMIN_REASSIGN' : 'MANUAL_REASSIGNMENT',
		}));
	}

	private listTasks(req: SandboxRequest, res: ServerResponse, caller: Identity): void {
		const raw = req.query.get('reviewer-identity');
		const reviewerId = raw === 'me' ? caller.id : raw;
		const visible = this.tasks.filter((task) => {
			if (task.status !== 'QUEUED' && task.status !== 'IN_PROGRESS') return false;
			const certification = this.find(task.targetId);
			if (reviewerId !== null && certification?.reviewer.id !== reviewerId) return false;
			return caller.admin || certification?.reviewer.id === caller.id;
		});
		answerCollection(req, res, visible.map(presentTask), { filters: { id: ['eq', 'in'], targetId: ['eq', 'in'], type: ['eq', 'in'] } });
	}

	private getTask(res: ServerResponse, caller: Identity, id: string): void {
		const task = this.tasks.find((entry) => entry.id === id);
		if (!task) return notFound(res);
		const certification = this.find(task.targetId);
		if (!caller.admin && certification?.reviewer.id !== caller.id && task.pending?.by !== caller.id) return forbidden(res);
		this.advance(task);
		sendJson(res, 200, presentTask(task));
	}

	private signOff(res: ServerResponse, certification: Certification): void {
		if (certification.phase !== 'ACTIVE') return badRequest(res, `certification ${certification.id} is ${certification.phase}: only an ACTIVE certification can be signed off`);
		const undecided = certification.items.filter((item) => !item.completed).length;
		if (undecided > 0) return badRequest(res, `certification ${certification.id} cannot be signed off: ${undecided} review items have no decision`);
		certification.phase = 'SIGNED';
		certification.signed = new Date().toISOString();
		this.touch(certification);
		sendJson(res, 200, this.present(certification));
	}
}

function presentTask(task: CertificationTask): Row {
	const { pending: _pending, reads: _reads, ...fields } = task;
	return JSON.parse(JSON.stringify(fields)) as Row;
}

/** A token without a scope list has every scope (sp:scopes:all); `:manage` includes `:read`. */
export function hasScope(caller: Identity, scope: string): boolean {
	if (caller.scopes === undefined) return true;
	if (caller.scopes.includes(scope)) return true;
	return scope.endsWith(':read') && caller.scopes.includes(scope.replace(/:read$/, ':manage'));
}

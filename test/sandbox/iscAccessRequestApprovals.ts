import type { ServerResponse } from 'node:http';

import type { SandboxRequest } from './http';
import { sendJson } from './http';
import type { Identity, IscSandbox } from './isc';
import { ISC_IDENTITY_ID, ISC_OWNERS } from './isc';
import { answerCollection, badRequest, forbidden, notFound, type FilterTable, type Row } from './iscCollection';

/**
 * ISC's Access Request Approvals (idn/apis/access-request-approvals), under the per-service
 * `/access-request-approvals/v1/...` and the deprecated `/v3/access-request-approvals/...`, one
 * state behind both: `pending` and `completed` (owner-id, limit/offset/count, the documented
 * filters and sorters), `{approvalId}/approve` (optional comment), `/reject` (a comment is
 * required), `/forward` (newOwnerId and comment, 1-255 characters each), `approval-summary`
 * (owner-id, from-date) and `{accessRequestId}/approvers` (ORG_ADMIN; only under /v1, as the v3
 * document lacks it). Decisions answer 202 with
 * `{}`; a decided approval leaves pending and shows in completed with its state; a forward
 * changes the owner and adds to forwardHistory. Non-admins see and act on their own approvals
 * only (403 otherwise); tokens, 401, 429 and injected errors are the ISC sandbox's (`gate`).
 */

export interface AccessRequestApproval extends Row {
	id: string;
	accessRequestId: string;
	name: string;
	created: string;
	modified: string;
	requestCreated: string;
	requestType: string;
	identityType: string;
	requester: { type: string; id: string; name: string };
	requestedFor: { type: string; id: string; name: string };
	owner: { type: string; id: string; name: string };
	requestedObject: { id: string; name: string; description: string; type: string };
	requesterComment: { comment: string; created: string; author: { type: string; id: string; name: string } };
	previousReviewersComments: unknown[];
	forwardHistory: Array<Record<string, unknown>>;
	commentRequiredWhenRejected: boolean;
	actionInProcess: string | null;
	state?: string;
	reviewedBy?: { type: string; id: string; name: string };
	reviewerComment?: { comment: string | null; created: string; author: { type: string; id: string; name: string } } | null;
}

const OBJECT_TYPES = ['ACCESS_PROFILE', 'ROLE', 'ENTITLEMENT'];
const OBJECTS = ['Applied Research Access', 'Payroll Read', 'CN=Domain Admins', 'Sales Reports', 'VPN Users'];

/** A 32-hex-digit ID in its own range. */
export function approvalId(index: number): string {
	return `2c91808b7294bea3${(0x1000000 + index).toString(16).padStart(16, '0')}`;
}

function identity(id: string) {
	const owner = ISC_OWNERS.find((entry) => entry.id === id);
	return { type: 'IDENTITY', id, name: owner?.name ?? id };
}

export interface NewApproval extends Partial<AccessRequestApproval> {
	ownerId?: string;
}

const SERVICE = /^\/(?:access-request-approvals\/v1|v3\/access-request-approvals)(\/.*)?$/i;

export class AccessRequestApprovalsSandbox {
	pending: AccessRequestApproval[] = [];
	completed: AccessRequestApproval[] = [];
	/** Decisions received, in order, as the trigger and example tests check them. */
	readonly decisions: Array<{ id: string; action: 'approve' | 'reject' | 'forward'; by: string; comment?: string | null; newOwnerId?: string }> = [];
	private created = 0;
	/**
	 * Test hook for ISC's eventual consistency: approvals whose IDs are here exist (and can be
	 * acted on) but are left out of the lists until removed, as if the list lagged behind.
	 */
	readonly lagging = new Set<string>();

	constructor(private readonly isc: IscSandbox) {
		this.reseed(12);
	}

	/** `count` pending approvals spread over ISC_OWNERS, created a minute apart from `from`. */
	reseed(count: number, options: { ownerId?: string; from?: number } = {}): AccessRequestApproval[] {
		this.pending = [];
		this.completed = [];
		this.decisions.length = 0;
		this.bulkApprovals.length = 0;
		this.created = 0;
		this.lagging.clear();
		for (let index = 0; index < count; index++) {
			this.add({
				ownerId: options.ownerId ?? ISC_OWNERS[index % ISC_OWNERS.length].id,
				created: new Date((options.from ?? Date.UTC(2026, 9, 1, 8, 0, 0)) + index * 60_000).toISOString(),
			});
		}
		return this.pending;
	}

	/** Adds a pending approval (by default the admin's, created now), as a new access request does. */
	add(overrides: NewApproval = {}): AccessRequestApproval {
		const index = this.created++;
		const { ownerId = ISC_IDENTITY_ID, ...fields } = overrides;
		const created = fields.created ?? new Date(Date.now() + index).toISOString();
		const requester = ISC_OWNERS[(index + 1) % ISC_OWNERS.length];
		const requestedFor = ISC_OWNERS[(index + 2) % ISC_OWNERS.length];
		const approval: AccessRequestApproval = {
			id: approvalId(index),
			accessRequestId: `2b838de9db9babcf${index.toString(16).padStart(16, '0')}`,
			name: `${OBJECTS[index % OBJECTS.length]} for ${requestedFor.name}`,
			created,
			modified: created,
			requestCreated: created,
			requestType: 'GRANT_ACCESS',
			identityType: 'HUMAN',
			requester: identity(requester.id),
			requestedFor: identity(requestedFor.id),
			owner: identity(ownerId),
			requestedObject: {
				id: `2c9180835d2e5168${(0x2000000 + index).toString(16).padStart(16, '0')}`,
				name: OBJECTS[index % OBJECTS.length],
				description: `Access to ${OBJECTS[index % OBJECTS.length]}`,
				type: OBJECT_TYPES[index % OBJECT_TYPES.length],
			},
			requesterComment: { comment: 'I need this for my project.', created, author: identity(requester.id) },
			previousReviewersComments: [],
			forwardHistory: [],
			commentRequiredWhenRejected: index % 2 === 0,
			actionInProcess: null,
			...fields,
		};
		this.pending.push(approval);
		return approval;
	}

	find(id: string): AccessRequestApproval | undefined {
		return this.pending.find((entry) => entry.id === id) ?? this.completed.find((entry) => entry.id === id);
	}

	handles(path: string): boolean {
		return SERVICE.test(path);
	}

	handle(req: SandboxRequest, res: ServerResponse): void {
		const caller = this.isc.gate(req, res);
		if (!caller) return;
		const rest = SERVICE.exec(req.path)?.[1] ?? '';
		if (req.method === 'GET' && rest === '/pending') return this.list(req, res, caller, this.pending, 'pending');
		if (req.method === 'GET' && rest === '/completed') return this.list(req, res, caller, this.completed, 'completed');
		if (req.method === 'GET' && rest === '/approval-summary') return this.summary(req, res, caller);
		const approvers = /^\/([^/]+)\/approvers$/.exec(rest);
		// The v3 document lists no approvers endpoint: /v3/access-request-approvals/{id}/approvers is a 404.
		if (req.method === 'GET' && approvers && /^\/v3\//i.test(req.path)) return notFound(res);
		if (req.method === 'GET' && approvers) return this.approvers(req, res, caller, decodeURIComponent(approvers[1]));
		// bulk-approve (idn/apis/access-requests): under /v1 only, ORG_ADMIN, 1-50 IDs and a comment.
		if (req.method === 'POST' && rest === '/bulk-approve') {
			if (/^\/v3\//i.test(req.path)) return notFound(res);
			return this.bulkApprove(req, res, caller);
		}
		const action = /^\/([^/]+)\/(approve|reject|forward)$/.exec(rest);
		if (req.method === 'POST' && action) {
			return this.decide(req, res, caller, decodeURIComponent(action[1]), action[2] as 'approve' | 'reject' | 'forward');
		}
		notFound(res);
	}

	/** Bodies of the bulk-approve calls, in order. */
	readonly bulkApprovals: Array<{ approvalIds: string[]; comment: string }> = [];

	/**
	 * All or nothing: every ID must be a pending approval, else a 400 naming the first that is not
	 * (the spec documents 400 and 404 without saying which); 202 with `{}` as the single decisions.
	 */
	private bulkApprove(req: SandboxRequest, res: ServerResponse, caller: Identity): void {
		if (!caller.admin) return forbidden(res);
		const body = req.body as Record<string, unknown> | undefined;
		const ids = body?.approvalIds;
		if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string' || id === '')) {
			return badRequest(res, 'approvalIds: a non-empty list of approval IDs is required');
		}
		if (ids.length > 50) return badRequest(res, `approvalIds: at most 50 approval IDs may be given, but there are ${ids.length}`);
		const comment = body?.comment;
		if (typeof comment !== 'string' || comment.trim() === '') return badRequest(res, 'comment: is required');
		for (const id of ids as string[]) {
			const approval = this.find(id);
			if (!approval) return badRequest(res, `approvalIds: no approval with ID ${id}`);
			if (!this.pending.includes(approval)) return badRequest(res, `approval ${id} is not pending: it is ${approval.state ?? 'completed'}`);
		}
		this.bulkApprovals.push({ approvalIds: ids as string[], comment });
		const now = new Date().toISOString();
		for (const id of ids as string[]) {
			const approval = this.find(id)!;
			this.decisions.push({ id, action: 'approve', by: caller.id, comment });
			this.pending = this.pending.filter((entry) => entry !== approval);
			approval.state = 'APPROVED';
			approval.modified = now;
			approval.reviewedBy = identity(caller.id);
			approval.reviewerComment = { comment, created: now, author: identity(caller.id) };
			this.completed.push(approval);
		}
		sendJson(res, 202, {});
	}

	/** The owner-id rules: admins any (or all without it); others only "me" or their own ID. */
	private ownerOf(req: SandboxRequest, res: ServerResponse, caller: Identity): string | null | undefined {
		const raw = req.query.get('owner-id');
		const ownerId = raw === 'me' ? caller.id : raw;
		if (caller.admin) return ownerId ?? null;
		if (ownerId !== null && ownerId !== caller.id) {
			forbidden(res);
			return undefined;
		}
		return caller.id;
	}

	private list(req: SandboxRequest, res: ServerResponse, caller: Identity, rows: AccessRequestApproval[], which: 'pending' | 'completed'): void {
		const ownerId = this.ownerOf(req, res, caller);
		if (ownerId === undefined) return;
		const shown = rows.filter((row) => !this.lagging.has(row.id));
		const owned = ownerId === null ? shown : shown.filter((row) => row.owner.id === ownerId);
		const filters: FilterTable =
			which === 'pending'
				? {
						id: ['eq', 'in'],
						'requestedFor.id': ['eq', 'in'],
						modified: ['gt', 'lt', 'ge', 'le', 'eq', 'in'],
						accessRequestId: ['eq', 'in'],
						created: ['gt', 'lt', 'ge', 'le', 'eq', 'in'],
					}
				: {
						id: ['eq', 'in', 'ge', 'gt', 'le', 'lt', 'ne', 'isnull', 'sw'],
						'requestedFor.id': ['eq', 'in', 'ge', 'gt', 'le', 'lt', 'ne', 'isnull', 'sw'],
						modified: ['gt', 'lt', 'ge', 'le', 'eq', 'in', 'ne', 'sw'],
					};
		answerCollection(req, res, owned, { filters, sorters: ['created', 'modified'] });
	}

	private summary(req: SandboxRequest, res: ServerResponse, caller: Identity): void {
		const ownerId = this.ownerOf(req, res, caller);
		if (ownerId === undefined) return;
		const fromDate = req.query.get('from-date');
		const from = fromDate === null ? Number.NEGATIVE_INFINITY : Date.parse(fromDate);
		if (Number.isNaN(from)) return badRequest(res, `from-date: '${fromDate}' is not a valid ISO-8601 date`);
		const mine = (row: AccessRequestApproval) => (ownerId === null || row.owner.id === ownerId) && Date.parse(row.modified) >= from;
		const done = this.completed.filter(mine);
		sendJson(res, 200, {
			pending: this.pending.filter(mine).length,
			approved: done.filter((row) => row.state === 'APPROVED').length,
			rejected: done.filter((row) => row.state === 'REJECTED').length,
		});
	}

	private approvers(req: SandboxRequest, res: ServerResponse, caller: Identity, accessRequestId: string): void {
		if (!caller.admin) return forbidden(res);
		const rows = [...this.pending, ...this.completed].filter((row) => row.accessRequestId === accessRequestId);
		if (rows.length === 0) return notFound(res);
		const approvers = rows.map((row) => {
			const owner = ISC_OWNERS.find((entry) => entry.id === row.owner.id);
			return {
				id: row.owner.id,
				email: `${(owner?.name ?? row.owner.id).toLowerCase().replace(/\s+/g, '.')}@example.com`,
				name: row.owner.name,
				approvalId: row.id,
				type: 'Identity',
			};
		});
		answerCollection(req, res, approvers, {});
	}

	private decide(req: SandboxRequest, res: ServerResponse, caller: Identity, id: string, action: 'approve' | 'reject' | 'forward'): void {
		const body = req.body as Record<string, unknown> | undefined;
		if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
			return badRequest(res, 'the request body must be a JSON object');
		}
		const comment = body?.comment;
		if (comment !== undefined && comment !== null && typeof comment !== 'string') return badRequest(res, 'comment: must be text');
		if (action === 'reject' && (typeof comment !== 'string' || comment.trim() === '')) {
			return badRequest(res, 'comment: a comment is required to reject an access request approval');
		}
		let newOwner: ReturnType<typeof identity> | undefined;
		if (action === 'forward') {
			const { newOwnerId } = body ?? {};
			if (typeof newOwnerId !== 'string' || newOwnerId.length < 1 || newOwnerId.length > 255) {
				return badRequest(res, 'newOwnerId: size must be between 1 and 255');
			}
			if (typeof comment !== 'string' || comment.length < 1 || comment.length > 255) {
				return badRequest(res, 'comment: size must be between 1 and 255');
			}
			if (!ISC_OWNERS.some((owner) => owner.id === newOwnerId)) return badRequest(res, `newOwnerId: no identity with ID ${newOwnerId}`);
			newOwner = identity(newOwnerId);
		}
		const approval = this.find(id);
		if (!approval) return notFound(res);
		if (!caller.admin && approval.owner.id !== caller.id) return forbidden(res);
		if (!this.pending.includes(approval)) return badRequest(res, `approval ${id} is not pending: it is ${approval.state ?? 'completed'}`);
		const now = new Date().toISOString();
		this.decisions.push({ id, action, by: caller.id, comment: typeof comment === 'string' ? comment : null, newOwnerId: newOwner?.id });
		if (newOwner) {
			approval.forwardHistory.push({
				oldApproverName: approval.owner.name,
				newApproverName: newOwner.name,
				comment,
				modified: now,
				forwarderName: identity(caller.id).name,
				reassignmentType: 'MANUAL_REASSIGNMENT',
			});
			approval.owner = newOwner;
			approval.modified = now;
		} else {
			this.pending = this.pending.filter((entry) => entry !== approval);
			approval.state = action === 'approve' ? 'APPROVED' : 'REJECTED';
			approval.modified = now;
			approval.reviewedBy = identity(caller.id);
			approval.reviewerComment = typeof comment === 'string' ? { comment, created: now, author: identity(caller.id) } : null;
			this.completed.push(approval);
		}
		sendJson(res, 202, {});
	}
}

import type { ServerResponse } from 'node:http';

import type { SandboxRequest } from './http';
import { sendJson } from './http';
import type { Identity, IscSandbox } from './isc';
import { ISC_IDENTITY_ID, ISC_OWNERS } from './isc';
import { answerCollection, badRequest, forbidden, notFound, trackingId, type FilterTable, type Row } from './iscCollection';

/**
 * ISC's generic approvals (idn/apis/approvals: `/generic-approvals/v1`; /v3 never had them):
 * the list (mine / approverId / requesterId / requesteeId, the documented filters, limit,
 * offset, count and count-only, the include-* switches), get, approve (200, the approval),
 * reject, reassign and cancel (204), comments and attributes (200; approve and reject take
 * overrideApproverID: the decision is recorded as that identity's), and bulk-approve, -reject, -reassign,
 * -cancel (202, ORG_ADMIN). Non-admins see approvals they are assigned to, approve (also once
 * decided) or requested and act
 * only on those assigned to them (403 otherwise); an admin acting on one it is not assigned to
 * takes it over, as the spec says. A decided or cancelled approval refuses further decisions
 * with a 400. The spec's Approval has no status field, but `status` is a documented filter
 * field (PENDING, APPROVED, REJECTED, CANCELLED...), so each approval carries one.
 */

export interface GenericApproval extends Row {
	id: string;
	tenantId: string;
	type: string;
	approvers: ApprovalIdentity[];
	createdDate: string;
	dueDate: string;
	modifiedDate: string;
	name: Array<{ value: string; locale: string }>;
	description: Array<{ value: string; locale: string }>;
	medium: string;
	priority: string;
	requester: ApprovalIdentity;
	requestee: ApprovalIdentity;
	comments: Array<Record<string, unknown>>;
	approvedBy: Array<Record<string, unknown>>;
	rejectedBy: Array<Record<string, unknown>>;
	assignedTo: ApprovalIdentity[];
	completedDate: string | null;
	reassignmentHistory: Array<Record<string, unknown>>;
	batchRequest: { batchId: string; batchSize: number } | null;
	referenceData: Array<{ id: string; type: string; name: string }>;
	additionalAttributes: string;
	status: string;
}

interface ApprovalIdentity {
	identityID: string;
	name: string;
	email: string;
	type: string;
	serialOrder: number;
}

const TYPES = ['GENERIC_APPROVAL', 'ENTITLEMENT_DESCRIPTIONS', 'CUSTOM_ACCESS_REQUEST_APPROVAL'];
const PRIORITIES = ['HIGH', 'MEDIUM', 'LOW'];
const TENANT = '38453251-6be2-5f8f-df93-5ce19e290000';
const SERVICE = /^\/generic-approvals\/v1(\/.*)?$/i;

/** A UUID-like ID, unique per index. */
export function genericApprovalId(index: number): string {
	return `38453251-6be2-5f8f-df93-${index.toString(16).padStart(12, '0')}`;
}

function person(id: string): ApprovalIdentity {
	const owner = ISC_OWNERS.find((entry) => entry.id === id);
	const name = owner?.name ?? id;
	return { identityID: id, name, email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.com`, type: 'IDENTITY', serialOrder: 0 };
}

const FILTERS: FilterTable = Object.fromEntries(
	[
		'status', 'name', 'priority', 'type', 'medium', 'description', 'batchId', 'search', 'referenceId', 'referenceType', 'referenceName',
		'requestedTargetId', 'requestedTargetType', 'requestedTargetName', 'requestedTargetRequestType', 'approvalId', 'requesterId',
		'requesteeId', 'approverId',
	]
		.map((field) => [field, ['eq', 'ne', 'in', 'co', 'sw']])
		.concat(['createdDate', 'dueDate', 'completedDate', 'modifiedDate', 'decisionDate'].map((field) => [field, ['eq', 'ne', 'in', 'co', 'sw', 'gt', 'ge', 'lt', 'le']])),
);

export interface NewGenericApproval extends Partial<GenericApproval> {
	approverId?: string;
}

export class GenericApprovalsSandbox {
	approvals: GenericApproval[] = [];
	/** The bodies of the bulk requests, in order. */
	readonly bulkRequests: Array<{ action: string; approvalIds: string[] }> = [];
	private created = 0;
	/** Test hook: faults for given bulk calls (1 = the first bulk call after reseed). */
	private readonly bulkFaults = new Map<number, 'appliedThenDropped' | 'unavailable'>();
	private bulkCalls = 0;
	/**
	 * Test hook for ISC's eventual consistency: approvals whose IDs are here exist (and can be
	 * acted on) but are left out of the lists until removed, as if the list lagged behind.
	 */
	readonly lagging = new Set<string>();

	constructor(private readonly isc: IscSandbox) {
		this.reseed(10);
	}

	reseed(count: number, options: { approverId?: string; from?: number } = {}): GenericApproval[] {
		this.approvals = [];
		this.bulkRequests.length = 0;
		this.created = 0;
		this.bulkFaults.clear();
		this.bulkCalls = 0;
		this.lagging.clear();
		for (let index = 0; index < count; index++) {
			this.add({
				approverId: options.approverId ?? ISC_OWNERS[index % ISC_OWNERS.length].id,
				createdDate: new Date((options.from ?? Date.UTC(2026, 9, 1, 8, 0, 0)) + index * 60_000).toISOString(),
			});
		}
		return this.approvals;
	}

	/** A new PENDING approval (by default assigned to the admin identity, created now). */
	add(overrides: NewGenericApproval = {}): GenericApproval {
		const index = this.created++;
		const { approverId = ISC_IDENTITY_ID, ...fields } = overrides;
		const created = fields.createdDate ?? new Date(Date.now() + index).toISOString();
		const requester = ISC_OWNERS[(index + 1) % ISC_OWNERS.length].id;
		const approval: GenericApproval = {
			id: genericApprovalId(index),
			tenantId: TENANT,
			type: TYPES[index % TYPES.length],
			approvers: [person(approverId)],
			createdDate: created,
			dueDate: new Date(Date.parse(created) + 7 * 86_400_000).toISOString(),
			modifiedDate: created,
			name: [{ value: `Workflow approval ${index}`, locale: 'en_US' }],
			description: [{ value: `Approve step ${index} of an ISC workflow`, locale: 'en_US' }],
			medium: 'EMAIL',
			priority: PRIORITIES[index % PRIORITIES.length],
			requester: person(requester),
			requestee: person(ISC_OWNERS[(index + 2) % ISC_OWNERS.length].id),
			comments: [],
			approvedBy: [],
			rejectedBy: [],
			assignedTo: [person(approverId)],
			completedDate: null,
			reassignmentHistory: [],
			batchRequest: null,
			referenceData: [{ id: `ref-${index}`, type: 'workflowExecutionId', name: `Workflow run ${index}` }],
			additionalAttributes: '{}',
			status: 'PENDING',
			...fields,
		};
		this.approvals.push(approval);
		return approval;
	}

	find(id: string): GenericApproval | undefined {
		return this.approvals.find((approval) => approval.id === id);
	}

	handles(path: string): boolean {
		return SERVICE.test(path);
	}

	handle(req: SandboxRequest, res: ServerResponse): void {
		const caller = this.isc.gate(req, res);
		if (!caller) return;
		const rest = SERVICE.exec(req.path)?.[1] ?? '';
		if (req.method === 'GET' && rest === '') return this.list(req, res, caller);
		const bulk = /^\/bulk-(approve|reject|reassign|cancel)$/.exec(rest);
		if (req.method === 'POST' && bulk) return this.bulk(req, res, caller, bulk[1]);
		const one = /^\/([^/]+)(?:\/(approve|reject|reassign|cancel|comments|attributes))?$/.exec(rest);
		if (one && req.method === 'GET' && one[2] === undefined) return this.get(res, caller, decodeURIComponent(one[1]));
		if (one && req.method === 'POST' && one[2] !== undefined) return this.act(req, res, caller, decodeURIComponent(one[1]), one[2]);
		notFound(res);
	}

	private visible(caller: Identity, approval: GenericApproval): boolean {
		return caller.admin || approval.assignedTo.some((who) => who.identityID === caller.id) || approval.approvers.some((who) => who.identityID === caller.id) || approval.requester.identityID === caller.id;
	}

	/** What an answer shows: comments, approvers, history and batch only when asked for (list). */
	private present(approval: GenericApproval, query?: URLSearchParams): Row {
		if (!query) return approval;
		const shown: Row = { ...approval };
		if (query.get('include-comments') !== 'true') delete shown.comments;
		if (query.get('include-approvers') !== 'true') delete shown.approvers;
		if (query.get('include-reassignment-history') !== 'true') delete shown.reassignmentHistory;
		if (query.get('include-batch-info') !== 'true') delete shown.batchRequest;
		return shown;
	}

	private list(req: SandboxRequest, res: ServerResponse, caller: Identity): void {
		const mineParam = req.query.get('mine');
		const mine = mineParam === null ? !caller.admin : mineParam === 'true';
		let rows = this.approvals.filter((approval) => this.visible(caller, approval) && !this.lagging.has(approval.id));
		for (const [param, pick] of [
			['approverId', (approval: GenericApproval) => approval.assignedTo.map((who) => who.identityID)],
			['requesterId', (approval: GenericApproval) => [approval.requester.identityID]],
			['requesteeId', (approval: GenericApproval) => [approval.requestee.identityID]],
		] as const) {
			const wanted = req.query.get(param);
			if (wanted === null) continue;
			if (!caller.admin && wanted !== caller.id) return forbidden(res);
			rows = rows.filter((approval) => pick(approval).includes(wanted));
		}
		if (mine) rows = rows.filter((approval) => approval.assignedTo.some((who) => who.identityID === caller.id));
		// Filter fields that are not top-level fields of the approval, removed again from the answer.
		const indexed = rows.map((approval) => ({
			...this.present(approval, req.query),
			approvalId: approval.id,
			requesterId: approval.requester.identityID,
			requesteeId: approval.requestee.identityID,
			approverId: approval.assignedTo.map((who) => who.identityID),
			referenceId: approval.referenceData.map((ref) => ref.id),
			referenceType: approval.referenceData.map((ref) => ref.type),
		}));
		const strip = (row: Row) => {
			const { approvalId: _a, requesterId: _r, requesteeId: _e, approverId: _p, referenceId: _i, referenceType: _t, ...shown } = row;
			return shown;
		};
		answerCollection(req, res, indexed, { filters: FILTERS, present: strip });
	}

	private get(res: ServerResponse, caller: Identity, id: string): void {
		const approval = this.find(id);
		// The spec lists no 404 for this call: an unknown ID is a 400.
		if (!approval) return badRequest(res, `no approval with ID ${id}`);
		if (!this.visible(caller, approval)) return forbidden(res);
		sendJson(res, 200, approval);
	}

	private act(req: SandboxRequest, res: ServerResponse, caller: Identity, id: string, action: string): void {
		const body = (req.body ?? {}) as Record<string, unknown>;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) return badRequest(res, 'the request body must be a JSON object');
		if (body.comment !== undefined && typeof body.comment !== 'string') return badRequest(res, 'comment: must be text');
		if (action === 'comments' && (typeof body.comment !== 'string' || body.comment.trim() === '')) return badRequest(res, 'comment: is required');
		if (action === 'approve' && body.additionalAttributes !== undefined) {
			const attributes = body.additionalAttributes;
			if (typeof attributes !== 'object' || attributes === null || Object.values(attributes).some((value) => typeof value !== 'string')) {
				return badRequest(res, 'additionalAttributes: must map names to text');
			}
		}
		let target: ApprovalIdentity | undefined;
		if (action === 'reassign') {
			if (typeof body.reassignTo !== 'string' || !ISC_OWNERS.some((owner) => owner.id === body.reassignTo)) {
				return badRequest(res, `reassignTo: no identity with ID ${String(body.reassignTo)}`);
			}
			target = person(body.reassignTo);
		}
		// overrideApproverID (approve, reject): the member of a governance group decided for.
		if ((action === 'approve' || action === 'reject') && body.overrideApproverID !== undefined) {
			if (typeof body.overrideApproverID !== 'string' || !ISC_OWNERS.some((owner) => owner.id === body.overrideApproverID)) {
				return badRequest(res, `overrideApproverID: no identity with ID ${String(body.overrideApproverID)}`);
			}
		}
		if (action === 'attributes') {
			const { additionalAttributes: attributes, removeAttributeKeys: remove } = body;
			if (attributes === undefined && remove === undefined) return badRequest(res, 'additionalAttributes or removeAttributeKeys is required');
			if (attributes !== undefined && (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes) || Object.values(attributes).some((value) => typeof value !== 'string'))) {
				return badRequest(res, 'additionalAttributes: must map names to text');
			}
			if (remove !== undefined && (!Array.isArray(remove) || remove.some((key) => typeof key !== 'string'))) return badRequest(res, 'removeAttributeKeys: must be a list of names');
		}
		const approval = this.find(id);
		if (!approval) return notFound(res);
		if (action === 'attributes') {
			if (!approval.assignedTo.some((who) => who.identityID === caller.id) && !caller.admin) return forbidden(res);
			const current = JSON.parse(approval.additionalAttributes || '{}') as Record<string, string>;
			for (const key of (body.removeAttributeKeys as string[] | undefined) ?? []) delete current[key];
			Object.assign(current, body.additionalAttributes ?? {});
			approval.additionalAttributes = JSON.stringify(current);
			const now = new Date().toISOString();
			approval.modifiedDate = now;
			if (typeof body.comment === 'string' && body.comment !== '') {
				approval.comments.push({ author: person(caller.id), comment: body.comment, createdDate: now, commentId: trackingId() });
			}
			return sendJson(res, 200, approval);
		}
		if (action === 'cancel' && !caller.admin) return forbidden(res);
		const assigned = approval.assignedTo.some((who) => who.identityID === caller.id);
		if (!assigned && !caller.admin) return forbidden(res);
		if (approval.status !== 'PENDING') return badRequest(res, `the approval is not pending: it is ${approval.status}`);
		this.apply(approval, caller, action, body, target);
		if (action === 'approve' || action === 'comments') return sendJson(res, 200, approval);
		sendJson(res, 204);
	}

	private apply(approval: GenericApproval, caller: Identity, action: string, body: Record<string, unknown>, target?: ApprovalIdentity): void {
		const now = new Date().toISOString();
		const me = person(caller.id);
		const comment = typeof body.comment === 'string' && body.comment !== '' ? body.comment : undefined;
		if (comment !== undefined) {
			approval.comments.push({ author: me, comment, createdDate: now, commentId: trackingId() });
		}
		approval.modifiedDate = now;
		const decider = typeof body.overrideApproverID === 'string' ? person(body.overrideApproverID) : me;
		const record = { ...decider, decidedDate: now, ...(decider === me ? {} : { decidedFor: true }) };
		switch (action) {
			case 'approve':
				approval.approvedBy.push(record);
				if (body.additionalAttributes) approval.additionalAttributes = JSON.stringify(body.additionalAttributes);
				// approvalCriteria.approval (COUNT or PERCENT of the approvers): until it is met the
				// approval stays PENDING, assigned to the approvers who have not decided.
				if (approval.approvedBy.length < approvalsNeeded(approval)) {
					const decided = new Set([caller.id, decider.identityID]);
					approval.assignedTo = approval.assignedTo.filter((who) => !decided.has(who.identityID));
					return;
				}
				return this.close(approval, 'APPROVED', now);
			case 'reject':
				approval.rejectedBy.push(record);
				return this.close(approval, 'REJECTED', now);
			case 'cancel':
				return this.close(approval, 'CANCELLED', now);
			case 'reassign': {
				const from = typeof body.reassignFrom === 'string' ? body.reassignFrom : caller.id;
				approval.reassignmentHistory.push({ reassignedFrom: person(from), reassignedTo: target, reassigner: me, comment, reassignedDate: now });
				approval.assignedTo = [...approval.assignedTo.filter((who) => who.identityID !== from), target!];
				approval.approvers = [...approval.approvers.filter((who) => who.identityID !== from), target!];
				return;
			}
			default:
		}
	}

	private close(approval: GenericApproval, status: string, now: string): void {
		approval.status = status;
		approval.completedDate = now;
		approval.assignedTo = [];
	}

	/**
	 * Test hook: the `call`-th bulk call from now on (1 = the next) is answered 503 without being
	 * applied, or applied and then its connection dropped (the caller cannot know it was).
	 */
	failBulkCall(call: number, fault: 'appliedThenDropped' | 'unavailable'): void {
		this.bulkFaults.set(this.bulkCalls + call, fault);
	}

	private bulk(req: SandboxRequest, res: ServerResponse, caller: Identity, action: string): void {
		const fault = this.bulkFaults.get(++this.bulkCalls);
		if (fault === 'unavailable') {
			return sendJson(res, 503, { detailCode: '503 Service Unavailable', trackingId: trackingId(), messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: 'The service is unavailable.' }] });
		}
		if (!caller.admin) return forbidden(res);
		const body = req.body as Record<string, unknown> | undefined;
		const ids = body?.approvalIds;
		if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) {
			return badRequest(res, 'approvalIds: a non-empty list of approval IDs is required');
		}
		let target: ApprovalIdentity | undefined;
		if (action === 'reassign') {
			if (typeof body?.reassignTo !== 'string' || !ISC_OWNERS.some((owner) => owner.id === body.reassignTo)) {
				return badRequest(res, `reassignTo: no identity with ID ${String(body?.reassignTo)}`);
			}
			target = person(body.reassignTo);
		}
		const approvals = (ids as string[]).map((id) => this.find(id));
		if (approvals.some((approval) => approval === undefined)) return notFound(res);
		const decided = approvals.find((approval) => approval!.status !== 'PENDING');
		if (decided) return badRequest(res, `approval ${decided.id} is not pending: it is ${decided.status}`);
		this.bulkRequests.push({ action, approvalIds: ids as string[] });
		for (const approval of approvals) this.apply(approval!, caller, action, body ?? {}, target);
		if (fault === 'appliedThenDropped') {
			res.socket?.destroy();
			return;
		}
		sendJson(res, 202, {});
	}
}

/** How many approvals the approval's criteria ask for (one without criteria). */
function approvalsNeeded(approval: GenericApproval): number {
	const criteria = (approval.approvalCriteria as { approval?: { calculationType?: string; value?: number } } | undefined)?.approval;
	if (typeof criteria?.value !== 'number') return 1;
	return criteria.calculationType === 'PERCENT' ? Math.ceil((criteria.value / 100) * approval.approvers.length) : criteria.value;
}

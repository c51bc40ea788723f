import type { ServerResponse } from 'node:http';

import { nextYear } from '../harness/dates';
import type { SandboxRequest } from './http';
import { sendJson } from './http';
import type { Identity, IscSandbox } from './isc';
import { ISC_IDENTITY_ID, ISC_OWNERS } from './isc';
import { hasScope } from './iscCertifications';
import { answerCollection, badRequest, forbidden, notFound, type Row } from './iscCollection';

/**
 * ISC's non-employee approvals (idn/apis/non-employee-lifecycle-management: `/non-employee-approvals/v1`,
 * and `/v3/non-employee-approvals`), the inbox for contractor and partner accounts: the list
 * (`requested-for`: me or an approver's ID; filter approvalStatus eq; sorters created, modified),
 * get (`include-detail`, default true: the request's account, names, source...), approve (optional
 * comment, at most 4000 characters) and reject (a comment is required) answering 200 with the
 * approval item, and `summary/{requested-for}` ({approved, pending, rejected}). Scopes: idn:nelm:read
 * for the reads, idn:nelm:manage for the decisions (403 otherwise). A user sees the approvals they
 * are the approver of; admins (the role context idn:nesr:read) any approver's; only the requested
 * approver decides (403 otherwise), and a decided approval is a 400.
 */

export interface NonEmployeeApproval {
	id: string;
	approver: { type: 'IDENTITY'; id: string; name: string };
	accountName: string;
	approvalStatus: 'APPROVED' | 'REJECTED' | 'PENDING' | 'NOT_READY' | 'CANCELLED';
	approvalOrder: number;
	comment: string | null;
	modified: string;
	created: string;
	nonEmployeeRequest: Row & { id: string; requester: { type: 'IDENTITY'; id: string; name: string } };
}

const SERVICE = /^\/(?:non-employee-approvals\/v1|v3\/non-employee-approvals)(\/.*)?$/i;
const FIRST_NAMES = ['William', 'Maria', 'Chen', 'Fatima', 'Olu'];
const LAST_NAMES = ['Smith', 'Garcia', 'Wei', 'Khan', 'Adeyemi'];

export function nonEmployeeApprovalId(index: number): string {
	return `ac110005-7156-1150-8171-${(0x500000000000 + index).toString(16)}`;
}

function who(id: string) {
	return { type: 'IDENTITY' as const, id, name: ISC_OWNERS.find((owner) => owner.id === id)?.name ?? id };
}

export class NonEmployeeApprovalsSandbox {
	approvals: NonEmployeeApproval[] = [];
	private created = 0;

	constructor(private readonly isc: IscSandbox) {
		this.reseed(6);
	}

	/** `count` pending approvals, approvers taken in turn from ISC_OWNERS (the admin first). */
	reseed(count: number): NonEmployeeApproval[] {
		this.approvals = [];
		this.created = 0;
		for (let index = 0; index < count; index++) this.add({ approverId: ISC_OWNERS[index % ISC_OWNERS.length].id });
		return this.approvals;
	}

	add(options: { approverId?: string } = {}): NonEmployeeApproval {
		const index = this.created++;
		const first = FIRST_NAMES[index % FIRST_NAMES.length];
		const last = LAST_NAMES[index % LAST_NAMES.length];
		const account = `${first}.${last}${index}`.toLowerCase();
		const created = new Date(Date.UTC(2026, 10, 20, 9, 0, 0) + index * 60_000).toISOString();
		const approval: NonEmployeeApproval = {
			id: nonEmployeeApprovalId(index),
			approver: who(options.approverId ?? ISC_IDENTITY_ID),
			accountName: account,
			approvalStatus: 'PENDING',
			approvalOrder: 1,
			comment: null,
			modified: created,
			created,
			nonEmployeeRequest: {
				id: `ac110005-7156-1150-8171-${(0x600000000000 + index).toString(16)}`,
				requester: who(ISC_OWNERS[(index + 1) % ISC_OWNERS.length].id),
				accountName: account,
				firstName: first,
				lastName: last,
				email: `${account}@partner.example.com`,
				phone: '5125555555',
				manager: 'jason.smith',
				nonEmployeeSource: { id: '2c91808568c529c60168cca6f90cnes1', sourceId: '2c918085718230600171993742c63558', name: 'Contractors', description: 'Contractor accounts', schemaAttributes: [] },
				data: { department: 'Engineering' },
				approvalStatus: 'PENDING',
				comment: 'Contract for Q1',
				completionDate: null,
				startDate: nextYear('01-04'),
				endDate: nextYear('03-31'),
				modified: created,
				created,
			},
		};
		this.approvals.push(approval);
		return approval;
	}

	find(id: string): NonEmployeeApproval | undefined {
		return this.approvals.find((approval) => approval.id === id);
	}

	handles(path: string): boolean {
		return SERVICE.test(path);
	}

	handle(req: SandboxRequest, res: ServerResponse): void {
		const caller = this.isc.gate(req, res);
		if (!caller) return;
		if (!hasScope(caller, req.method === 'GET' ? 'idn:nelm:read' : 'idn:nelm:manage')) return forbidden(res);
		const rest = SERVICE.exec(req.path)?.[1] ?? '';
		if (req.method === 'GET' && (rest === '' || rest === '/')) return this.list(req, res, caller);
		const summary = /^\/summary\/([^/]+)$/.exec(rest);
		if (req.method === 'GET' && summary) return this.summary(res, caller, decodeURIComponent(summary[1]));
		const one = /^\/([^/]+)(?:\/(approve|reject))?$/.exec(rest);
		if (one && req.method === 'GET' && one[2] === undefined) return this.get(req, res, caller, decodeURIComponent(one[1]));
		if (one && req.method === 'POST' && one[2] !== undefined) return this.decide(req, res, caller, decodeURIComponent(one[1]), one[2] as 'approve' | 'reject');
		notFound(res);
	}

	/** The approver asked for: `me`, an ID (someone else's needs admin), or, without it, the caller (admins: all). */
	private approverOf(raw: string | null, res: ServerResponse, caller: Identity): string | null | undefined {
		const approverId = raw === 'me' ? caller.id : raw;
		if (approverId !== null && approverId !== caller.id && !caller.admin) {
			forbidden(res);
			return undefined;
		}
		if (approverId === null) return caller.admin ? null : caller.id;
		return approverId;
	}

	private lite(approval: NonEmployeeApproval): Row {
		const { id, requester } = approval.nonEmployeeRequest;
		return { ...approval, nonEmployeeRequest: { id, requester } };
	}

	private list(req: SandboxRequest, res: ServerResponse, caller: Identity): void {
		const approverId = this.approverOf(req.query.get('requested-for'), res, caller);
		if (approverId === undefined) return;
		const rows = approverId === null ? this.approvals : this.approvals.filter((approval) => approval.approver.id === approverId);
		answerCollection(req, res, rows.map((approval) => this.lite(approval)), {
			filters: { approvalStatus: ['eq'] },
			sorters: ['created', 'modified'],
		});
	}

	private get(req: SandboxRequest, res: ServerResponse, caller: Identity, id: string): void {
		const approval = this.find(id);
		if (!approval) return notFound(res);
		if (!caller.admin && approval.approver.id !== caller.id) return forbidden(res);
		const detail = req.query.get('include-detail');
		if (detail !== null && detail !== 'true' && detail !== 'false') return badRequest(res, `include-detail: must be true or false, but it is '${detail}'`);
		if (detail === 'false') {
			const { nonEmployeeRequest: _request, ...fields } = approval;
			return sendJson(res, 200, fields);
		}
		const { approvalStatus: _s, ...request } = approval.nonEmployeeRequest;
		sendJson(res, 200, { ...approval, nonEmployeeRequest: { ...request, approvalStatus: approval.nonEmployeeRequest.approvalStatus } });
	}

	private decide(req: SandboxRequest, res: ServerResponse, caller: Identity, id: string, action: 'approve' | 'reject'): void {
		// n8n sends no body for an empty object; like the access request sandbox, none reads as {}.
		const body = (req.body ?? {}) as Record<string, unknown>;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) return badRequest(res, 'the request body must be a JSON object');
		const { comment } = body;
		if (comment !== undefined && typeof comment !== 'string') return badRequest(res, 'comment: must be text');
		if (action === 'reject' && (typeof comment !== 'string' || comment.trim() === '')) return badRequest(res, 'comment: is required to reject');
		if (typeof comment === 'string' && comment.length > 4000) return badRequest(res, 'comment: size must be at most 4000');
		const approval = this.find(id);
		if (!approval) return notFound(res);
		// "The current user must be the requested approver."
		if (approval.approver.id !== caller.id) return forbidden(res);
		if (approval.approvalStatus !== 'PENDING') return badRequest(res, `approval ${id} is not pending: it is ${approval.approvalStatus}`);
		const now = new Date().toISOString();
		approval.approvalStatus = action === 'approve' ? 'APPROVED' : 'REJECTED';
		approval.nonEmployeeRequest.approvalStatus = approval.approvalStatus;
		approval.comment = typeof comment === 'string' ? comment : null;
		approval.modified = now;
		sendJson(res, 200, this.lite(approval));
	}

	private summary(res: ServerResponse, caller: Identity, requestedFor: string): void {
		const approverId = this.approverOf(requestedFor, res, caller);
		if (approverId === undefined) return;
		const mine = this.approvals.filter((approval) => approval.approver.id === approverId);
		const count = (status: string) => mine.filter((approval) => approval.approvalStatus === status).length;
		sendJson(res, 200, { approved: count('APPROVED'), pending: count('PENDING'), rejected: count('REJECTED') });
	}
}

import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import type { SandboxRequest } from './http';
import { bearerToken, queryParam, sendJson } from './http';
import type { ConfigObject } from './tppConfig';
import { findObjectsOfClass, parentOf } from './tppConfig';
import { browseIdentities, identityEntry, type IdentityEntry, validateIdentity } from './tppIdentities';
import { flowRequester, TppFlowSandbox, type FlowTicket } from './tppFlow';

const FLOW_REQUESTER_11 = flowRequester(11);
const FLOW_REQUESTER_12 = flowRequester(12);

/**
 * Emulates the Venafi TPP WebSDK endpoints the nodes use, as TPP's reference pages describe
 * them: bearer tokens with TPP's 401 body, the 307 for a missing trailing slash, 204 for no
 * data, 400 with error/error_description, ticket Result codes, /Date(ms)/ dates, and tickets
 * whose status really changes.
 */

export const TPP_TOKEN = 'sandbox-tpp-token-4MyGeneratedBearerTknz';
/** The static token's scope: every call the nodes make. */
export const TPP_TOKEN_SCOPE = 'agent;certificate:approve;configuration:delete,manage';
/** A token granted only "certificate" (no :approve, no agent, no configuration). */
export const TPP_CERTIFICATE_ONLY_TOKEN = 'sandbox-tpp-token-CertificateScopeOnly';

/**
 * The scope each call needs, from its reference page ("Token scope"): Client/Work "Agent",
 * UpdateStatus "any:Approve", Create "Configuration:Manage", Delete "Configuration:Delete"; the
 * other calls take any valid scope. TPP answers 403 "Your grant doesn't have the scope required
 * for this call" otherwise.
 */
const REQUIRED_SCOPES: Array<[RegExp, string, (scopes: Map<string, string[]>) => boolean]> = [
	[/^\/vedsdk\/client\/work\/?$/, 'Agent', (scopes) => scopes.has('agent')],
	[/^\/vedsdk\/workflow\/ticket\/updatestatus$/, 'any:Approve', (scopes) => [...scopes.values()].some((rights) => rights.includes('approve'))],
	[/^\/vedsdk\/workflow\/ticket\/create$/, 'Configuration:Manage', (scopes) => scopes.get('configuration')?.includes('manage') === true],
	[/^\/vedsdk\/workflow\/ticket\/delete$/, 'Configuration:Delete', (scopes) => scopes.get('configuration')?.includes('delete') === true],
	// Config/FindObjectsOfClass: "Token scope: Configuration" (any right of it).
	[/^\/vedsdk\/config\/findobjectsofclass$/, 'Configuration', (scopes) => scopes.has('configuration')],
	// Identity/Browse and Identity/Validate: "Token scope: Configuration".
	[/^\/vedsdk\/identity\/(browse|validate)$/, 'Configuration', (scopes) => scopes.has('configuration')],
	// Flow Approve, Reject and Update: "Any valid scope, such as Agent, Certificate, or SSH:Approve".
	[/^\/vedsdk\/flow\/tickets\/(approve|reject|update)\/?$/, 'any:Approve', (scopes) => [...scopes.values()].some((rights) => rights.includes('approve'))],
];

/** `agent;certificate:approve,manage` → agent: [], certificate: [approve, manage]. */
export function parseTppScope(scope: string): Map<string, string[]> {
	const scopes = new Map<string, string[]>();
	for (const entry of scope.toLowerCase().split(';')) {
		const [name, rights = ''] = entry.trim().split(':');
		if (name) scopes.set(name, rights.split(',').map((right) => right.trim()).filter(Boolean));
	}
	return scopes;
}

export interface TppWork {
	AssociatedGroups: string[];
	WorkDn: string;
	WorkName: string;
	WorkType: string;
}

export interface TppTicket {
	GUID: string;
	ApprovalExplanation: string;
	ApprovalFrom: string;
	ApprovalReason: string;
	Approvers: string[];
	Blocking: string;
	Created: number;
	IssuedDueTo: string;
	Status: string;
	Updated: number;
	ScheduledStart?: string;
	ScheduledStop?: string;
	UserData?: string;
	ObjectDN?: string;
	Reason?: number;
	/** Created after the token was issued: invisible (Result 3) until Permissions/Refresh. */
	hiddenUntilRefresh?: boolean;
}

/** GUIDs that always answer with the given Result code, so every code can be exercised. */
export const RESULT_CODE_GUIDS: Record<number, string> = {
	0: '00000000-0000-4000-8000-000000000000',
	2: '00000000-0000-4000-8000-000000000002',
	3: '00000000-0000-4000-8000-000000000003',
	4: '00000000-0000-4000-8000-000000000004',
	5: '00000000-0000-4000-8000-000000000005',
	6: '00000000-0000-4000-8000-000000000006',
	7: '00000000-0000-4000-8000-000000000007',
	8: '00000000-0000-4000-8000-000000000008',
};

/**
 * Object and workflow DNs that make Enumerate and Create answer the given Result code. Like
 * RESULT_CODE_GUIDS, they let a test reach every code.
 */
export const RESULT_CODE_DNS: Record<number, string> = {
	0: '\\VED\\Policy\\Result 0',
	2: '\\VED\\Policy\\Result 2',
	3: '\\VED\\Policy\\Result 3',
	4: '\\VED\\Policy\\Result 4',
	5: '\\VED\\Policy\\Result 5',
	6: '\\VED\\Policy\\Result 6',
	7: '\\VED\\Policy\\Result 7',
	8: '\\VED\\Policy\\Result 8',
};

/** The identity the sandbox's token belongs to (as /vedauth/authorize/verify reports it). */
export const SANDBOX_CALLER = 'local:{e3fc9359-77cf-4940-bd1d-0c67433a76e5}';

const STATUSES = ['Pending', 'Approved', 'Approved After', 'Approved Between', 'Rejected'];

const APPROVER = 'AD+VENAFI:e3fc935977cf4940bd1d0c67433a76e5';

/**
 * A group the certificate renewal tickets are associated with (their User Data), so a test can
 * find "the certificate tickets" through Enumerate's UserData; the seed's own example ticket
 * (its Regression object) is not associated with it.
 */
export const CERTIFICATE_OWNERS = 'AD+VENAFI:5c4e1a7b9d0f4e2a8b3c6d9e0f1a2b3c';

/**
 * The identities the sandbox's Identity provider knows by name, so a PrefixedName (or Prefix
 * with Name) resolves to the prefixed universal that Details shows, as TPP resolves it.
 */
export const SANDBOX_IDENTITIES: { PrefixedName: string; PrefixedUniversal: string }[] = [
	{ PrefixedName: 'local:admin', PrefixedUniversal: SANDBOX_CALLER },
	{ PrefixedName: 'AD+VENAFI:jsmith', PrefixedUniversal: APPROVER },
	{ PrefixedName: 'AD+VENAFI:mjones', PrefixedUniversal: 'AD+VENAFI:f824d97c78d9364499aaa93bfd6799a8' },
	// A user name made of hex digits: a name, not a universal ID.
	{ PrefixedName: 'AD+VENAFI:deadbeef01', PrefixedUniversal: 'AD+VENAFI:{0d0d0d0d-0000-4000-8000-0000deadbeef}' },
];

/** What Identity/Browse finds: the identities above with their full names, and a group. */
export const IDENTITY_DIRECTORY: IdentityEntry[] = [
	identityEntry('local:admin', SANDBOX_CALLER, '\\VED\\Identity\\admin'),
	identityEntry('AD+VENAFI:jsmith', APPROVER, 'CN=John Smith,OU=Security,DC=venafi,DC=example'),
	identityEntry('AD+VENAFI:mjones', 'AD+VENAFI:f824d97c78d9364499aaa93bfd6799a8', 'CN=Mary Jones,OU=PKI,DC=venafi,DC=example'),
	identityEntry('AD+VENAFI:deadbeef01', 'AD+VENAFI:{0d0d0d0d-0000-4000-8000-0000deadbeef}', 'CN=Service Account deadbeef01,OU=Services,DC=venafi,DC=example'),
	identityEntry('AD+VENAFI:Certificate Owners', CERTIFICATE_OWNERS, 'CN=Certificate Owners,OU=Groups,DC=venafi,DC=example', 2),
	// Who asked for the seeded Flow tickets 11 and 12 (their Requested By); the other seeded
	// requesters are unknown to the directory, as a deleted user would be.
	identityEntry('local:Rita Requester', FLOW_REQUESTER_11, '\\VED\\Identity\\Rita Requester'),
	identityEntry('local:Sam Signer', FLOW_REQUESTER_12, '\\VED\\Identity\\Sam Signer'),
];

/**
 * Resolves one entry of `Approvers` as TPP's reference describes it: an identity object with a
 * PrefixedUniversal, a PrefixedName, or a Prefix with a Universal or a Name. Plain strings and
 * unknown names are refused (undefined: the caller answers Result 5, BadArguments).
 */
export function resolveApprover(entry: unknown): string | undefined {
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
	const identity = entry as Record<string, unknown>;
	const text = (key: string) => (typeof identity[key] === 'string' ? (identity[key] as string).trim() : '');
	const byName = (name: string) =>
		SANDBOX_IDENTITIES.find((known) => known.PrefixedName.toLowerCase() === name.toLowerCase())?.PrefixedUniversal;
	if (text('PrefixedUniversal') !== '') return /^[^:]+:.+$/.test(text('PrefixedUniversal')) ? text('PrefixedUniversal') : undefined;
	if (text('PrefixedName') !== '') return byName(text('PrefixedName'));
	if (text('Prefix') !== '' && text('Universal') !== '') return `${text('Prefix')}:${text('Universal')}`;
	if (text('Prefix') !== '' && text('Name') !== '') return byName(`${text('Prefix')}:${text('Name')}`);
	return undefined;
}

/** Every approver resolved, or undefined when any entry is not a valid identity (Result 5). */
function resolveApprovers(value: unknown): string[] | undefined {
	const entries = Array.isArray(value) ? value : [value];
	const resolved = entries.map(resolveApprover);
	return resolved.every((entry): entry is string => entry !== undefined) ? resolved : undefined;
}

export function seedWork(): TppWork[] {
	const work = (group: string, name: string, type: string): TppWork => ({
		AssociatedGroups: [group],
		WorkDn: `\\VED\\Clients\\Works\\${group}\\${name}`,
		WorkName: name,
		WorkType: type,
	});
	return [
		work('G1', 'Agent Upgrade', 'Client Agent Automatic Upgrade Work'),
		work('G1', 'Agent Connectivity', 'Client Agent Configuration Work'),
		work('G2', 'Agent Connectivity', 'Client Agent Configuration Work'),
		work('G2', 'Device Placement', 'Client Agent Device Placement Work'),
		work('SSH', 'SSH Discovery', 'Client Agent SSH Discovery Work'),
		work('SSH', 'SSH Key Usage', 'Client Agent SSH Key Usage Work'),
		work('Web', 'Certificate Provisioning', 'Certificate Provisioning Work'),
	];
}

export function seedTickets(count = 5, now = Date.UTC(2026, 10, 1, 9, 0, 0)): TppTicket[] {
	const tickets: TppTicket[] = [
		{
			GUID: 'af415f09-d487-43de-ba2e-f61d089b4e68',
			ApprovalExplanation: '',
			ApprovalFrom: APPROVER,
			ApprovalReason: 'Testing workflow',
			Approvers: [APPROVER, 'AD+VENAFI:f824d97c78d9364499aaa93bfd6799a8'],
			Blocking: '\\VED\\Policy\\Regression\\four.venafi.example',
			Created: 1489096754000,
			IssuedDueTo: '\\VED\\Policy\\Regression\\Stage 0',
			Status: 'Pending',
			Updated: 1489098779597,
		},
	];
	for (let i = 1; i < count; i++) {
		tickets.push({
			GUID: ticketGuid(i),
			ApprovalExplanation: '',
			ApprovalFrom: APPROVER,
			ApprovalReason: `Certificate renewal ${i}`,
			Approvers: [APPROVER],
			Blocking: `\\VED\\Policy\\Certificates\\app${i}.venafi.example`,
			Created: now + i * 60_000,
			IssuedDueTo: '\\VED\\Policy\\Workflows\\Stage 100',
			Status: 'Pending',
			Updated: now + i * 60_000,
		});
	}
	// Raised by TPP itself: User Data lists the identities associated with the ticket.
	tickets[0].UserData = tickets[0].Approvers.join(',');
	for (const ticket of tickets.slice(1)) ticket.UserData = [...ticket.Approvers, CERTIFICATE_OWNERS].join(',');
	return tickets;
}

export function ticketGuid(index: number): string {
	return `6ede0e12-f7c0-4068-9977-${index.toString(16).padStart(12, '0')}`;
}

export interface TppOptions {
	tokens?: string[];
	work?: TppWork[];
	tickets?: TppTicket[];
	flowTickets?: FlowTicket[];
}

export class TppSandbox {
	readonly tokens: Set<string>;
	/** The scope each accepted token was granted (tokens not listed have TPP_TOKEN_SCOPE). */
	readonly tokenScopes = new Map<string, string>([[TPP_CERTIFICATE_ONLY_TOKEN, 'certificate']]);
	work: TppWork[];
	readonly tickets = new Map<string, TppTicket>();
	/** Flow tickets (CodeSign Protect and other Flow products): tppFlow.ts. */
	readonly flow: TppFlowSandbox;
	updates = 0;
	permissionRefreshes = 0;
	/** Policy tree objects besides those the tickets imply (a test adds certificates, workflows). */
	readonly configObjects: ConfigObject[] = [
		{ DN: '\\VED\\Policy\\Workflows\\Renewal Approval', TypeName: 'Workflow' },
		{ DN: '\\VED\\Policy\\Workflows\\Adaptable Review', TypeName: 'Adaptable Workflow' },
		{ DN: '\\VED\\Policy\\Certificates\\no-ticket.venafi.example', TypeName: 'X509 Certificate' },
	];

	constructor(options: TppOptions = {}) {
		this.tokens = new Set(options.tokens ?? [TPP_TOKEN, TPP_CERTIFICATE_ONLY_TOKEN]);
		this.work = options.work ?? seedWork();
		this.flow = new TppFlowSandbox(options.flowTickets);
		for (const ticket of options.tickets ?? seedTickets()) this.tickets.set(ticket.GUID.toLowerCase(), ticket);
	}

	/** Adds a ticket as TPP's lifecycle processing would; returns its GUID. */
	addTicket(partial: Partial<TppTicket> = {}): string {
		const guid = (partial.GUID ?? randomUUID()).toLowerCase();
		const now = Date.now();
		this.tickets.set(guid, {
			ApprovalExplanation: '',
			ApprovalFrom: APPROVER,
			ApprovalReason: 'Added by a test',
			Approvers: [APPROVER],
			Blocking: '\\VED\\Policy\\Certificates\\new.venafi.example',
			Created: now,
			IssuedDueTo: '\\VED\\Policy\\Workflows\\Stage 100',
			Status: 'Pending',
			Updated: now,
			// Tickets TPP raises itself carry "a comma separated list of identities expressed as
			// prefixed universals" (Create's reference); a caller of Create sets its own.
			UserData: [...(partial.Approvers ?? [APPROVER]), CERTIFICATE_OWNERS].join(','),
			...partial,
			GUID: guid,
		});
		return guid;
	}

	/** Removes a ticket as TPP would on Workflow/Ticket/Delete; false when it was not there. */
	removeTicket(guid: string): boolean {
		return this.tickets.delete(guid.toLowerCase());
	}

	/** Changes a ticket's status as an approver in TPP's UI would. */
	setStatus(guid: string, status: string): void {
		const ticket = this.tickets.get(guid.toLowerCase());
		if (!ticket) throw new Error(`The sandbox has no ticket ${guid}`);
		ticket.Status = status;
		ticket.Updated = Date.now();
	}

	handles(path: string): boolean {
		return /^\/(vedsdk|vedauth)(\/|$)/i.test(path);
	}

	handle(req: SandboxRequest, res: ServerResponse): void {
		const token = bearerToken(req);
		if (!token || !this.tokens.has(token)) {
			sendJson(
				res,
				401,
				{ error: 'invalid_token', error_description: 'Failed to validate access token' },
				{ 'WWW-Authenticate': 'Bearer error="invalid_token"' },
			);
			return;
		}
		const path = req.path.toLowerCase();
		const scope = this.tokenScopes.get(token) ?? TPP_TOKEN_SCOPE;
		const required = REQUIRED_SCOPES.find(([pattern]) => pattern.test(path));
		if (required && !required[2](parseTppScope(scope))) {
			sendJson(res, 403, {
				error: 'insufficient_scope',
				error_description: `Your grant doesn't have the scope required for this call (${required[1]}).`,
			});
			return;
		}

		if (path === '/vedauth/authorize/verify' && req.method === 'GET') {
			const issued = Math.floor(Date.now() / 1000) - 60;
			sendJson(res, 200, {
				access_issued_on_unix_time: issued,
				application: 'n8n',
				expires_unix_time: issued + 3600,
				grant_issued_on_unix_time: issued,
				identity: 'local:{e3fc9359-77cf-4940-bd1d-0c67433a76e5}',
				scope,
				valid_for: 3600,
			});
			return;
		}

		if (path === '/vedsdk/client/work' && req.method === 'GET') {
			const slashed = `${req.path}/`;
			sendJson(
				res,
				307,
				`There is no operation listening for ${req.path}, but there is an operation listening for ${slashed}, so you are being redirected there.`,
				{ Location: slashed },
			);
			return;
		}
		if (path === '/vedsdk/client/work/' && req.method === 'GET') return this.listWork(req, res);

		// TPP's documented example ends with a slash; both forms are accepted here.
		if ((path === '/vedsdk/permissions/refresh' || path === '/vedsdk/permissions/refresh/') && req.method === 'GET') {
			this.permissionRefreshes++;
			for (const ticket of this.tickets.values()) ticket.hiddenUntilRefresh = false;
			sendJson(res, 200, { Result: 1 });
			return;
		}

		if (req.method === 'POST' && this.flow.handles(path)) return this.flow.handle(path, req.body, res);

		// GET Identity/Self (token scope: any): the identity the token belongs to, as a list of
		// one identity object (PrefixedUniversal, PrefixedName, FullName, ...).
		if (req.method === 'GET' && path === '/vedsdk/identity/self') {
			sendJson(res, 200, { Identities: [IDENTITY_DIRECTORY.find((entry) => entry.PrefixedUniversal === SANDBOX_CALLER)] });
			return;
		}

		if (req.method === 'POST' && path === '/vedsdk/identity/browse') {
			const body = typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
			return browseIdentities(body, IDENTITY_DIRECTORY, res);
		}

		if (req.method === 'POST' && path === '/vedsdk/identity/validate') {
			const body = typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
			return validateIdentity(body, IDENTITY_DIRECTORY, res);
		}

		if (req.method === 'POST' && path === '/vedsdk/config/findobjectsofclass') {
			const body = typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
			return findObjectsOfClass(body, this.policyTree(), res);
		}

		if (req.method === 'POST' && path.startsWith('/vedsdk/workflow/ticket/')) {
			if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
				sendJson(res, 400, {
					error: 'invalid_request',
					error_description: 'The request body must be a JSON object.',
				});
				return;
			}
			const body = req.body as Record<string, unknown>;
			if (path === '/vedsdk/workflow/ticket/details') return this.details(body, res);
			if (path === '/vedsdk/workflow/ticket/updatestatus') return this.updateStatus(body, res);
			if (path === '/vedsdk/workflow/ticket/enumerate') return this.enumerate(body, res);
			if (path === '/vedsdk/workflow/ticket/status') return this.status(body, res);
			if (path === '/vedsdk/workflow/ticket/exists') return this.exists(body, res);
			if (path === '/vedsdk/workflow/ticket/create') return this.create(body, res);
			if (path === '/vedsdk/workflow/ticket/delete') return this.deleteTicket(body, res);
		}

		sendJson(res, 404, { error: 'not_found', error_description: `No operation at ${req.path}` });
	}

	/** The Policy tree: each ticket's object (a certificate) and folders, its workflow, and configObjects. */
	policyTree(): ConfigObject[] {
		const objects = new Map<string, ConfigObject>();
		const add = (DN: string, TypeName: string) => {
			if (!objects.has(DN.toLowerCase())) objects.set(DN.toLowerCase(), { DN, TypeName });
		};
		const folders = (dn: string) => {
			for (let parent = parentOf(dn); /^\\VED\\Policy\\./i.test(parent); parent = parentOf(parent)) add(parent, 'Policy');
		};
		for (const ticket of this.tickets.values()) {
			const dn = ticket.ObjectDN ?? ticket.Blocking;
			if (resultCodeOfDn(dn) === undefined) add(dn, 'X509 Certificate');
			folders(dn);
			if (ticket.IssuedDueTo && resultCodeOfDn(ticket.IssuedDueTo) === undefined) add(ticket.IssuedDueTo, 'Workflow');
		}
		for (const object of this.configObjects) {
			add(object.DN, object.TypeName);
			folders(object.DN);
		}
		return [...objects.values()];
	}

	private listWork(req: SandboxRequest, res: ServerResponse): void {
		const workType = queryParam(req.query, 'WorkType');
		const known = new Set(this.work.map((entry) => entry.WorkType.toLowerCase()));
		if (workType !== undefined && workType !== '' && !known.has(workType.toLowerCase()) && !KNOWN_WORK_TYPES.has(workType.toLowerCase())) {
			sendJson(res, 400, {
				error: `WorkType '${workType}' is not valid.`,
				error_description: 'Use one of the documented WorkTypes, or omit WorkType for all work.',
			});
			return;
		}
		const matches = this.work.filter(
			(entry) => !workType || entry.WorkType.toLowerCase() === workType.toLowerCase(),
		);
		if (matches.length === 0) {
			sendJson(res, 204);
			return;
		}
		sendJson(res, 200, matches);
	}

	private resultFor(guid: unknown): { ticket?: TppTicket; result?: number } {
		if (typeof guid !== 'string' || guid.trim() === '') return { result: 5 };
		const key = guid.trim().toLowerCase().replace(/^\{(.*)\}$/, '$1');
		for (const [code, magic] of Object.entries(RESULT_CODE_GUIDS)) if (magic === key) return { result: Number(code) };
		const ticket = this.tickets.get(key);
		if (!ticket || ticket.hiddenUntilRefresh) return { result: 3 };
		return { ticket };
	}

	private details(body: Record<string, unknown>, res: ServerResponse): void {
		const { ticket, result } = this.resultFor(body.GUID);
		if (!ticket) return failure(res, result ?? 2);
		sendJson(res, 200, {
			ApprovalExplanation: ticket.ApprovalExplanation,
			ApprovalFrom: ticket.ApprovalFrom,
			ApprovalReason: ticket.ApprovalReason,
			Approvers: ticket.Approvers,
			Blocking: ticket.Blocking,
			Created: `/Date(${ticket.Created})/`,
			IssuedDueTo: ticket.IssuedDueTo,
			Result: 1,
			Status: ticket.Status,
			Updated: `/Date(${ticket.Updated})/`,
		});
	}

	/**
	 * Enumerate: at least one of ObjectDN and UserData (else Result 5). An ObjectDN matches the
	 * tickets of that object and of the objects below it (a policy folder); UserData matches
	 * tickets sharing one of its comma-separated identities. Hidden tickets are not listed.
	 */
	private enumerate(body: Record<string, unknown>, res: ServerResponse): void {
		const objectDn = typeof body.ObjectDN === 'string' && body.ObjectDN.trim() !== '' ? body.ObjectDN.trim() : undefined;
		const userData = typeof body.UserData === 'string' && body.UserData.trim() !== '' ? body.UserData.trim() : undefined;
		if (objectDn === undefined && userData === undefined) return sendJson(res, 200, { GUIDs: null, Result: 5 });
		const magic = objectDn === undefined ? undefined : resultCodeOfDn(objectDn);
		if (magic !== undefined) return sendJson(res, 200, { GUIDs: null, Result: magic });
		// "The GUIDs of all workflow tickets associated with the object and user": that object's
		// tickets only, not those of objects below a folder (TPP's Enumerate reference).
		const object = objectDn?.toLowerCase().replace(/\\+$/, '');
		const wanted = userData === undefined ? undefined : identities(userData);
		const guids: string[] = [];
		for (const ticket of this.tickets.values()) {
			if (ticket.hiddenUntilRefresh) continue;
			const dn = (ticket.ObjectDN ?? ticket.Blocking).toLowerCase();
			if (object !== undefined && dn !== object) continue;
			if (wanted !== undefined && !identities(ticket.UserData ?? '').some((identity) => wanted.includes(identity))) continue;
			guids.push(ticket.GUID);
		}
		sendJson(res, 200, { GUIDs: guids, Result: 1 });
	}

	private status(body: Record<string, unknown>, res: ServerResponse): void {
		const { ticket, result } = this.resultFor(body.GUID);
		if (!ticket) return sendJson(res, 200, { Result: result ?? 2, Status: null });
		sendJson(res, 200, { Result: 1, Status: ticket.Status });
	}

	private exists(body: Record<string, unknown>, res: ServerResponse): void {
		const { ticket, result } = this.resultFor(body.GUID);
		sendJson(res, 200, { Result: ticket ? 1 : (result ?? 2) });
	}

	/** Create: ObjectDN, WorkflowDN and at least one approver (else Result 5). */
	private create(body: Record<string, unknown>, res: ServerResponse): void {
		const fail = (code: number) => sendJson(res, 200, { GUID: null, Result: code });
		const objectDn = typeof body.ObjectDN === 'string' ? body.ObjectDN.trim() : '';
		const workflowDn = typeof body.WorkflowDN === 'string' ? body.WorkflowDN.trim() : '';
		// "A single identity or an array of identities" (TPP's Create reference); strings are refused.
		const approvers = body.Approvers === undefined ? [] : resolveApprovers(body.Approvers);
		if (approvers === undefined) return fail(5);
		if (objectDn === '' || workflowDn === '' || approvers.length === 0) return fail(5);
		if (body.Reason !== undefined && (typeof body.Reason !== 'number' || !Number.isInteger(body.Reason))) return fail(5);
		const magic = resultCodeOfDn(objectDn) ?? resultCodeOfDn(workflowDn);
		if (magic !== undefined) return fail(magic);
		const guid = this.addTicket({
			ApprovalFrom: approvers[0],
			ApprovalReason: typeof body.Reason === 'number' ? `Reason ${body.Reason}` : '',
			Approvers: approvers,
			Blocking: objectDn,
			ObjectDN: objectDn,
			IssuedDueTo: workflowDn,
			Reason: typeof body.Reason === 'number' ? body.Reason : undefined,
			UserData: typeof body.UserData === 'string' ? body.UserData : undefined,
			// TPP grants approvers their rights at creation: the caller's current token does not see
			// a ticket it approves until Permissions/Refresh.
			hiddenUntilRefresh: approvers.some((approver) => approver.toLowerCase() === SANDBOX_CALLER.toLowerCase()),
		});
		sendJson(res, 200, { GUID: guid, Result: 1 });
	}

	private deleteTicket(body: Record<string, unknown>, res: ServerResponse): void {
		const { ticket, result } = this.resultFor(body.GUID);
		if (!ticket) return sendJson(res, 200, { Result: result ?? 2 });
		this.tickets.delete(ticket.GUID.toLowerCase());
		sendJson(res, 200, { Result: 1 });
	}

	private updateStatus(body: Record<string, unknown>, res: ServerResponse): void {
		const { ticket, result } = this.resultFor(body.GUID);
		const fail = (code: number) => sendJson(res, 200, { Result: code });
		if (!ticket) return fail(result ?? 2);
		const status = body.Status;
		if (typeof status !== 'string' || !STATUSES.includes(status)) return fail(5);
		const start = typeof body.ScheduledStart === 'string' ? Date.parse(body.ScheduledStart) : Number.NaN;
		const stop = typeof body.ScheduledStop === 'string' ? Date.parse(body.ScheduledStop) : Number.NaN;
		if ((status === 'Approved After' || status === 'Approved Between') && Number.isNaN(start)) return fail(5);
		if (status === 'Approved Between' && (Number.isNaN(stop) || stop <= start)) return fail(5);
		const approvers = body.Approvers === undefined ? undefined : resolveApprovers(body.Approvers);
		if (body.Approvers !== undefined && (approvers === undefined || approvers.length === 0)) return fail(5);
		ticket.Status = status;
		ticket.Updated = Date.now();
		if (typeof body.Explanation === 'string') ticket.ApprovalExplanation = body.Explanation;
		if (approvers) ticket.Approvers = approvers;
		if (typeof body.UserData === 'string') ticket.UserData = body.UserData;
		if (typeof body.ObjectDN === 'string') ticket.ObjectDN = body.ObjectDN;
		if (typeof body.Reason === 'number') ticket.Reason = body.Reason;
		ticket.ScheduledStart = typeof body.ScheduledStart === 'string' ? body.ScheduledStart : undefined;
		ticket.ScheduledStop = typeof body.ScheduledStop === 'string' ? body.ScheduledStop : undefined;
		this.updates++;
		sendJson(res, 200, { Result: 1 });
	}
}

const KNOWN_WORK_TYPES = new Set(
	[
		'Certificate Provisioning Work',
		'Client Agent Automatic Upgrade Work',
		'Client Agent Configuration Work',
		'Client Agent Device Placement Work',
		'Client Agent SSH Discovery Work',
		'Client Agent SSH Key Usage Work',
		'Client Agent SSH Provisioning Work',
		'Client Certificate Work',
		'Client User Certificate Work',
	].map((type) => type.toLowerCase()),
);

function resultCodeOfDn(dn: string): number | undefined {
	const key = dn.toLowerCase();
	for (const [code, magic] of Object.entries(RESULT_CODE_DNS)) if (magic.toLowerCase() === key) return Number(code);
	return undefined;
}

function identities(list: string): string[] {
	return list
		.split(',')
		.map((entry) => entry.trim().toLowerCase())
		.filter((entry) => entry !== '');
}

/** On failure Details still answers HTTP 200; all other response values are null. */
function failure(res: ServerResponse, result: number): void {
	sendJson(res, 200, {
		ApprovalExplanation: null,
		ApprovalFrom: null,
		ApprovalReason: null,
		Approvers: null,
		Blocking: null,
		Created: null,
		IssuedDueTo: null,
		Result: result,
		Status: null,
		Updated: null,
	});
}

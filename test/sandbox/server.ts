import type { AddressInfo } from 'node:net';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';

import type { RecordedRequest, SandboxRequest } from './http';
import { bearerToken, readRequest, sendJson, sleep } from './http';
import { FaultInjector, type FaultRates } from './faults';
import { IscSandbox, type IscOptions } from './isc';
import { AccessRequestApprovalsSandbox } from './iscAccessRequestApprovals';
import { IscAuthority, type IscAuthOptions } from './iscAuth';
import { CertificationsSandbox } from './iscCertifications';
import { GenericApprovalsSandbox } from './iscGenericApprovals';
import { NonEmployeeApprovalsSandbox } from './iscNonEmployeeApprovals';
import { TriggerServiceSandbox, type TriggerServiceOptions } from './iscTriggers';
import { TppSandbox, type TppOptions } from './tpp';
import { TppAuthority, type TppAuthOptions } from './tppAuth';

/**
 * One local HTTP server (127.0.0.1, a free port) emulating the vendor APIs the nodes call.
 * Tests, the demo and `npm run sandbox` start it; nothing here talks to the internet.
 */

export interface CannedResponse {
	status: number;
	body?: unknown;
	/** Sent as is (no JSON encoding) when set, e.g. an HTML error page. */
	rawBody?: string;
	headers?: Record<string, string>;
	/** Close the connection without answering. */
	drop?: boolean;
}

export interface SandboxOptions {
	port?: number;
	host?: string;
	tpp?: TppOptions;
	tppAuth?: TppAuthOptions;
	/** Faults injected into the vendor APIs (not into sign-in). */
	faults?: FaultRates;
	isc?: IscOptions;
	iscAuth?: IscAuthOptions;
	/** ISC's event trigger service (sync answer timeout). */
	triggers?: TriggerServiceOptions;
	/** Added before every answer. */
	latencyMs?: number;
	/** Enforce a per-token limit on the vendor APIs, as ISC does (100 per 10 s there). */
	rateLimit?: { requests: number; windowMs: number };
	/** Serve HTTPS with this key and certificate (PEM), e.g. a self-signed pair. */
	tls?: { key: string; cert: string };
	/** Start as a plain web site (see Sandbox.webSite). */
	webSite?: boolean;
}

/** What a web server that is not the vendor API answers on every path. */
export const WEB_PAGE = '<!DOCTYPE html>\n<html lang="en"><head><title>Sign in</title></head><body><h1>Sign in</h1><form method="post" action="/login"></form></body></html>\n';

export class Sandbox {
	readonly tpp: TppSandbox;
	readonly tppAuth: TppAuthority;
	faults?: FaultInjector;
	readonly isc: IscSandbox;
	readonly iscAuth: IscAuthority;
	/** ISC's access request approvals, sharing the ISC sandbox's tokens and faults. */
	readonly accessRequestApprovals: AccessRequestApprovalsSandbox;
	/** ISC's generic approvals (/generic-approvals/v1), sharing the same tokens and faults. */
	readonly genericApprovals: GenericApprovalsSandbox;
	/** ISC's certifications (/certifications/v1, /certification-tasks/v1), same tokens and faults. */
	readonly certifications: CertificationsSandbox;
	/** ISC's non-employee approvals (/non-employee-approvals/v1), same tokens and faults. */
	readonly nonEmployeeApprovals: NonEmployeeApprovalsSandbox;
	/** ISC's event triggers: subscriptions, filters, invocations delivered to the subscribers. */
	readonly triggers: TriggerServiceSandbox;
	readonly requests: RecordedRequest[] = [];
	latencyMs: number;
	rateLimit?: { requests: number; windowMs: number };
	/** 429s sent because a token went over `rateLimit`. */
	rateLimited = 0;
	private readonly windows = new Map<string, number[]>();
	/** Most requests seen in progress at once since the last clearLog(). */
	maxInFlight = 0;
	private inFlight = 0;
	/** Answers queued by a test, taken in order before normal handling (matching a path prefix). */
	private readonly canned: Array<{ pathPrefix: string; response: CannedResponse }> = [];
	private server?: Server;
	url = '';
	/**
	 * Answer every path, sign-in included, with the same HTML page and 200, as an address that
	 * is a web site rather than the API does (ISC's UI address acme.identitynow.com instead of
	 * acme.api.identitynow.com, a TPP web server without WebSDK). Tests switch it on and off.
	 */
	webSite: boolean;

	constructor(private readonly options: SandboxOptions = {}) {
		this.tpp = new TppSandbox(options.tpp);
		this.tppAuth = new TppAuthority(this.tpp.tokens, options.tppAuth, this.tpp.tokenScopes);
		if (options.faults) this.faults = new FaultInjector(options.faults);
		this.isc = new IscSandbox(options.isc);
		this.iscAuth = new IscAuthority(this.isc, options.iscAuth);
		this.accessRequestApprovals = new AccessRequestApprovalsSandbox(this.isc);
		this.genericApprovals = new GenericApprovalsSandbox(this.isc);
		this.certifications = new CertificationsSandbox(this.isc);
		this.nonEmployeeApprovals = new NonEmployeeApprovalsSandbox(this.isc);
		this.triggers = new TriggerServiceSandbox(this.isc, options.triggers);
		this.latencyMs = options.latencyMs ?? 0;
		this.rateLimit = options.rateLimit;
		this.webSite = options.webSite ?? false;
	}

	async start(): Promise<this> {
		const listener = (req: IncomingMessage, res: ServerResponse) => {
			this.inFlight++;
			this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
			res.once('close', () => this.inFlight--);
			readRequest(req)
				.then(async (request) => await this.route(request, res))
				.catch((error: unknown) => sendJson(res, 500, { error: 'sandbox_failure', error_description: String(error) }));
		};
		this.server = this.options.tls ? createTlsServer(this.options.tls, listener) : createServer(listener);
		this.server.keepAliveTimeout = 5_000;
		const host = this.options.host ?? '127.0.0.1';
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(this.options.port ?? 0, host, () => resolve());
		});
		const { port } = this.server.address() as AddressInfo;
		this.url = `${this.options.tls ? 'https' : 'http'}://${host}:${port}`;
		this.triggers.baseUrl = this.url;
		return this;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	/** Queues answers for the next requests whose path starts with the prefix. */
	queue(pathPrefix: string, ...responses: CannedResponse[]): void {
		for (const response of responses) this.canned.push({ pathPrefix: pathPrefix.toLowerCase(), response });
	}

	clearLog(): void {
		this.requests.length = 0;
		this.maxInFlight = 0;
		this.rateLimited = 0;
		this.windows.clear();
	}

	/** Sliding window per Authorization header: true when this request is one too many. */
	private overLimit(req: SandboxRequest): boolean {
		const { requests, windowMs } = this.rateLimit!;
		const key = String(req.headers.authorization ?? '');
		const now = Date.now();
		const starts = (this.windows.get(key) ?? []).filter((start) => start > now - windowMs);
		this.windows.set(key, starts);
		if (starts.length >= requests) return true;
		starts.push(now);
		return false;
	}

	/** Answers with an injected fault when the draw says so; true when it did. */
	private async injectFault(req: SandboxRequest, res: ServerResponse): Promise<boolean> {
		const faults = this.faults!;
		const request = `${req.method} ${req.path}?${req.query.toString()} ${typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? '')}`;
		switch (faults.draw(request)) {
			case 'rateLimited':
				sendJson(res, 429, { message: ' Rate Limit Exceeded ' }, { 'Retry-After': String(faults.rates.retryAfterSeconds ?? 0) });
				return true;
			case 'unavailable':
				sendJson(res, 503, { error: 'service_unavailable', error_description: 'The server is temporarily unavailable.' });
				return true;
			case 'dropped':
				res.socket?.destroy();
				return true;
			case 'slow':
				await sleep(faults.rates.slowMs ?? 200);
				return false;
			default:
				return false;
		}
	}

	private async route(req: SandboxRequest, res: ServerResponse): Promise<void> {
		this.requests.push({
			method: req.method,
			path: req.path,
			query: req.query.toString(),
			authorization: typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined,
			body: req.body,
		});
		if (this.webSite) {
			res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
			res.end(WEB_PAGE);
			return;
		}
		// The limit counts requests as they arrive, before any simulated latency.
		const limited = this.rateLimit !== undefined && !this.tppAuth.handles(req.path) && !this.iscAuth.handles(req.path) && this.overLimit(req);
		if (this.latencyMs > 0) await sleep(this.latencyMs);
		if (limited) {
			this.rateLimited++;
			const retryAfter = Math.max(1, Math.ceil(this.rateLimit!.windowMs / 1000));
			sendJson(res, 429, { message: ' Rate Limit Exceeded ' }, { 'Retry-After': String(retryAfter) });
			return;
		}

		const cannedIndex = this.canned.findIndex((entry) => req.path.toLowerCase().startsWith(entry.pathPrefix));
		if (cannedIndex >= 0) {
			const [{ response }] = this.canned.splice(cannedIndex, 1);
			return answerCanned(res, response);
		}
		if (this.tppAuth.handles(req.path)) return this.tppAuth.handle(req, res);
		if (this.iscAuth.handles(req.path)) return this.iscAuth.handle(req, res);
		if (this.faults && (await this.injectFault(req, res))) return;
		const token = bearerToken(req);
		this.tppAuth.spend(token);
		this.iscAuth.spend(token);
		if (this.tpp.handles(req.path)) return this.tpp.handle(req, res);
		// Before the work items: /v3/access-request-approvals is under /v3 too.
		if (this.accessRequestApprovals.handles(req.path)) return this.accessRequestApprovals.handle(req, res);
		if (this.genericApprovals.handles(req.path)) return this.genericApprovals.handle(req, res);
		// Before the work items too: /v3/certifications.
		if (this.certifications.handles(req.path)) return this.certifications.handle(req, res);
		if (this.nonEmployeeApprovals.handles(req.path)) return this.nonEmployeeApprovals.handle(req, res);
		if (this.triggers.handles(req.path)) return this.triggers.handle(req, res);
		if (this.isc.handles(req.path)) return this.isc.handle(req, res);
		sendJson(res, 404, { error: 'not_found', error_description: `The sandbox has nothing at ${req.path}` });
	}
}

function answerCanned(res: ServerResponse, response: CannedResponse): void {
	if (response.drop) {
		res.socket?.destroy();
		return;
	}
	if (response.rawBody !== undefined) {
		res.writeHead(response.status, { 'Content-Type': 'text/html; charset=utf-8', ...response.headers });
		res.end(response.rawBody);
		return;
	}
	sendJson(res, response.status, response.body, response.headers);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return await new Sandbox(options).start();
}

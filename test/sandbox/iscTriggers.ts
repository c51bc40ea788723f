import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import type { SandboxRequest } from './http';
import { sendJson } from './http';
import type { Identity, IscSandbox } from './isc';
import { answerCollection, badRequest, forbidden, notFound, type Row } from './iscCollection';
import { JsonPathError, filterMatches, parseJsonPathFilter, validateJsonPathFilter } from './jsonPathFilter';

/**
 * ISC's event trigger service (sailpoint-oss/api-specs idn/apis/triggers, and SailPoint's
 * "Responding to Response Required Triggers" page):
 * - `GET /triggers/v1`: the triggers of the spec's "Available Event Triggers" table, with
 *   inputSchema, exampleInput and, for REQUEST_RESPONSE, outputSchema and exampleOutput.
 * - `/trigger-subscriptions/v1`: create (201, secrets nulled in every answer), list (filters
 *   `id eq`, `triggerId eq`, `type eq`), `PUT` and `DELETE /{id}` (204, 404 when unknown).
 *   HTTP subscriptions need `httpConfig.url` and `httpDispatchMode` (SYNC, ASYNC, DYNAMIC) and
 *   the auth config their `httpAuthenticationType` names; a REQUEST_RESPONSE trigger takes one
 *   subscription, a FIRE_AND_FORGET one 50; a filter must be valid JSONPath; responseDeadline is
 *   an ISO-8601 duration (default PT1H).
 * - `POST /trigger-subscriptions/v1/validate-filter`: `{isValid, isValidJSONPath, isPathExist}`.
 * - `POST /trigger-invocations/v1/test`: 200 with the invocations started (204 when the trigger
 *   has no subscriber); sends the example input (or the given one) to each subscriber, enabled or
 *   not, regardless of its filter.
 * - `POST /trigger-invocations/v1/{id}/complete` with `{secret, output}` (204); a wrong secret,
 *   a finished invocation or one past its deadline is a 400.
 * - `GET /trigger-invocations/v1/status`: what happened to each invocation.
 *
 * Delivery: each invocation is POSTed to the subscription's URL with its Basic or Bearer
 * Authorization. FIRE_AND_FORGET needs a 2xx. REQUEST_RESPONSE in SYNC mode needs a 200 whose
 * body is the trigger's output within the sync timeout (ISC: 10 s), or the invocation fails
 * without a decision; in ASYNC mode the payload carries `_metadata` (callbackURL, responseMode,
 * secret, triggerId, triggerType), a 200 acknowledges it and the complete call must come before
 * the subscription's responseDeadline; DYNAMIC takes a 200 with the output as SYNC and a 202 as
 * ASYNC. Outputs are checked against the trigger's output schema (the pre-approval needs
 * `approved`, `comment` and `approver`). Tests fire real events with `fire()`, wait for the
 * deliveries with `settled()` and read `invocations`; `expirePending()` passes every deadline.
 */

export type TriggerType = 'REQUEST_RESPONSE' | 'FIRE_AND_FORGET';

export interface TriggerDefinition {
	id: string;
	name: string;
	type: TriggerType;
	description: string;
	exampleInput: Record<string, unknown>;
	exampleOutput?: Record<string, unknown> | null;
}

const identityRef = (id: string, name: string) => ({ type: 'IDENTITY', id, name });
const requester = identityRef('2c91808568c529c60168cca6f90c1314', 'Rob Robertson');
const requestedFor = identityRef('2c91808568c529c60168cca6f90c1313', 'William Wilson');
const accessItem = {
	id: '2c91808b6ef1d43e016efba0ce470904',
	name: 'Engineering Access',
	description: 'Access to engineering database',
	type: 'ACCESS_PROFILE',
	operation: 'Add',
	comment: 'William needs this access to do his job.',
};
const source = { id: '2c9180835d191a86015d28455b4b232a', type: 'SOURCE', name: 'HR Active Directory' };

/** The spec's table of production triggers, with example inputs after its schemas. */
export const TRIGGERS: readonly TriggerDefinition[] = [
	{
		id: 'idn:access-request-dynamic-approver',
		name: 'Access Request Dynamic Approval',
		type: 'REQUEST_RESPONSE',
		description: 'After an access request is submitted. Expects the subscriber to respond with the ID of an identity or workgroup to add to the approval workflow.',
		exampleInput: { accessRequestId: '4b4d982dddff4267ab12f0f1e72b5a6d', requestedFor: [requestedFor], requestedItems: [accessItem], requestedBy: requester },
		exampleOutput: { id: '2c91808b6ef1d43e016efba0ce470906', name: 'Adam Adams', type: 'IDENTITY' },
	},
	{
		id: 'idn:access-request-post-approval',
		name: 'Access Request Decision',
		type: 'FIRE_AND_FORGET',
		description: 'After an access request is approved.',
		exampleInput: {
			accessRequestId: '2c91808b6ef1d43e016efba0ce470904',
			requestedFor: [requestedFor],
			requestedItemsStatus: [
				{
					...accessItem,
					clientMetadata: { applicationName: 'My application' },
					approvalInfo: [{ approvalComment: 'This access looks good.  Approved.', approvalDecision: 'APPROVED', approverName: 'Stephen.Austin', approver: identityRef('2c3780a46faadee4016fb4e018c20652', 'Allen Albertson') }],
				},
			],
			requestedBy: requester,
		},
	},
	{
		id: 'idn:access-request-pre-approval',
		name: 'Access Request Submitted',
		type: 'REQUEST_RESPONSE',
		description: 'After an access request is submitted. Expects the subscriber to respond with an approval decision.',
		exampleInput: { accessRequestId: '2c91808b6ef1d43e016efba0ce470904', requestedFor: [requestedFor], requestedItems: [accessItem], requestedBy: requester },
		exampleOutput: { approved: false, comment: 'This access should be denied, because this will cause an SOD violation.', approver: 'AcmeCorpExternalIntegration' },
	},
	{
		id: 'idn:account-aggregation-completed',
		name: 'Account Aggregation Completed',
		type: 'FIRE_AND_FORGET',
		description: 'After an account aggregation completed, terminated, failed.',
		exampleInput: { source, status: 'Success', started: '2020-06-29T22:01:50.474Z', completed: '2020-06-29T22:02:04.090Z', errors: [], warnings: [], stats: { scanned: 200, unchanged: 190, changed: 6, added: 4, removed: 3 } },
	},
	{
		id: 'idn:account-attributes-changed',
		name: 'Account Attributes Changed',
		type: 'FIRE_AND_FORGET',
		description: 'After an account aggregation, and one or more account attributes have changed.',
		exampleInput: { identity: identityRef('2c7180a46faadee4016fb4e018c20642', 'Michael Michaels'), source, account: { id: '52170a74-ca89-11ea-87d0-0242ac130003', uuid: '1cb1f07d-3e5a-4431-becd-234fa4306108', name: 'john.doe', nativeIdentity: 'cn=john.doe,ou=users,dc=acme,dc=com', type: 'ACCOUNT' }, changes: [{ attribute: 'sn', oldValue: 'doe', newValue: 'ryans' }] },
	},
	{
		id: 'idn:account-correlated',
		name: 'Account Correlated',
		type: 'FIRE_AND_FORGET',
		description: 'After an account is added to an identity.',
		exampleInput: { identity: identityRef('2c7180a46faadee4016fb4e018c20642', 'Michael Michaels'), source, account: { id: '98da47c31df444558c211f9b205184f6', name: 'Brian Mendoza', nativeIdentity: 'cn=john.doe,ou=users,dc=acme,dc=com', type: 'ACCOUNT' }, attributes: { sn: 'doe', givenName: 'john' }, entitlementCount: 0 },
	},
	{
		id: 'idn:campaign-activated',
		name: 'Campaign Activated',
		type: 'FIRE_AND_FORGET',
		description: 'After a campaign is activated.',
		exampleInput: { campaign: { id: '2c91808576f886190176f88cac5a0010', name: 'Manager Access Campaign', type: 'MANAGER', status: 'ACTIVE', created: '2021-02-16T03:04:45.815Z', deadline: '2021-03-16T03:04:45.815Z' } },
	},
	{
		id: 'idn:campaign-ended',
		name: 'Campaign Ended',
		type: 'FIRE_AND_FORGET',
		description: 'After a campaign ends.',
		exampleInput: { campaign: { id: '2c91808576f886190176f88cac5a0010', name: 'Manager Access Campaign', type: 'MANAGER', status: 'COMPLETED' } },
	},
	{
		id: 'idn:campaign-generated',
		name: 'Campaign Generated',
		type: 'FIRE_AND_FORGET',
		description: 'After a campaign finishes generating.',
		exampleInput: { campaign: { id: '2c91808576f886190176f88cac5a0010', name: 'Manager Access Campaign', type: 'MANAGER', status: 'STAGED' } },
	},
	{
		id: 'idn:certification-signed-off',
		name: 'Certification Signed Off',
		type: 'FIRE_AND_FORGET',
		description: 'After a certification is signed off by its reviewer.',
		exampleInput: { certification: { id: '2c91808576f886190176f88caf0d0067', name: 'Manager Access Review for Alice Baker', campaign: { id: '2c91808576f886190176f88cac5a0010', name: 'Manager Access Campaign', type: 'MANAGER' }, completed: true, decisionsMade: 20, decisionsTotal: 20 } },
	},
	{
		id: 'idn:identity-attributes-changed',
		name: 'Identity Attributes Changed',
		type: 'FIRE_AND_FORGET',
		description: 'After One or more identity attributes changed.',
		exampleInput: { identity: identityRef('2c7180a46faadee4016fb4e018c20642', 'Michael Michaels'), changes: [{ attribute: 'department', oldValue: 'sales', newValue: 'marketing' }] },
	},
	{
		id: 'idn:identity-created',
		name: 'Identity Created',
		type: 'FIRE_AND_FORGET',
		description: 'After an identity is created.',
		exampleInput: { identity: identityRef('2c7180a46faadee4016fb4e018c20642', 'Michael Michaels'), attributes: { firstname: 'John' } },
	},
	{
		id: 'idn:post-provisioning',
		name: 'Provisioning Action Completed',
		type: 'FIRE_AND_FORGET',
		description: 'After a provisioning action completed on a source.',
		exampleInput: { trackingNumber: '4b4d982dddff4267ab12f0f1e72b5a6d', sources: 'Corp AD, Corp LDAP, Corp Salesforce', action: 'IdentityRefresh', errors: [], warnings: [], recipient: identityRef('2c91808568c529c60168cca6f90c1313', 'William Wilson'), accountRequests: [] },
	},
	{
		id: 'idn:saved-search-complete',
		name: 'Scheduled Search',
		type: 'FIRE_AND_FORGET',
		description: 'After a scheduled search completed.',
		exampleInput: { fileName: 'Modified.zip', ownerEmail: 'test@sailpoint.com', ownerName: 'Cloud Support', query: 'modified:[now-7y/d TO now]', searchName: 'Modified Activity', searchResults: {}, signedS3Url: 'https://sptcbu-org-data-useast1.s3.amazonaws.com/arsenal-john/reports/Events%20Export.2020-05-06%2018%2759%20GMT.3e580592-86e4-4953-8aea-49e6ef20a086.zip' },
	},
	{
		id: 'idn:source-created',
		name: 'Source Created',
		type: 'FIRE_AND_FORGET',
		description: 'After a source is created.',
		exampleInput: { id: '2c9180866166b5b0016167c32ef31a66', name: 'Test source', type: 'DIRECT_CONNECT', created: '2021-03-29T22:01:50.474Z', connector: 'active-directory', actor: identityRef('2c7180a46faadee4016fb4e018c20648', 'William Wilson') },
	},
	{
		id: 'idn:source-deleted',
		name: 'Source Deleted',
		type: 'FIRE_AND_FORGET',
		description: 'After a source is deleted.',
		exampleInput: { id: '2c9180866166b5b0016167c32ef31a66', name: 'Test source', type: 'DIRECT_CONNECT', deleted: '2021-03-29T22:01:50.474Z', connector: 'active-directory', actor: identityRef('2c7180a46faadee4016fb4e018c20648', 'William Wilson') },
	},
	{
		id: 'idn:source-updated',
		name: 'Source Updated',
		type: 'FIRE_AND_FORGET',
		description: 'After configuration changes have been made to a source.',
		exampleInput: { id: '2c9180866166b5b0016167c32ef31a66', name: 'Corporate Active Directory', type: 'DIRECT_CONNECT', modified: '2021-03-29T22:01:50.474Z', connector: 'active-directory', actor: identityRef('2c7180a46faadee4016fb4e018c20648', 'William Wilson') },
	},
	{
		id: 'idn:va-cluster-status-change',
		name: 'VA Cluster Status Change',
		type: 'FIRE_AND_FORGET',
		description: 'After the status of a VA cluster has changed.',
		exampleInput: { created: '2020-06-29T22:01:50.474Z', type: 'SOURCE', application: { id: '2c9180866166b5b0016167c32ef31a66', name: 'Production VA Cluster', attributes: null }, healthCheckResult: { message: 'Test Connection failed', resultType: 'SOURCE_STATE_ERROR_CLUSTER', status: 'Failed' }, previousHealthCheckResult: { message: 'Test Connection succeeded', resultType: 'SOURCE_STATE_HEALTHY', status: 'Succeeded' } },
	},
];

export interface Subscription extends Row {
	id: string;
	name: string;
	description?: string;
	triggerId: string;
	triggerName: string;
	type: string;
	responseDeadline: string;
	httpConfig?: {
		url: string;
		httpDispatchMode: 'SYNC' | 'ASYNC' | 'DYNAMIC';
		httpAuthenticationType: 'NO_AUTH' | 'BASIC_AUTH' | 'BEARER_TOKEN';
		basicAuthConfig?: { userName: string; password: string | null } | null;
		bearerTokenAuthConfig?: { bearerToken: string | null } | null;
	};
	eventBridgeConfig?: Record<string, unknown>;
	enabled: boolean;
	filter?: string;
}

export type InvocationStatus = 'PENDING' | 'COMPLETED' | 'FAILED';

export interface Invocation {
	id: string;
	triggerId: string;
	subscriptionId: string;
	subscriptionName: string;
	secret: string;
	type: 'TEST' | 'REAL_TIME';
	input: Record<string, unknown>;
	contentJson: Record<string, unknown>;
	created: string;
	status: InvocationStatus;
	/** How the answer arrived: in the HTTP response (SYNC) or through the complete call. */
	answeredBy?: 'response' | 'complete';
	output?: unknown;
	error?: string;
	/** What the subscriber answered to the delivery. */
	delivery?: { status?: number; body?: unknown; authorization?: string; failure?: string };
	deadline?: number;
	completed?: string;
}

export interface TriggerServiceOptions {
	/** How long a SYNC answer may take (ISC: 10 s). */
	syncTimeoutMs?: number;
}

const SERVICE = /^\/(triggers|trigger-subscriptions|trigger-invocations)\/v1(\/.*)?$/i;

/** ISO-8601 durations as responseDeadline uses them (PT1H, PT30M, P1D...), in ms. */
export function durationMs(text: string): number | undefined {
	const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
	if (!match || text === 'P' || text.endsWith('T')) return undefined;
	const [, days, hours, minutes, seconds] = match;
	return ((Number(days ?? 0) * 24 + Number(hours ?? 0)) * 60 + Number(minutes ?? 0)) * 60_000 + Number(seconds ?? 0) * 1000;
}

export class TriggerServiceSandbox {
	subscriptions: Subscription[] = [];
	readonly invocations: Invocation[] = [];
	syncTimeoutMs: number;
	/** The sandbox's own address, for callback URLs (set by the server when it starts). */
	baseUrl = '';
	private readonly deliveries = new Set<Promise<void>>();

	constructor(
		private readonly isc: IscSandbox,
		options: TriggerServiceOptions = {},
	) {
		this.syncTimeoutMs = options.syncTimeoutMs ?? 10_000;
	}

	reset(): void {
		this.subscriptions = [];
		this.invocations.length = 0;
	}

	handles(path: string): boolean {
		return SERVICE.test(path);
	}

	handle(req: SandboxRequest, res: ServerResponse): void {
		const caller = this.isc.gate(req, res);
		if (!caller) return;
		const [, service, rest = ''] = SERVICE.exec(req.path) ?? [];
		if (!isAdmin(caller)) return forbidden(res);
		if (service === 'triggers' && rest === '' && req.method === 'GET') {
			return answerCollection(req, res, TRIGGERS.map(presentTrigger), { filters: { id: ['eq', 'ge', 'le'] }, sorters: ['id', 'name'] });
		}
		if (service === 'trigger-subscriptions') {
			if (rest === '' && req.method === 'GET') {
				return answerCollection(req, res, this.subscriptions, { filters: { id: ['eq'], triggerId: ['eq'], type: ['eq', 'le'] }, sorters: ['triggerId', 'triggerName'], present: presentSubscription });
			}
			if (rest === '' && req.method === 'POST') return this.create(req, res);
			if (rest === '/validate-filter' && req.method === 'POST') return this.validateFilter(req, res);
			const byId = /^\/([^/]+)$/.exec(rest);
			if (byId && req.method === 'DELETE') return this.remove(res, decodeURIComponent(byId[1]));
			if (byId && req.method === 'PUT') return this.replace(req, res, decodeURIComponent(byId[1]));
		}
		if (service === 'trigger-invocations') {
			if (rest === '/test' && req.method === 'POST') return this.test(req, res);
			if (rest === '/status' && req.method === 'GET') {
				return answerCollection(req, res, this.invocations.map(presentStatus), {});
			}
			const complete = /^\/([^/]+)\/complete$/.exec(rest);
			if (complete && req.method === 'POST') return this.complete(req, res, decodeURIComponent(complete[1]));
		}
		notFound(res);
	}

	/** Fires a real event: every enabled subscription of the trigger whose filter passes it. */
	fire(triggerId: string, input: Record<string, unknown>): Invocation[] {
		const started = this.subscriptions
			.filter((subscription) => subscription.triggerId === triggerId && subscription.enabled && filterMatches(subscription.filter, input))
			.map((subscription) => this.invoke(subscription, input, {}, 'REAL_TIME'));
		return started;
	}

	/** Resolves when every delivery started so far has its answer (or failed). */
	async settled(): Promise<void> {
		while (this.deliveries.size > 0) await Promise.all([...this.deliveries]);
	}

	/** Every invocation still waiting for its complete call passes its deadline now. */
	expirePending(): void {
		for (const invocation of this.invocations) if (invocation.status === 'PENDING') invocation.deadline = Date.now() - 1;
		for (const invocation of this.invocations) this.checkDeadline(invocation);
	}

	private checkDeadline(invocation: Invocation): void {
		if (invocation.status === 'PENDING' && invocation.deadline !== undefined && Date.now() > invocation.deadline) {
			invocation.status = 'FAILED';
			invocation.error = 'The invocation was not completed before the subscription deadline';
		}
	}

	private subscriptionFrom(body: unknown, res: ServerResponse, existing?: Subscription): Subscription | undefined {
		if (typeof body !== 'object' || body === null || Array.isArray(body)) return void badRequest(res, 'the request body must be a JSON object');
		const input = body as Record<string, unknown>;
		const triggerId = existing?.triggerId ?? input.triggerId;
		if (existing && input.triggerId !== undefined && input.triggerId !== existing.triggerId) return void badRequest(res, 'triggerId: is immutable');
		if (typeof input.name !== 'string' || input.name.trim() === '') return void badRequest(res, 'name: must not be blank');
		const trigger = TRIGGERS.find((entry) => entry.id === triggerId);
		if (!trigger) return void badRequest(res, `triggerId: trigger '${String(triggerId)}' does not exist`);
		if (input.type !== 'HTTP' && input.type !== 'EVENTBRIDGE') return void badRequest(res, `type: must be one of HTTP, EVENTBRIDGE`);
		const responseDeadline = input.responseDeadline ?? 'PT1H';
		if (typeof responseDeadline !== 'string' || durationMs(responseDeadline) === undefined) {
			return void badRequest(res, `responseDeadline: '${String(responseDeadline)}' is not an ISO-8601 duration`);
		}
		if (input.filter !== undefined && input.filter !== null) {
			if (typeof input.filter !== 'string') return void badRequest(res, 'filter: must be text');
			try {
				parseJsonPathFilter(input.filter);
			} catch (error) {
				if (error instanceof JsonPathError) return void badRequest(res, `filter: invalid JSONPath expression: ${error.message}`);
				throw error;
			}
		}
		const subscription: Subscription = {
			id: existing?.id ?? randomUUID(),
			name: input.name,
			...(typeof input.description === 'string' ? { description: input.description } : {}),
			triggerId: trigger.id,
			triggerName: trigger.name,
			type: input.type,
			responseDeadline,
			enabled: input.enabled !== false,
			...(typeof input.filter === 'string' && input.filter !== '' ? { filter: input.filter } : {}),
		};
		if (input.type === 'EVENTBRIDGE') {
			if (typeof input.eventBridgeConfig !== 'object' || input.eventBridgeConfig === null) return void badRequest(res, 'eventBridgeConfig: is required for EVENTBRIDGE subscriptions');
			subscription.eventBridgeConfig = input.eventBridgeConfig as Record<string, unknown>;
			return subscription;
		}
		const http = input.httpConfig as Record<string, unknown> | undefined;
		if (typeof http !== 'object' || http === null) return void badRequest(res, 'httpConfig: is required for HTTP subscriptions');
		if (typeof http.url !== 'string' || !/^https?:\/\/\S+$/.test(http.url)) return void badRequest(res, 'httpConfig.url: must be an http(s) URL');
		if (http.httpDispatchMode !== 'SYNC' && http.httpDispatchMode !== 'ASYNC' && http.httpDispatchMode !== 'DYNAMIC') {
			return void badRequest(res, 'httpConfig.httpDispatchMode: must be one of SYNC, ASYNC, DYNAMIC');
		}
		const authType = http.httpAuthenticationType ?? 'NO_AUTH';
		const config: Subscription['httpConfig'] = { url: http.url, httpDispatchMode: http.httpDispatchMode, httpAuthenticationType: 'NO_AUTH' };
		if (authType === 'BASIC_AUTH') {
			const basic = http.basicAuthConfig as Record<string, unknown> | undefined;
			if (typeof basic?.userName !== 'string' || typeof basic.password !== 'string' || basic.password === '') {
				return void badRequest(res, 'httpConfig.basicAuthConfig: userName and password are required for BASIC_AUTH');
			}
			config.httpAuthenticationType = 'BASIC_AUTH';
			config.basicAuthConfig = { userName: basic.userName, password: basic.password };
		} else if (authType === 'BEARER_TOKEN') {
			const bearer = http.bearerTokenAuthConfig as Record<string, unknown> | undefined;
			if (typeof bearer?.bearerToken !== 'string' || bearer.bearerToken === '') {
				return void badRequest(res, 'httpConfig.bearerTokenAuthConfig: bearerToken is required for BEARER_TOKEN');
			}
			config.httpAuthenticationType = 'BEARER_TOKEN';
			config.bearerTokenAuthConfig = { bearerToken: bearer.bearerToken };
		} else if (authType !== 'NO_AUTH') {
			return void badRequest(res, 'httpConfig.httpAuthenticationType: must be one of NO_AUTH, BASIC_AUTH, BEARER_TOKEN');
		}
		subscription.httpConfig = config;
		return subscription;
	}

	private create(req: SandboxRequest, res: ServerResponse): void {
		const subscription = this.subscriptionFrom(req.body, res);
		if (!subscription) return;
		const trigger = TRIGGERS.find((entry) => entry.id === subscription.triggerId)!;
		const taken = this.subscriptions.filter((entry) => entry.triggerId === trigger.id).length;
		if (trigger.type === 'REQUEST_RESPONSE' && taken >= 1) {
			return badRequest(res, `Trigger ${trigger.id} is a REQUEST_RESPONSE trigger and may only have one subscription`);
		}
		if (trigger.type === 'FIRE_AND_FORGET' && taken >= 50) return badRequest(res, `Trigger ${trigger.id} already has the maximum of 50 subscriptions`);
		this.subscriptions.push(subscription);
		sendJson(res, 201, presentSubscription(subscription));
	}

	private replace(req: SandboxRequest, res: ServerResponse, id: string): void {
		const index = this.subscriptions.findIndex((entry) => entry.id === id);
		if (index < 0) return notFound(res);
		const subscription = this.subscriptionFrom(req.body, res, this.subscriptions[index]);
		if (!subscription) return;
		this.subscriptions[index] = subscription;
		sendJson(res, 200, presentSubscription(subscription));
	}

	private remove(res: ServerResponse, id: string): void {
		const before = this.subscriptions.length;
		this.subscriptions = this.subscriptions.filter((entry) => entry.id !== id);
		if (this.subscriptions.length === before) return notFound(res);
		sendJson(res, 204);
	}

	private validateFilter(req: SandboxRequest, res: ServerResponse): void {
		const body = req.body as Record<string, unknown> | undefined;
		if (typeof body?.filter !== 'string') return badRequest(res, 'filter: is required');
		if (typeof body.input !== 'object' || body.input === null) return badRequest(res, 'input: is required');
		sendJson(res, 200, validateJsonPathFilter(body.filter, body.input));
	}

	private test(req: SandboxRequest, res: ServerResponse): void {
		const body = req.body as Record<string, unknown> | undefined;
		const trigger = TRIGGERS.find((entry) => entry.id === body?.triggerId);
		if (!body || !trigger) return badRequest(res, `triggerId: trigger '${String(body?.triggerId)}' does not exist`);
		if (typeof body.contentJson !== 'object' || body.contentJson === null) return badRequest(res, 'contentJson: is required');
		const only = body.subscriptionIds;
		if (only !== undefined && !Array.isArray(only)) return badRequest(res, 'subscriptionIds: must be a list');
		const input = (typeof body.input === 'object' && body.input !== null ? body.input : trigger.exampleInput) as Record<string, unknown>;
		const targets = this.subscriptions.filter((entry) => entry.triggerId === trigger.id && (only === undefined || only.includes(entry.id)));
		if (targets.length === 0) return sendJson(res, 204);
		const started = targets.map((subscription) => this.invoke(subscription, input, body.contentJson as Record<string, unknown>, 'TEST'));
		sendJson(res, 200, started.map(({ id, triggerId, secret, contentJson }) => ({ id, triggerId, secret, contentJson })));
	}

	private complete(req: SandboxRequest, res: ServerResponse, id: string): void {
		const invocation = this.invocations.find((entry) => entry.id === id);
		if (!invocation) return notFound(res);
		const body = req.body as Record<string, unknown> | undefined;
		if (typeof body?.secret !== 'string') return badRequest(res, 'secret: is required');
		if (!('output' in body)) return badRequest(res, 'output: is required');
		if (body.secret !== invocation.secret) return badRequest(res, 'secret: does not match the invocation');
		this.checkDeadline(invocation);
		if (invocation.status !== 'PENDING') return badRequest(res, `invocation ${id} is ${invocation.status === 'FAILED' ? 'failed' : 'already completed'}`);
		if (typeof body.error === 'string' && body.error !== '') {
			this.finish(invocation, 'FAILED', 'complete', body.output, body.error);
			return sendJson(res, 204);
		}
		const problem = outputProblem(invocation.triggerId, body.output);
		if (problem) return badRequest(res, `output: ${problem}`);
		this.finish(invocation, 'COMPLETED', 'complete', body.output);
		sendJson(res, 204);
	}

	private finish(invocation: Invocation, status: InvocationStatus, by: 'response' | 'complete', output?: unknown, error?: string): void {
		invocation.status = status;
		invocation.answeredBy = by;
		if (output !== undefined) invocation.output = output;
		if (error !== undefined) invocation.error = error;
		invocation.completed = new Date().toISOString();
	}

	private invoke(subscription: Subscription, input: Record<string, unknown>, contentJson: Record<string, unknown>, type: Invocation['type']): Invocation {
		const invocation: Invocation = {
			id: randomUUID(),
			triggerId: subscription.triggerId,
			subscriptionId: subscription.id,
			subscriptionName: subscription.name,
			secret: randomUUID(),
			type,
			input,
			contentJson,
			created: new Date().toISOString(),
			status: 'PENDING',
		};
		this.invocations.push(invocation);
		const delivery = this.deliver(subscription, invocation).finally(() => this.deliveries.delete(delivery));
		this.deliveries.add(delivery);
		return invocation;
	}

	private async deliver(subscription: Subscription, invocation: Invocation): Promise<void> {
		// After the answer that started it, as ISC does (delivery is asynchronous).
		await new Promise((resolve) => setImmediate(resolve));
		const http = subscription.httpConfig;
		if (!http) return this.finish(invocation, 'COMPLETED', 'response');
		const trigger = TRIGGERS.find((entry) => entry.id === invocation.triggerId)!;
		const requestResponse = trigger.type === 'REQUEST_RESPONSE';
		const mode = http.httpDispatchMode;
		const payload: Record<string, unknown> = { ...invocation.input };
		if (requestResponse && mode !== 'SYNC') {
			payload._metadata = {
				callbackURL: `${this.baseUrl}/trigger-invocations/v1/${invocation.id}/complete`,
				responseMode: mode === 'ASYNC' ? 'async' : 'dynamic',
				secret: invocation.secret,
				triggerId: invocation.triggerId,
				triggerType: 'requestResponse',
			};
		}
		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		if (http.httpAuthenticationType === 'BASIC_AUTH' && http.basicAuthConfig) {
			headers.Authorization = `Basic ${Buffer.from(`${http.basicAuthConfig.userName}:${http.basicAuthConfig.password ?? ''}`).toString('base64')}`;
		} else if (http.httpAuthenticationType === 'BEARER_TOKEN' && http.bearerTokenAuthConfig) {
			headers.Authorization = `Bearer ${http.bearerTokenAuthConfig.bearerToken ?? ''}`;
		}
		let status: number;
		let body: unknown;
		try {
			const response = await fetch(http.url, { method: 'POST', headers, body: JSON.stringify(payload), signal: AbortSignal.timeout(this.syncTimeoutMs) });
			status = response.status;
			const text = await response.text();
			try {
				body = text === '' ? undefined : JSON.parse(text);
			} catch {
				body = text;
			}
		} catch (error) {
			const failure = (error as Error).name === 'TimeoutError' ? `no answer within ${this.syncTimeoutMs} ms` : String((error as Error).message);
			invocation.delivery = { failure, authorization: headers.Authorization };
			return this.finish(invocation, 'FAILED', 'response', undefined, `Delivery failed: ${failure}`);
		}
		invocation.delivery = { status, body, authorization: headers.Authorization };
		if (status < 200 || status > 299) return this.finish(invocation, 'FAILED', 'response', undefined, `The subscriber answered HTTP ${status}`);
		if (!requestResponse) return this.finish(invocation, 'COMPLETED', 'response');
		if (mode === 'ASYNC' || (mode === 'DYNAMIC' && status === 202)) {
			invocation.deadline = Date.now() + durationMs(subscription.responseDeadline)!;
			return;
		}
		const problem = outputProblem(invocation.triggerId, body);
		if (problem) return this.finish(invocation, 'FAILED', 'response', body, `Invalid output: ${problem}`);
		this.finish(invocation, 'COMPLETED', 'response', body);
	}
}

function isAdmin(caller: Identity): boolean {
	return caller.admin;
}

/** What is wrong with a REQUEST_RESPONSE output, by the trigger's output schema. */
function outputProblem(triggerId: string, output: unknown): string | undefined {
	const record = typeof output === 'object' && output !== null && !Array.isArray(output) ? (output as Record<string, unknown>) : undefined;
	if (triggerId === 'idn:access-request-pre-approval') {
		if (!record) return 'must be an object with approved, comment and approver';
		if (typeof record.approved !== 'boolean') return 'approved must be true or false';
		if (typeof record.comment !== 'string') return 'comment must be text';
		if (typeof record.approver !== 'string') return 'approver must be text';
	}
	if (triggerId === 'idn:access-request-dynamic-approver') {
		if (output === null) return undefined;
		if (!record || typeof record.id !== 'string' || typeof record.name !== 'string') return 'must be null or an object with id, name and type';
		if (record.type !== 'IDENTITY' && record.type !== 'GOVERNANCE_GROUP') return 'type must be IDENTITY or GOVERNANCE_GROUP';
	}
	return undefined;
}

function presentTrigger(trigger: TriggerDefinition): Row {
	const { exampleOutput, ...rest } = trigger;
	return {
		...rest,
		inputSchema: JSON.stringify({ type: 'object', properties: Object.fromEntries(Object.keys(trigger.exampleInput).map((key) => [key, {}])) }),
		...(trigger.type === 'REQUEST_RESPONSE'
			? { outputSchema: JSON.stringify({ type: ['null', 'object'], properties: Object.fromEntries(Object.keys(exampleOutput ?? {}).map((key) => [key, {}])) }), exampleOutput: exampleOutput ?? null }
			: { outputSchema: null, exampleOutput: null }),
	};
}

/** As ISC answers with a subscription: the secrets set to null. */
function presentSubscription(row: Row): Row {
	const subscription = row as Subscription;
	if (!subscription.httpConfig) return { ...subscription };
	const http = { ...subscription.httpConfig };
	if (http.basicAuthConfig) http.basicAuthConfig = { ...http.basicAuthConfig, password: null };
	if (http.bearerTokenAuthConfig) http.bearerTokenAuthConfig = { bearerToken: null };
	return { ...subscription, httpConfig: http };
}

function presentStatus(invocation: Invocation): Row {
	return {
		id: invocation.id,
		triggerId: invocation.triggerId,
		subscriptionName: invocation.subscriptionName,
		subscriptionId: invocation.subscriptionId,
		type: invocation.type,
		created: invocation.created,
		completed: invocation.completed ?? null,
		startInvocationInput: { triggerId: invocation.triggerId, input: invocation.input, contentJson: invocation.contentJson },
		completeInvocationInput: invocation.status === 'PENDING' ? null : { localizedError: invocation.error ? { locale: 'en-US', message: invocation.error } : null, output: invocation.output ?? null },
	};
}

/** A fresh random secret, for tests that need one. */
export function randomSecret(): string {
	return randomBytes(24).toString('base64url');
}

import type {
	IDataObject,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { jsonParse, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { apiError } from '../../shared/errors';
import type { Connection } from '../../shared/transport/connection';
import { retrySettings } from '../../shared/transport/retry';
import {
	callIsAuthorized,
	callMatchesVerifier,
	callVerifier,
	createSubscription,
	deleteSubscription,
	DURATION,
	getTrigger,
	listSubscriptions,
	listTriggers,
	newCallSecret,
	quoted,
	subscriptionAuth,
	triggerOptions,
	validateFilter,
	type CallAuthentication,
	type IscSubscription,
	type IscTrigger,
	type TriggerType,
} from '../helpers/eventTriggers';
import { iscConnection } from '../transport';

/**
 * Starts a workflow when ISC sends an event. Activation subscribes the workflow's webhook URL
 * to the chosen trigger (`/trigger-subscriptions/v1`) with a random secret that ISC sends with
 * every call (Bearer or Basic) and n8n checks; deactivation deletes the subscription. The
 * secret goes to ISC only: the workflow's static data keeps the subscription's ID and a one-way
 * fingerprint of the secret (enough to check a call, useless to make one), so a restart reuses
 * the subscription, one deleted in ISC is created again and a changed setting replaces it.
 *
 * Events that need an answer (REQUEST_RESPONSE, e.g. access request pre-approval) are answered
 * as Respond says: at once with a fixed answer, with the workflow's last node (ISC waits at
 * most 10 s for it), or later through SailPoint Approvals' Complete Invocation (ISC waits until
 * the subscription's deadline).
 */

type Respond = 'lastNode' | 'fixedAnswer' | 'completeInvocation';

/** What is kept in the workflow's static data about the subscription. */
interface StoredSubscription {
	id: string;
	triggerId: string;
	triggerType: TriggerType;
	url: string;
	filter: string;
	dispatchMode: 'SYNC' | 'ASYNC';
	responseDeadline: string;
	authentication: CallAuthentication;
	/** The fingerprint of the Authorization header ISC sends (callVerifier). */
	verifier?: string;
	/** The secret itself, as versions before the fingerprint stored it: replaced on activation. */
	secret?: string;
}

interface Wanted {
	trigger: IscTrigger;
	url: string;
	filter: string;
	dispatchMode: 'SYNC' | 'ASYNC';
	responseDeadline: string;
	authentication: CallAuthentication;
}

const STATE_KEY = 'subscription';

/** Declared apart so that the description type of older n8n-workflow versions accepts it. */
const SENSITIVE_OUTPUT = { sensitiveOutputFields: ['invocation.secret'] };

const DEFAULT_FIXED_ANSWER = JSON.stringify(
	{ approved: true, comment: 'No objection from n8n', approver: 'n8n' },
	null,
	2,
);

export class SailPointEventTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SailPoint Event Trigger',
		name: 'sailPointEventTrigger',
		icon: {
			light: 'file:../../../icons/sailpoint.svg',
			dark: 'file:../../../icons/sailpoint.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when SailPoint Identity Security Cloud sends an event (access request submitted, identity created, ...), and answers events that need a decision',
		defaults: { name: 'SailPoint Event Trigger' },
		// The trigger panel's own texts: n8n 2.8.4 shows the header and the help before
		// listening, and its fixed "Go to SailPoint Event and create an event" while listening, so
		// the ISC steps are in the header's help; eventTriggerDescription and activationMessage
		// are what other n8n versions and screens show.
		triggerPanel: {
			header: 'Send a test event from SailPoint ISC',
			executionsHelp: {
				inactive:
					'Press <b>Execute step</b>: n8n listens and this node subscribes its Test URL in SailPoint ISC. Then, in ISC, open <b>Admin → Event Triggers → Subscriptions</b>, choose the n8n subscription of this trigger and click <b>Test Subscription</b>: ISC sends the event’s example data here. Once the workflow is published, ISC sends each real event to the Production URL.',
				active:
					'The workflow is published and subscribed in SailPoint ISC: each event of the chosen trigger starts it. To test, use <b>Test Subscription</b> in ISC (Admin → Event Triggers → Subscriptions).',
			},
		},
		eventTriggerDescription:
			'Listening: this node has subscribed its Test URL in SailPoint ISC. Now send a test event: in ISC open Admin → Event Triggers → Subscriptions, choose the n8n subscription of this trigger and click Test Subscription. ISC sends the event’s example data here.',
		activationMessage:
			'The workflow is subscribed in SailPoint ISC: each event of the chosen trigger now starts it. Deactivating the workflow removes the subscription.',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sailPointIscApi', required: true }],
		// The invocation secret of an event answered later is credential-equivalent: n8n versions
		// that know sensitiveOutputFields redact it where they show stored executions; older
		// versions ignore the property.
		...SENSITIVE_OUTPUT,
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: '={{ $parameter["respond"] === "lastNode" ? "lastNode" : "onReceived" }}',
				responseData: 'firstEntryJson',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					"ISC must be able to reach this workflow's Production URL (above) over HTTPS: n8n's WEBHOOK_URL must be a public address. Activating the workflow subscribes it in ISC; deactivating it unsubscribes.",
				name: 'reachNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event Name or ID',
				name: 'event',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getEvents' },
				default: '',
				required: true,
				description:
					'The ISC event trigger to subscribe to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Filter',
				name: 'filter',
				type: 'string',
				default: '',
				placeholder: '$[?($.requestedItems[?(@.type == "ROLE")])]',
				description:
					"Optional JSONPath filter: ISC sends only the events it matches. Checked with ISC's validate-filter against the trigger's example event on activation.",
			},
			{
				displayName: 'Call Authentication',
				name: 'callAuthentication',
				type: 'options',
				default: 'bearerToken',
				options: [
					{
						name: 'Bearer Token',
						value: 'bearerToken',
						description: 'ISC sends the secret as a bearer token in the Authorization header',
					},
					{
						name: 'Basic Auth',
						value: 'basicAuth',
						description: 'ISC sends user "n8n" and the secret as password',
					},
				],
				description:
					'How ISC proves its calls come from ISC. The secret is generated on activation and given to ISC only (the workflow keeps a one-way fingerprint of it); a call without it gets 401 and starts nothing. Deactivating and activating the workflow replaces the subscription and its secret.',
			},
			{
				displayName: 'Respond',
				name: 'respond',
				type: 'options',
				default: 'lastNode',
				options: [
					{
						name: 'When Last Node Finishes',
						value: 'lastNode',
						description:
							'Answer with the first item of the last node that runs. ISC waits 10 seconds at most; a later answer is lost and the invocation fails.',
					},
					{
						name: 'Immediately With a Fixed Answer',
						value: 'fixedAnswer',
						description: 'Answer at once with the Fixed Answer; the workflow runs afterwards',
					},
					{
						name: 'Later With Complete Invocation',
						value: 'completeInvocation',
						description:
							'Acknowledge at once; the workflow answers with SailPoint Approvals → Complete Invocation before the Response Deadline',
					},
				],
				description:
					'How events that need an answer (access request pre-approval, dynamic approver) are answered. Other events are acknowledged at once whatever this says.',
			},
			{
				displayName: 'Fixed Answer',
				name: 'fixedAnswer',
				type: 'json',
				default: DEFAULT_FIXED_ANSWER,
				displayOptions: { show: { respond: ['fixedAnswer'] } },
				description:
					"The answer ISC gets, in the shape the trigger's output schema gives: approved, comment and approver for a pre-approval; the identity or governance group to add for a dynamic approver",
			},
			{
				displayName: 'Response Deadline',
				name: 'responseDeadline',
				type: 'string',
				default: 'PT1H',
				displayOptions: { show: { respond: ['completeInvocation'] } },
				description:
					'How long ISC waits for Complete Invocation, as an ISO-8601 duration (PT1H, PT30M, P1D). Past it ISC fails the invocation; a pre-approval then fails the access request.',
			},
		],
	};

	methods = {
		loadOptions: {
			async getEvents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return triggerOptions(await listTriggers(connect(this)));
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const connection = connect(this);
				const wanted = await wantedSubscription(this, connection);
				const state = this.getWorkflowStaticData('node');
				const stored = state[STATE_KEY] as StoredSubscription | undefined;
				if (stored) {
					const [found] = await listSubscriptions(connection, `id eq ${quoted(stored.id)}`);
					if (found && sameSubscription(found, stored, wanted)) return true;
					if (found) await deleteSubscription(connection, found.id);
					delete state[STATE_KEY];
				}
				// A subscription to this URL whose secret n8n no longer has cannot be reused.
				for (const other of await listSubscriptions(
					connection,
					`triggerId eq ${quoted(wanted.trigger.id)}`,
				)) {
					if (other.httpConfig?.url === wanted.url) await deleteSubscription(connection, other.id);
				}
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const connection = connect(this);
				const wanted = await wantedSubscription(this, connection);
				if (wanted.filter !== '') await checkFilter(this, connection, wanted);
				const secret = newCallSecret();
				const body: IDataObject = {
					name: `n8n: ${this.getWorkflow().name ?? this.getWorkflow().id ?? 'workflow'}`.slice(
						0,
						128,
					),
					description: `n8n workflow ${this.getWorkflow().id ?? ''} (${this.getNode().name})`,
					triggerId: wanted.trigger.id,
					type: 'HTTP',
					enabled: true,
					httpConfig: {
						url: wanted.url,
						httpDispatchMode: wanted.dispatchMode,
						...subscriptionAuth(wanted.authentication, secret),
					},
					...(wanted.filter === '' ? {} : { filter: wanted.filter }),
					...(wanted.dispatchMode === 'ASYNC' ? { responseDeadline: wanted.responseDeadline } : {}),
				};
				let created: IscSubscription;
				try {
					created = await createSubscription(connection, body);
				} catch (error) {
					throw await explainTaken(connection, wanted, error);
				}
				// Only the fingerprint is kept: whoever can read the workflow cannot call as ISC.
				const stored: StoredSubscription = {
					id: created.id,
					triggerId: wanted.trigger.id,
					triggerType: wanted.trigger.type,
					url: wanted.url,
					filter: wanted.filter,
					dispatchMode: wanted.dispatchMode,
					responseDeadline: wanted.responseDeadline,
					authentication: wanted.authentication,
					verifier: callVerifier(wanted.authentication, secret),
				};
				this.getWorkflowStaticData('node')[STATE_KEY] = stored as unknown as IDataObject;
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node');
				const stored = state[STATE_KEY] as StoredSubscription | undefined;
				if (stored) await deleteSubscription(connect(this), stored.id);
				delete state[STATE_KEY];
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const stored = this.getWorkflowStaticData('node')[STATE_KEY] as StoredSubscription | undefined;
		const response = this.getResponseObject();
		// What the subscription was created with (an edit takes effect when the workflow is published).
		const authentication: CallAuthentication = stored?.authentication ?? 'bearerToken';
		const header = this.getHeaderData().authorization;
		if (!stored || !callIsFromIsc(header, stored)) {
			response.writeHead(401, {
				'Content-Type': 'application/json',
				'WWW-Authenticate': authentication === 'basicAuth' ? 'Basic realm="n8n"' : 'Bearer',
			});
			response.end(JSON.stringify({ message: 'Authorization is missing or wrong' }));
			return { noWebhookResponse: true };
		}
		const body = this.getBodyData();
		const item = eventItem(body, stored.dispatchMode === 'ASYNC');
		const respond = this.getNodeParameter('respond', 'lastNode') as Respond;
		const needsAnswer = stored.triggerType === 'REQUEST_RESPONSE';
		if (needsAnswer && respond === 'lastNode') return { workflowData: [[item]] };
		const answer = needsAnswer && respond === 'fixedAnswer' ? fixedAnswer(this) : {};
		const text = JSON.stringify(answer);
		response.writeHead(200, { 'Content-Type': 'application/json' });
		response.end(text);
		return { noWebhookResponse: true, workflowData: [[item]] };
	}
}

function connect(context: IHookFunctions | ILoadOptionsFunctions): Connection {
	return iscConnection(context, { idempotent: true, retry: retrySettings() });
}

/**
 * Whether the call carries the subscription's secret. A subscription stored by an earlier
 * version holds the secret itself; it is accepted until the next activation replaces it.
 */
function callIsFromIsc(header: unknown, stored: StoredSubscription): boolean {
	if (typeof stored.verifier === 'string' && stored.verifier !== '') {
		return callMatchesVerifier(header, stored.verifier);
	}
	return callIsAuthorized(header, stored.authentication ?? 'bearerToken', stored.secret);
}

/**
 * The event as ISC sent it. For an event answered later (ASYNC), ISC's `_metadata` becomes
 * `invocation`, with the secret Complete Invocation needs; other events need no invocation, so
 * their items carry none (and no secret).
 */
function eventItem(body: IDataObject, answeredLater: boolean): { json: IDataObject } {
	const { _metadata: metadata, ...event } = body;
	if (!answeredLater || typeof metadata !== 'object' || metadata === null) return { json: event };
	const meta = metadata as IDataObject;
	const callbackURL = typeof meta.callbackURL === 'string' ? meta.callbackURL : undefined;
	const id = callbackURL
		? /\/trigger-invocations\/(?:v\d+\/)?([^/]+)\/complete/.exec(callbackURL)?.[1]
		: undefined;
	return {
		json: {
			...event,
			invocation: {
				id: id === undefined ? null : decodeURIComponent(id),
				secret: meta.secret ?? null,
				triggerId: meta.triggerId ?? null,
				responseMode: meta.responseMode ?? null,
				callbackURL: callbackURL ?? null,
			},
		},
	};
}

function fixedAnswer(context: IWebhookFunctions): IDataObject {
	const raw = context.getNodeParameter('fixedAnswer', DEFAULT_FIXED_ANSWER) as unknown;
	const value =
		typeof raw === 'string' ? jsonParse<unknown>(raw, { fallbackValue: undefined }) : raw;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new NodeOperationError(
			context.getNode(),
			'The "Fixed Answer" parameter must be a JSON object',
		);
	}
	return value as IDataObject;
}

async function wantedSubscription(
	context: IHookFunctions,
	connection: Connection,
): Promise<Wanted> {
	const node = context.getNode();
	const triggerId = String(context.getNodeParameter('event', '')).trim();
	if (triggerId === '') {
		throw new NodeOperationError(
			node,
			'The "Event" parameter is required: choose the ISC event to listen for',
		);
	}
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(node, 'n8n gave this trigger no webhook URL');
	const respond = context.getNodeParameter('respond', 'lastNode') as Respond;
	const responseDeadline = String(context.getNodeParameter('responseDeadline', 'PT1H')).trim();
	if (respond === 'completeInvocation' && !DURATION.test(responseDeadline)) {
		throw new NodeOperationError(
			node,
			`The "Response Deadline" parameter must be an ISO-8601 duration such as PT1H or PT30M, but it is "${responseDeadline}"`,
		);
	}
	if (respond === 'fixedAnswer') {
		const raw = context.getNodeParameter('fixedAnswer', DEFAULT_FIXED_ANSWER) as unknown;
		const value =
			typeof raw === 'string' ? jsonParse<unknown>(raw, { fallbackValue: undefined }) : raw;
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			throw new NodeOperationError(node, 'The "Fixed Answer" parameter must be a JSON object');
		}
	}
	const trigger = await getTrigger(connection, triggerId);
	const dispatchMode =
		trigger.type === 'REQUEST_RESPONSE' && respond === 'completeInvocation' ? 'ASYNC' : 'SYNC';
	return {
		trigger,
		url,
		filter: String(context.getNodeParameter('filter', '')).trim(),
		dispatchMode,
		responseDeadline: dispatchMode === 'ASYNC' ? responseDeadline : 'PT1H',
		authentication: context.getNodeParameter(
			'callAuthentication',
			'bearerToken',
		) as CallAuthentication,
	};
}

function sameSubscription(
	found: IscSubscription,
	stored: StoredSubscription,
	wanted: Wanted,
): boolean {
	return (
		found.triggerId === wanted.trigger.id &&
		found.httpConfig?.url === wanted.url &&
		(found.filter ?? '') === wanted.filter &&
		found.httpConfig?.httpDispatchMode === wanted.dispatchMode &&
		stored.authentication === wanted.authentication &&
		stored.triggerType === wanted.trigger.type &&
		(wanted.dispatchMode === 'SYNC' || found.responseDeadline === wanted.responseDeadline) &&
		// One stored with the secret itself (earlier versions) is replaced: that secret was
		// readable by anyone who could read the workflow.
		typeof stored.verifier === 'string' &&
		stored.verifier !== ''
	);
}

async function checkFilter(
	context: IHookFunctions,
	connection: Connection,
	wanted: Wanted,
): Promise<void> {
	// Only the syntax decides: a path the example event lacks (a tenant's own identity
	// attribute, say) may well exist in real events.
	const verdict = await validateFilter(connection, wanted.filter, wanted.trigger.exampleInput);
	if (!verdict.isValidJSONPath) {
		throw new NodeOperationError(
			context.getNode(),
			`The "Filter" parameter is not a JSONPath expression ISC accepts: ${wanted.filter}`,
			{
				description:
					'ISC filters are JSONPath, e.g. $[?($.requestedItems[?(@.type == "ROLE")])] or $[?($.identity.name == "John")]. See SailPoint\'s "Filtering events" page.',
			},
		);
	}
}

/** ISC allows one subscription to a REQUEST_RESPONSE trigger: say which one holds it. */
async function explainTaken(
	connection: Connection,
	wanted: Wanted,
	error: unknown,
): Promise<unknown> {
	if (wanted.trigger.type !== 'REQUEST_RESPONSE') return error;
	const holders = await listSubscriptions(
		connection,
		`triggerId eq ${quoted(wanted.trigger.id)}`,
	).catch(() => [] as IscSubscription[]);
	if (holders.length === 0) return error;
	const { secrets } = await connection.settings();
	return apiError(connection.context.getNode(), {
		message: `SailPoint ISC allows one subscription to ${wanted.trigger.id}, and "${holders[0].name}" (${holders[0].id}) has it`,
		description:
			'Deactivate the workflow that holds it, or delete that subscription in ISC (Admin → Event Triggers → Subscriptions). "Listen for test event" needs it free too, because the test URL is a second subscriber.',
		secrets,
	});
}

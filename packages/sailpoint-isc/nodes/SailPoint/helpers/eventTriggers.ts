import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { apiError, summarizeBody } from '../../shared/errors';
import type { Connection } from '../../shared/transport/connection';
import { iscList, iscObject, readIscObject, sendIscRequest } from '../transport';

/**
 * ISC's event trigger service (idn/apis/triggers): the triggers a tenant offers, HTTP
 * subscriptions that make ISC POST each event to a URL, and the secret n8n gives ISC so that
 * only ISC's calls start the workflow.
 */

export type TriggerType = 'REQUEST_RESPONSE' | 'FIRE_AND_FORGET';

export interface IscTrigger {
	id: string;
	name: string;
	type: TriggerType;
	description?: string;
	exampleInput?: unknown;
}

/**
 * The triggers people look for, by the words they use ("pre-approval", "account created").
 * Anything else ISC lists shows under its own name.
 */
const PLAIN_TRIGGER_NAMES: Record<string, string> = {
	'idn:access-request-pre-approval': 'Access Request Submitted (Pre-Approval, Answer Required)',
	'idn:access-request-dynamic-approver': 'Access Request Dynamic Approver (Answer Required)',
	'idn:access-request-post-approval': 'Access Request Decided (Post-Approval)',
	'idn:identity-created': 'Identity Created',
	'idn:identity-attributes-changed': 'Identity Attributes Changed',
	'idn:identity-deleted': 'Identity Deleted',
	'idn:account-created': 'Account Created',
	'idn:source-account-created': 'Account Created on Source',
	'idn:account-correlated': 'Account Correlated',
	'idn:account-attributes-changed': 'Account Attributes Changed',
	'idn:account-aggregation-completed': 'Account Aggregation Completed',
	'idn:campaign-activated': 'Certification Campaign Activated',
	'idn:campaign-generated': 'Certification Campaign Generated',
	'idn:campaign-ended': 'Certification Campaign Ended',
	'idn:certification-signed-off': 'Certification Signed Off',
	'idn:post-provisioning': 'Provisioning Completed',
	'idn:saved-search-complete': 'Scheduled Search Completed',
	'idn:source-created': 'Source Created',
	'idn:source-updated': 'Source Updated',
	'idn:source-deleted': 'Source Deleted',
	'idn:va-cluster-status-change': 'VA Cluster Status Changed',
};

/** The plain names first (in the order above), then the rest by name. */
export function triggerOptions(triggers: IscTrigger[]): INodePropertyOptions[] {
	const plainOrder = Object.keys(PLAIN_TRIGGER_NAMES);
	const rank = (id: string) => {
		const index = plainOrder.indexOf(id);
		return index < 0 ? plainOrder.length : index;
	};
	return [...triggers]
		.sort((a, b) => rank(a.id) - rank(b.id) || a.name.localeCompare(b.name))
		.map((trigger) => ({
			name: PLAIN_TRIGGER_NAMES[trigger.id] ?? trigger.name,
			value: trigger.id,
			description: `${trigger.id} (${trigger.type === 'REQUEST_RESPONSE' ? 'ISC waits for an answer' : 'no answer'})${trigger.description ? `: ${trigger.description}` : ''}`,
		}));
}

export async function listTriggers(connection: Connection): Promise<IscTrigger[]> {
	const request = {
		method: 'GET' as const,
		endpoint: 'triggers',
		qs: { limit: 250 },
		itemIndex: 0,
		forbiddenHint: SUBSCRIPTION_RIGHTS,
	};
	const rows = await iscList(connection, request);
	return rows.filter(isTrigger);
}

/** One trigger by ID; a clear error when the tenant has none by that ID. */
export async function getTrigger(connection: Connection, triggerId: string): Promise<IscTrigger> {
	const request = {
		method: 'GET' as const,
		endpoint: 'triggers',
		qs: { filters: `id eq ${quoted(triggerId)}` },
		itemIndex: 0,
		forbiddenHint: SUBSCRIPTION_RIGHTS,
	};
	const rows = await iscList(connection, request);
	const found = rows.filter(isTrigger).find((row) => row.id === triggerId);
	if (found) return found;
	const { secrets } = await connection.settings();
	throw apiError(connection.context.getNode(), {
		message: `SailPoint ISC has no event trigger "${triggerId}" in this tenant`,
		description:
			'Choose the Event from the list. Early-access triggers must be enabled for the tenant by SailPoint first.',
		secrets,
	});
}

function isTrigger(row: IDataObject): row is IDataObject & IscTrigger {
	return typeof row.id === 'string' && typeof row.name === 'string' && typeof row.type === 'string';
}

const SUBSCRIPTION_RIGHTS =
	'Event trigger subscriptions need an ORG_ADMIN token with the scopes sp:trigger-service-subscriptions:read and sp:trigger-service-subscriptions:manage.';

/** What ISC says about a filter for the trigger's example input (validate-filter). */
export async function validateFilter(
	connection: Connection,
	filter: string,
	input: unknown,
): Promise<{ isValid: boolean; isValidJSONPath: boolean; isPathExist: boolean }> {
	const request = {
		method: 'POST' as const,
		endpoint: 'trigger-subscriptions/validate-filter',
		body: {
			filter,
			input: (typeof input === 'object' && input !== null ? input : {}) as IDataObject,
		},
		itemIndex: 0,
		forbiddenHint: SUBSCRIPTION_RIGHTS,
	};
	const answer = await iscObject(connection, request);
	return {
		isValid: answer?.isValid === true,
		isValidJSONPath: answer?.isValidJSONPath === true,
		isPathExist: answer?.isPathExist === true,
	};
}

export interface IscSubscription extends IDataObject {
	id: string;
	triggerId: string;
	name: string;
	filter?: string;
	responseDeadline?: string;
	httpConfig?: {
		url?: string;
		httpDispatchMode?: string;
		httpAuthenticationType?: string;
	};
}

export async function listSubscriptions(
	connection: Connection,
	filters: string,
): Promise<IscSubscription[]> {
	const request = {
		method: 'GET' as const,
		endpoint: 'trigger-subscriptions',
		qs: { filters, limit: 250 },
		itemIndex: 0,
		forbiddenHint: SUBSCRIPTION_RIGHTS,
	};
	const rows = await iscList(connection, request);
	return rows.filter((row): row is IscSubscription => typeof row.id === 'string');
}

export async function createSubscription(
	connection: Connection,
	body: IDataObject,
): Promise<IscSubscription> {
	const request = {
		method: 'POST' as const,
		endpoint: 'trigger-subscriptions',
		body,
		itemIndex: 0,
		forbiddenHint: SUBSCRIPTION_RIGHTS,
	};
	const answer = await iscObject(connection, request);
	if (typeof answer?.id !== 'string') {
		const { secrets } = await connection.settings();
		throw apiError(connection.context.getNode(), {
			message: 'SailPoint ISC created the subscription but did not say its ID',
			description: summarizeBody(answer),
			secrets,
		});
	}
	return answer as IscSubscription;
}

/** Deletes a subscription; one that is already gone counts as deleted. */
export async function deleteSubscription(connection: Connection, id: string): Promise<void> {
	const request = {
		method: 'DELETE' as const,
		endpoint: `trigger-subscriptions/${encodeURIComponent(id)}`,
		itemIndex: 0,
		forbiddenHint: SUBSCRIPTION_RIGHTS,
	};
	const response = await sendIscRequest(connection, request);
	if (response.statusCode === 404) return;
	await readIscObject(connection, request, response);
}

export function quoted(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A secret for ISC to send with every call: 256 random bits. */
export function newCallSecret(): string {
	return randomBytes(32).toString('base64url');
}

export type CallAuthentication = 'bearerToken' | 'basicAuth';

/** The user name n8n gives ISC for Basic authentication (the password is the secret). */
const BASIC_USER = 'n8n';

/** The httpConfig authentication part of a subscription for the secret. */
export function subscriptionAuth(kind: CallAuthentication, secret: string): IDataObject {
	return kind === 'basicAuth'
		? {
				httpAuthenticationType: 'BASIC_AUTH',
				basicAuthConfig: { userName: BASIC_USER, password: secret },
			}
		: { httpAuthenticationType: 'BEARER_TOKEN', bearerTokenAuthConfig: { bearerToken: secret } };
}

/** The Authorization header ISC sends for the secret. */
function expectedHeader(kind: CallAuthentication, secret: string): string {
	return kind === 'basicAuth'
		? `Basic ${Buffer.from(`${BASIC_USER}:${secret}`).toString('base64')}`
		: `Bearer ${secret}`;
}

function fingerprint(header: string): Buffer {
	return createHash('sha256').update(`n8n-sailpoint-event-trigger/v1 ${header}`).digest();
}

/**
 * What the workflow keeps instead of the secret: a SHA-256 fingerprint of the Authorization
 * header ISC sends with it. The secret is 256 random bits, so the fingerprint can neither be
 * turned back into it nor be sent in its place.
 */
export function callVerifier(kind: CallAuthentication, secret: string): string {
	return fingerprint(expectedHeader(kind, secret)).toString('base64url');
}

/** Whether a call's Authorization header matches the stored fingerprint (constant time). */
export function callMatchesVerifier(header: unknown, verifier: unknown): boolean {
	if (typeof header !== 'string' || typeof verifier !== 'string' || verifier === '') return false;
	const wanted = Buffer.from(verifier, 'base64url');
	const given = fingerprint(header.trim());
	return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * Whether a call's Authorization header carries the secret, compared in constant time. Only for
 * a subscription stored by an earlier version (with the secret itself), until it is replaced.
 */
export function callIsAuthorized(
	header: unknown,
	kind: CallAuthentication,
	secret: string | undefined,
): boolean {
	if (typeof header !== 'string' || secret === undefined || secret === '') return false;
	const given = Buffer.from(header.trim());
	const wanted = Buffer.from(expectedHeader(kind, secret));
	return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** ISO-8601 durations as ISC's responseDeadline takes them: PT1H, PT30M, P1D, PT1H30M. */
export const DURATION = /^P(?=\d|T\d)(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/;

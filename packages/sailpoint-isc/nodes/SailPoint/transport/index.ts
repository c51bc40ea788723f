import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { apiError, looksLikeHtml, summarizeBody } from '../../shared/errors';
import { text } from '../../shared/text';
import { hasHttpScheme } from '../../shared/transport/baseUrl';
import type { ConnectionOptions } from '../../shared/transport/connection';
import { Connection } from '../../shared/transport/connection';
import type { ApiContext } from '../../shared/transport/context';
import { callApi, type HttpResponse } from '../../shared/transport/http';
import { slotWaitMs } from '../../shared/transport/pacing';
import { iscApiVersion, iscPath } from './apiPaths';
import { iscSignsIn } from './auth';
import { normalizeIscBaseUrl } from './baseUrl';

/**
 * SailPoint Identity Security Cloud transport: builds URLs from the credential's base URL and
 * API Version (see apiPaths.ts) and turns ISC's error bodies (`detailCode`, `trackingId`, `messages[].text`; the
 * 401 `error` body) into clear messages. 429 and 5xx gateway errors are retried by callApi.
 */

const ISC_CREDENTIAL = 'sailPointIscApi';
export const ISC_SERVICE = 'SailPoint ISC';

/** The run's connection to ISC; the credential is read on the first request. */
export function iscConnection(context: ApiContext, options: ConnectionOptions): Connection {
	return new Connection(
		context,
		ISC_CREDENTIAL,
		(credentials) => {
			// The same test the credential's own sign-in makes (old Access Token credentials read
			// as Client Credentials by n8n's new default stay Access Token).
			const signsIn = iscSignsIn(credentials);
			return {
				baseUrl: normalizeIscBaseUrl(credentials.baseUrl),
				skipSslCertificateValidation: false,
				signsIn,
				account: String(signsIn ? credentials.clientId : credentials.accessToken).slice(-12),
				apiVersion: iscApiVersion(credentials.apiVersion),
			};
		},
		options,
	);
}

export interface IscRequest {
	method: IHttpRequestMethods;
	/** Logical endpoint, service first, e.g. `work-items/count` (apiPaths.ts makes it a path). */
	endpoint: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex: number;
	/** What a 404 means for this request, e.g. `work item "2c91…"`; the Base URL hint otherwise. */
	notFound?: { subject: string; hint: string };
	/** What a 403 means for this request; the listing hint (Owner ID needs an admin) otherwise. */
	forbiddenHint?: string;
}

/**
 * Sends a request and returns whatever ISC answered (any status), after callApi's retries: for
 * the callers that read a status themselves before readIscObject or readIscList.
 */
export async function sendIscRequest(
	connection: Connection,
	request: IscRequest,
): Promise<HttpResponse> {
	const { context, options } = connection;
	const settings = await connection.settings();
	if (!hasHttpScheme(settings.baseUrl)) {
		throw apiError(context.getNode(), {
			message: `The Base URL in the SailPoint ISC credential must start with https://, e.g. https://acme.api.identitynow.com, but it is "${settings.baseUrl}"`,
			itemIndex: request.itemIndex,
			secrets: settings.secrets,
		});
	}
	return await callApi(context, {
		credentialType: ISC_CREDENTIAL,
		serviceName: ISC_SERVICE,
		method: request.method,
		url: `${settings.baseUrl}/${iscPath(iscApiVersion(settings.apiVersion), request.endpoint)}`,
		qs: request.qs,
		body: request.body,
		itemIndex: request.itemIndex,
		secrets: settings.secrets,
		renewOnUnauthorized: settings.signsIn,
		credential: settings.credential,
		idempotent: options.idempotent,
		retry: options.retry,
		// ISC counts per access token; the tenant and the credential's identity stand in for it.
		pace: options.pace && { account: `${settings.baseUrl}|${settings.account}`, ...options.pace },
	});
}

/** About how long `count` more requests of this connection would wait for ISC's rate limit now. */
export async function iscPaceWaitMs(connection: Connection, count: number): Promise<number> {
	const { pace } = connection.options;
	if (!pace) return 0;
	const settings = await connection.settings();
	return slotWaitMs(`${settings.baseUrl}|${settings.account}`, pace.requests, pace.windowMs, count);
}

/**
 * Sends a request and returns the JSON object ISC answered (a work item, a count), undefined
 * when it sent no body; throws a clear error for anything else.
 */
export async function iscObject(
	connection: Connection,
	request: IscRequest,
): Promise<IDataObject | undefined> {
	return await readIscObject(connection, request, await sendIscRequest(connection, request));
}

/** Sends a request and returns the items of the collection ISC answered; throws otherwise. */
export async function iscList(connection: Connection, request: IscRequest): Promise<IDataObject[]> {
	return await readIscList(connection, request, await sendIscRequest(connection, request));
}

/** Passes a 2xx JSON answer through; turns anything else into the error it stands for. */
async function requireIscSuccess(
	connection: Connection,
	request: IscRequest,
	response: HttpResponse,
): Promise<HttpResponse> {
	const { secrets } = await connection.settings();
	const node = connection.context.getNode();
	if (response.statusCode >= 200 && response.statusCode < 300) {
		if (looksLikeHtml(response.body)) {
			throw apiError(node, {
				message: `${ISC_SERVICE} answered ${request.endpoint} with an HTML page instead of JSON; check that the Base URL is the tenant's API URL, e.g. https://acme.api.identitynow.com`,
				description: summarizeBody(response.body),
				httpCode: response.statusCode,
				itemIndex: request.itemIndex,
				secrets,
			});
		}
		return response;
	}
	throw iscHttpError(connection.context, request, response, secrets);
}

/** Reads the items out of a v3 collection answer; throws a clear error for anything else. */
export async function readIscList(
	connection: Connection,
	request: IscRequest,
	response: HttpResponse,
): Promise<IDataObject[]> {
	await requireIscSuccess(connection, request, response);
	const { body } = response;
	if (body === undefined || body === null || body === '') return [];
	if (Array.isArray(body)) return body as IDataObject[];
	const { secrets } = await connection.settings();
	throw apiError(connection.context.getNode(), {
		message: `${ISC_SERVICE} answered ${request.endpoint} with something other than a list`,
		description: summarizeBody(body),
		httpCode: response.statusCode,
		itemIndex: request.itemIndex,
		secrets,
	});
}

/**
 * Reads the JSON object of a 2xx answer (a work item, a count); undefined when ISC sent no
 * body, as some write endpoints do. Throws a clear error for anything else.
 */
export async function readIscObject(
	connection: Connection,
	request: IscRequest,
	response: HttpResponse,
): Promise<IDataObject | undefined> {
	await requireIscSuccess(connection, request, response);
	const { body } = response;
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	const { secrets } = await connection.settings();
	throw apiError(connection.context.getNode(), {
		message: `${ISC_SERVICE} answered ${request.endpoint} with something other than a JSON object`,
		description: summarizeBody(body),
		httpCode: response.statusCode,
		itemIndex: request.itemIndex,
		secrets,
	});
}

/** What an ISC error body says: the `messages`/`causes` texts, `detailCode`, `trackingId`. */
interface IscErrorBody {
	detailCode?: string;
	trackingId?: string;
	texts: string[];
	causes: string[];
	/** The 401 body's `error`, the 429 body's `message`. */
	error?: string;
}

export function readIscError(body: unknown): IscErrorBody {
	const parsed: IscErrorBody = { texts: [], causes: [] };
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return parsed;
	const record = body as Record<string, unknown>;
	parsed.detailCode = text(record.detailCode);
	parsed.trackingId = text(record.trackingId);
	parsed.texts = localizedTexts(record.messages);
	parsed.causes = localizedTexts(record.causes).filter((cause) => !parsed.texts.includes(cause));
	parsed.error = text(record.error) ?? text(record.message) ?? text(record.error_description);
	return parsed;
}

function iscHttpError(
	context: ApiContext,
	request: IscRequest,
	response: HttpResponse,
	secrets: string[],
) {
	const { statusCode, body } = response;
	const reason = readIscError(body);
	// The causes are the specific part ("offset is invalid"), so they belong in the message.
	const texts = [...reason.texts, ...reason.causes];
	const said = texts.length > 0 ? texts.join(' ') : reason.error;
	const code = reason.detailCode
		? `HTTP ${statusCode}, ${reason.detailCode}`
		: `HTTP ${statusCode}`;
	const tracking = reason.trackingId ? ` (tracking ID ${reason.trackingId})` : '';
	let headline: string;
	let hint: string | undefined;
	switch (true) {
		case statusCode === 401:
			headline = `${ISC_SERVICE} rejected the access token: it is invalid or has expired`;
			hint =
				'ISC access tokens expire. Get a new one (e.g. POST /oauth/token with the client ID and secret of a personal access token, grant_type=client_credentials) and paste it into the Access Token field of the SailPoint ISC credential.';
			break;
		case statusCode === 403:
			headline = `${ISC_SERVICE} refused the request to ${request.endpoint}`;
			hint =
				request.forbiddenHint ??
				"The identity behind the access token lacks the rights for this call. Listing the work items of another owner (Owner ID) needs an admin; check the token's user level and scopes.";
			break;
		case statusCode === 404 && request.notFound !== undefined:
			headline = `${ISC_SERVICE} found no ${request.notFound.subject}`;
			hint = request.notFound.hint;
			break;
		case statusCode === 404:
			headline = `${ISC_SERVICE} found nothing at ${request.endpoint}`;
			hint =
				"Check that the Base URL in the credential is the tenant's API URL, e.g. https://acme.api.identitynow.com.";
			break;
		case statusCode === 400:
			headline = `${ISC_SERVICE} rejected the request to ${request.endpoint}`;
			break;
		case statusCode >= 300 && statusCode < 400:
			headline = `${ISC_SERVICE} redirected ${request.endpoint} to ${String(response.headers.location ?? 'another URL')}`;
			hint =
				"Check that the Base URL in the credential is the tenant's API URL (https://<tenant>.api.identitynow.com), not the user interface URL.";
			break;
		case statusCode >= 500:
			headline = `${ISC_SERVICE} failed to process ${request.endpoint}`;
			hint =
				"This is a fault on SailPoint's side. Try again later; if it persists, give SailPoint support the tracking ID.";
			break;
		default:
			headline = `${ISC_SERVICE} did not accept the request to ${request.endpoint}`;
	}
	const message = `${headline} (${code})${said ? `: ${said}` : ''}${tracking}`;
	const details: string[] = [];
	if (reason.trackingId)
		details.push(`Tracking ID ${reason.trackingId}: quote it to SailPoint support.`);
	if (!said && !reason.trackingId) details.push(`The server answered: ${summarizeBody(body)}`);
	if (hint) details.push(hint);
	if (looksLikeHtml(body)) details.push("The server answered with an HTML page, not ISC's JSON.");
	return apiError(context.getNode(), {
		message,
		description: details.join(' '),
		httpCode: statusCode,
		itemIndex: request.itemIndex,
		secrets,
	});
}

function localizedTexts(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	const texts: string[] = [];
	for (const entry of value) {
		const said =
			typeof entry === 'object' && entry !== null
				? text((entry as Record<string, unknown>).text)
				: undefined;
		if (said && !texts.includes(said)) texts.push(said);
	}
	return texts;
}

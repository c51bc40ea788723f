import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { apiError, looksLikeHtml, summarizeBody } from '../../shared/errors';
import { text } from '../../shared/text';
import { hasHttpScheme } from '../../shared/transport/baseUrl';
import type { ConnectionOptions } from '../../shared/transport/connection';
import { Connection } from '../../shared/transport/connection';
import type { ApiContext } from '../../shared/transport/context';
import { callApi, type HttpResponse } from '../../shared/transport/http';
import { tppSignsIn } from './auth';
import { normalizeTppBaseUrl } from './baseUrl';

/**
 * Venafi Trust Protection Platform transport: builds WebSDK URLs from the credential's base
 * URL and turns TPP's HTTP errors (`error` / `error_description` bodies) into clear messages.
 * Workflow ticket Result codes are checked by the ticket helpers (helpers/resultCodes.ts).
 */

const TPP_CREDENTIAL = 'venafiTppApi';
const SERVICE = 'Venafi TPP';

/** The run's connection to TPP; the credential is read on the first request. */
export function tppConnection(context: ApiContext, options: ConnectionOptions): Connection {
	return new Connection(
		context,
		TPP_CREDENTIAL,
		(credentials) => ({
			baseUrl: normalizeTppBaseUrl(credentials.baseUrl),
			skipSslCertificateValidation: credentials.allowUnauthorizedCerts === true,
			signsIn: tppSignsIn(credentials),
		}),
		options,
	);
}

interface TppRequest {
	method: IHttpRequestMethods;
	/** Path under /vedsdk/, e.g. `Client/Work/` (keep the trailing slash where TPP wants one). */
	endpoint: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex: number;
}

/** Sends a WebSDK request; returns the 2xx response, throws a clear error otherwise. */
export async function tppRequest(
	connection: Connection,
	request: TppRequest,
): Promise<HttpResponse> {
	const { context } = connection;
	const settings = await connection.settings();
	if (!hasHttpScheme(settings.baseUrl)) {
		throw apiError(context.getNode(), {
			message: `The Base URL in the Venafi TPP credential must start with https:// (or http://), e.g. https://tpp.venafi.example, but it is "${settings.baseUrl}"`,
			itemIndex: request.itemIndex,
		});
	}
	const response = await callApi(context, {
		credentialType: TPP_CREDENTIAL,
		serviceName: SERVICE,
		method: request.method,
		url: `${settings.baseUrl}/vedsdk/${request.endpoint}`,
		qs: request.qs,
		body: request.body,
		skipSslCertificateValidation: settings.skipSslCertificateValidation,
		itemIndex: request.itemIndex,
		secrets: settings.secrets,
		renewOnUnauthorized: settings.signsIn,
		credential: settings.credential,
		idempotent: connection.options.idempotent,
		retry: connection.options.retry,
	});
	if (response.statusCode >= 200 && response.statusCode < 300) {
		if (looksLikeHtml(response.body)) {
			throw apiError(context.getNode(), {
				message: `${SERVICE} answered ${request.endpoint} with an HTML page instead of JSON; check that the Base URL points at the TPP server`,
				description: summarizeBody(response.body),
				httpCode: response.statusCode,
				itemIndex: request.itemIndex,
				secrets: settings.secrets,
			});
		}
		if (typeof response.body === 'string' && response.body.trim() !== '') {
			throw apiError(context.getNode(), {
				message: `${SERVICE} answered ${request.endpoint} with a body that is not JSON`,
				description: summarizeBody(response.body),
				httpCode: response.statusCode,
				itemIndex: request.itemIndex,
				secrets: settings.secrets,
			});
		}
		return response;
	}
	throw tppHttpError(context, request, response, settings.secrets);
}

function tppHttpError(
	context: ApiContext,
	request: TppRequest,
	response: HttpResponse,
	secrets: string[],
) {
	const { statusCode, body } = response;
	const reason = tppReason(body);
	const said = reason.error ? `: ${reason.error}` : '';
	const detail = reason.description ?? (reason.error ? undefined : summarizeBody(body));
	let message: string;
	let hint: string | undefined;
	switch (true) {
		case statusCode === 401:
			message = `${SERVICE} rejected the access token (HTTP 401${said})`;
			hint =
				'The token is invalid or has expired. Get a new one from POST /vedauth/authorize/oauth (or refresh it) and update the Venafi TPP credential.';
			break;
		case statusCode === 403:
			message = `${SERVICE} refused the request (HTTP 403${said})`;
			hint =
				'The token lacks the scope or permission for this call: Venafi Work needs the "agent" scope, Update Status and Flow ticket Approve, Reject and Update a scope with ":approve" (e.g. certificate:approve), Create "configuration:manage", Delete "configuration:delete". Add it to the Scope of the credential (or of the token).';
			break;
		case statusCode === 400:
			message = `${SERVICE} rejected the request to ${request.endpoint} (HTTP 400${said})`;
			break;
		case statusCode >= 300 && statusCode < 400:
			message = `${SERVICE} redirected ${request.endpoint} (HTTP ${statusCode}) to ${String(response.headers.location ?? 'another URL')}`;
			hint =
				'TPP redirects when a WebSDK URL lacks its trailing slash or the Base URL is not the TPP server itself; check the Base URL in the credential.';
			break;
		case statusCode === 404:
			message = `${SERVICE} has no ${request.endpoint} endpoint at this Base URL (HTTP 404)`;
			hint =
				'Check that the Base URL in the credential points at the TPP server (the part before /vedsdk).';
			break;
		default:
			message = `${SERVICE} failed to process ${request.endpoint} (HTTP ${statusCode}${said})`;
	}
	if (looksLikeHtml(body))
		hint = `${hint ? `${hint} ` : ''}The server answered with an HTML page, not TPP's JSON.`;
	return apiError(context.getNode(), {
		message,
		description: [detail, hint].filter(Boolean).join(' ') || undefined,
		httpCode: statusCode,
		itemIndex: request.itemIndex,
		secrets,
	});
}

function tppReason(body: unknown): { error?: string; description?: string } {
	if (typeof body !== 'object' || body === null) return {};
	const record = body as Record<string, unknown>;
	return {
		error: text(record.error) ?? text(record.Error) ?? text(record.message),
		description: text(record.error_description) ?? text(record.Message),
	};
}

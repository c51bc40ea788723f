import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Every error these nodes raise is built here from plain strings, never from the HTTP
 * client's own error object: that object carries the request, and with it the
 * Authorization header.
 */

interface ApiErrorDetails {
	message: string;
	description?: string;
	httpCode?: number | string;
	itemIndex?: number;
	/** Values that must never be shown (tokens, secrets); replaced by `***`. */
	secrets?: readonly string[];
}

function redact(text: string, secrets: readonly string[] = []): string {
	let safe = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) safe = safe.split(secret).join('***');
	}
	// A bearer token echoed back by a server or proxy is hidden even when we did not know it.
	return safe.replace(/(Bearer\s+)[A-Za-z0-9\-._~+/=]{8,}/gi, '$1***');
}

export function apiError(node: INode, details: ApiErrorDetails): NodeApiError {
	const message = redact(details.message, details.secrets);
	const description =
		details.description === undefined ? undefined : redact(details.description, details.secrets);
	const response: JsonObject = { message };
	if (description !== undefined) response.description = description;
	if (details.httpCode !== undefined) response.httpCode = String(details.httpCode);
	const error = new NodeApiError(node, response, {
		message,
		description,
		httpCode: details.httpCode === undefined ? undefined : String(details.httpCode),
		itemIndex: details.itemIndex,
	});
	// NodeApiError swaps any message that mentions a Node error code (ECONNRESET...) for a
	// generic sentence; ours already says what happened, so it is put back.
	error.message = message;
	return error;
}

/** A problem with the node's own parameters: names the field, sends nothing. */
export function parameterError(
	node: INode,
	message: string,
	itemIndex: number,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(node, message, { itemIndex, description });
}

/** Shortens a response body for an error description. */
export function summarizeBody(body: unknown, max = 300): string {
	if (body === undefined || body === null || body === '') return '(empty body)';
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

export function looksLikeHtml(body: unknown): boolean {
	return typeof body === 'string' && /^\s*<(!doctype|html|head|body)/i.test(body);
}

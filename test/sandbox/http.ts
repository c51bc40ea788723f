import type { IncomingMessage, ServerResponse } from 'node:http';

/** Small helpers shared by the sandbox's vendor emulations. */

export interface SandboxRequest {
	method: string;
	/** Path without the query string, as sent. */
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	/** Parsed JSON body; `undefined` when empty; the raw text when it is not JSON. */
	body: unknown;
	rawBody: string;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: string;
	authorization?: string;
	body: unknown;
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body?: unknown,
	headers: Record<string, string> = {},
): void {
	if (body === undefined) {
		res.writeHead(status, headers);
		res.end();
		return;
	}
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

export async function readRequest(req: IncomingMessage): Promise<SandboxRequest> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const rawBody = Buffer.concat(chunks).toString('utf8');
	let body: unknown;
	if (rawBody !== '') {
		try {
			body = JSON.parse(rawBody);
		} catch {
			body = rawBody;
		}
	}
	const url = new URL(req.url ?? '/', 'http://sandbox.local');
	return {
		method: (req.method ?? 'GET').toUpperCase(),
		path: url.pathname,
		query: url.searchParams,
		headers: req.headers,
		body,
		rawBody,
	};
}

export function bearerToken(req: SandboxRequest): string | undefined {
	const header = req.headers.authorization;
	const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header) : null;
	return match ? match[1].trim() : undefined;
}

/** Case-insensitive query parameter lookup (TPP treats parameter names that way). */
export function queryParam(query: URLSearchParams, name: string): string | undefined {
	for (const [key, value] of query) if (key.toLowerCase() === name.toLowerCase()) return value;
	return undefined;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

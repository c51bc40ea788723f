import axios from 'axios';
import type { ICredentialDataDecryptedObject, ICredentialType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

/**
 * What the editor's credential Test button sends: the credential's `test.request` with its
 * `={{$credentials...}}` expressions resolved by n8n's expression engine and its
 * `authenticate` block applied. Returns the HTTP status the server gave.
 */
export async function runCredentialTest(
	type: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ status: number; url: string; data: unknown }> {
	const request = type.test && 'request' in type.test ? type.test.request : undefined;
	if (!request) throw new Error(`${type.name} has no test request`);
	const placeholder = { description: { properties: [] } };
	const node = { id: 'n', name: 'credential test', type: 'test', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: { getByName: () => placeholder, getByNameAndVersion: () => placeholder, getKnownTypes: () => ({}) } as never });
	const resolve = (value: unknown) =>
		typeof value === 'string' && value.startsWith('=')
			? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '')
			: value;
	const headers: Record<string, string> = {};
	const authenticate = type.authenticate;
	if (authenticate && typeof authenticate !== 'function') {
		for (const [key, value] of Object.entries(authenticate.properties.headers ?? {})) headers[key] = String(resolve(value));
	}
	const url = `${String(resolve(request.baseURL))}${String(resolve(request.url))}`;
	const response = await axios.request({
		method: request.method ?? 'GET',
		url,
		params: request.qs,
		headers,
		validateStatus: () => true,
	});
	return { status: response.status, url, data: response.data };
}

import axios from 'axios';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { SailPointIscApi } from '../../credentials/SailPointIscApi.credentials';
import { TestCredentialsHelper } from '../harness/credentials';
import { credentialTypes } from '../harness/run';
import { ISC_TOKEN } from '../sandbox/isc';
import { useIscSandbox } from './context';

/**
 * The credential's Test button: n8n resolves `test.request` with the credential's values,
 * applies `authenticate` and sends it. Here the same steps, sent with axios to the sandbox.
 */

const isc = useIscSandbox();

const node: INode = {
	id: 'credential-test',
	name: 'Credential test',
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const workflow = new Workflow({
	nodes: [node],
	connections: {},
	active: false,
	nodeTypes: {
		getByName: () => ({ description: { properties: [] } }) as never,
		getByNameAndVersion: () => ({ description: { properties: [] } }) as never,
		getKnownTypes: () => ({}),
	},
});

async function testCredential(data: ICredentialDataDecryptedObject) {
	const credential = new SailPointIscApi();
	const request = credential.test.request;
	const resolve = (value: unknown) =>
		typeof value === 'string' && value.startsWith('=')
			? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: data }, undefined, '')
			: value;
	const options = {
		method: request.method,
		baseURL: resolve(request.baseURL),
		url: resolve(request.url),
		qs: request.qs,
	} as IHttpRequestOptions;
	const helper = new TestCredentialsHelper(credentialTypes, { sailPointIscApi: data });
	const signed = await helper.authenticate(data, 'sailPointIscApi', options, workflow, node);
	return await axios.request({
		method: signed.method,
		baseURL: signed.baseURL,
		url: signed.url,
		params: signed.qs,
		headers: signed.headers as Record<string, string>,
		validateStatus: () => true,
	});
}

test.each(['', '/', '/v3', '/v3/'])('a good token passes: GET /work-items/v1?limit=1 by default (Base URL "<server>%s")', async (suffix) => {
	// No apiVersion field: a credential saved before it existed (n8n fills in the default, Current).
	const response = await testCredential({ baseUrl: `${isc.sandbox.url}${suffix}`, accessToken: ISC_TOKEN });
	expect(response.status).toBe(200);
	expect(response.data).toHaveLength(1);
	expect(isc.sandbox.requests).toHaveLength(1);
	expect(isc.sandbox.requests[0]).toMatchObject({ method: 'GET', path: '/work-items/v1', query: 'limit=1' });
	expect(isc.sandbox.requests[0].authorization).toBe(`Bearer ${ISC_TOKEN}`);
});

test.each([
	['current', '/work-items/v1'],
	['v3', '/v3/work-items'],
])('API Version %s: the Test button calls %s', async (apiVersion, path) => {
	const response = await testCredential({ baseUrl: `${isc.sandbox.url}/v3/`, accessToken: ISC_TOKEN, apiVersion });
	expect(response.status).toBe(200);
	expect(isc.sandbox.requests.map((request) => request.path)).toEqual([path]);
});

test('a 404 at the chosen path is explained by a rule naming both API Versions\' paths', () => {
	const rules = new SailPointIscApi().test.rules ?? [];
	const notFound = rules.find((rule) => rule.type === 'responseCode' && rule.properties.value === 404);
	expect(notFound?.properties.message).toMatch(/Current: \/work-items\/v1, V3: \/v3\/work-items/);
});

test('an expired token fails with ISC\'s 401', async () => {
	const response = await testCredential({ baseUrl: isc.sandbox.url, accessToken: 'expired-token-0123456789' });
	expect(response.status).toBe(401);
	expect(response.data).toEqual({ error: 'JWT validation failed: JWT is expired' });
});

test('secrets are password fields; Access Token stays the default way in', () => {
	const properties = new SailPointIscApi().properties;
	const byName = Object.fromEntries(properties.map((property) => [property.name, property]));
	expect(byName.authentication.default).toBe('accessToken');
	expect(byName.baseUrl.required).toBe(true);
	expect(byName.accessToken.required).toBe(true);
	for (const secret of ['accessToken', 'clientSecret', 'sessionToken']) {
		expect(byName[secret].typeOptions?.password).toBe(true);
	}
	expect(byName.sessionToken.typeOptions?.expirable).toBe(true);
	// Current unless chosen otherwise; the transport reads a missing field the same way.
	expect(byName.apiVersion.default).toBe('current');
	expect(byName.apiVersion.options?.map((option) => (option as { value: string }).value)).toEqual(['current', 'v3']);
});

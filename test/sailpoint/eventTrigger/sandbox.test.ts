import { ISC_TOKEN, ISC_USER_TOKEN } from '../../sandbox/isc';
import { durationMs } from '../../sandbox/iscTriggers';
import { filterMatches, validateJsonPathFilter } from '../../sandbox/jsonPathFilter';
import { useIscSandbox } from '../context';

/** The sandbox's ISC trigger service answers as the spec says, so the node tests mean something. */

const isc = useIscSandbox({ apiVersion: 'current' });
beforeEach(() => isc.sandbox.triggers.reset());

const call = async (method: string, path: string, body?: unknown, token = ISC_TOKEN) => {
	const response = await fetch(`${isc.sandbox.url}${path}`, {
		method,
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: (text === "" ? {} : JSON.parse(text)) as Record<string, unknown> & Array<Record<string, unknown>> };
};

const http = (extra: Record<string, unknown> = {}) => ({
	url: 'https://n8n.example.com/webhook/x/webhook',
	httpDispatchMode: 'SYNC',
	httpAuthenticationType: 'BEARER_TOKEN',
	bearerTokenAuthConfig: { bearerToken: 'secret-secret-secret' },
	...extra,
});

test('JSONPath filters: the forms SailPoint documents, paths that exist, and what is not JSONPath', () => {
	const event = { identityId: 'abc', requestedItems: [{ type: 'ROLE', name: 'Admins' }, { type: 'ACCESS_PROFILE', name: 'VPN' }], count: 3 };
	expect(validateJsonPathFilter('$[?($.identityId == "abc")]', event)).toEqual({ isValid: true, isValidJSONPath: true, isPathExist: true });
	expect(validateJsonPathFilter('$[?($.identityId == "xyz")]', event)).toEqual({ isValid: false, isValidJSONPath: true, isPathExist: true });
	expect(validateJsonPathFilter('$[?($.nothing == "xyz")]', event)).toEqual({ isValid: false, isValidJSONPath: true, isPathExist: false });
	expect(validateJsonPathFilter('$[?($.identityId == ', event).isValidJSONPath).toBe(false);
	expect(filterMatches('$[?($.requestedItems[?(@.type == "ROLE")])]', event)).toBe(true);
	expect(filterMatches('$[?($.requestedItems[?(@.type == "ENTITLEMENT")])]', event)).toBe(false);
	expect(filterMatches("$[?($.count > 2 && $.requestedItems[*].name == 'VPN')]", event)).toBe(true);
	expect(filterMatches('$[?(!($.count >= 3) || $.identityId != "abc")]', event)).toBe(false);
	expect(filterMatches(undefined, event)).toBe(true);
});

test('ISO-8601 durations for responseDeadline', () => {
	expect([durationMs('PT1H'), durationMs('PT30M'), durationMs('P1D'), durationMs('PT1H30M')]).toEqual([3_600_000, 1_800_000, 86_400_000, 5_400_000]);
	expect([durationMs('1h'), durationMs('P'), durationMs('PT')]).toEqual([undefined, undefined, undefined]);
});

test('subscriptions: the documented validation, one per REQUEST_RESPONSE trigger, secrets never given back, 404 on delete of an unknown one', async () => {
	expect((await call('POST', '/trigger-subscriptions/v1', { name: 'x', triggerId: 'idn:nope', type: 'HTTP', httpConfig: http() })).status).toBe(400);
	expect((await call('POST', '/trigger-subscriptions/v1', { name: 'x', triggerId: 'idn:identity-created', type: 'HTTP' })).status).toBe(400);
	expect((await call('POST', '/trigger-subscriptions/v1', { name: 'x', triggerId: 'idn:identity-created', type: 'HTTP', httpConfig: http({ httpDispatchMode: 'LATER' }) })).status).toBe(400);
	expect((await call('POST', '/trigger-subscriptions/v1', { name: 'x', triggerId: 'idn:identity-created', type: 'HTTP', httpConfig: http(), filter: '$[?(' })).status).toBe(400);
	expect((await call('POST', '/trigger-subscriptions/v1', { name: 'x', triggerId: 'idn:identity-created', type: 'HTTP', httpConfig: http(), responseDeadline: 'soon' })).status).toBe(400);
	const created = await call('POST', '/trigger-subscriptions/v1', { name: 'one', triggerId: 'idn:access-request-pre-approval', type: 'HTTP', httpConfig: http() });
	expect(created.status).toBe(201);
	expect(created.body).toMatchObject({ triggerName: 'Access Request Submitted', responseDeadline: 'PT1H', enabled: true, httpConfig: { bearerTokenAuthConfig: { bearerToken: null } } });
	const second = await call('POST', '/trigger-subscriptions/v1', { name: 'two', triggerId: 'idn:access-request-pre-approval', type: 'HTTP', httpConfig: http() });
	expect(second.status).toBe(400);
	expect(JSON.stringify(second.body)).toContain('may only have one subscription');
	const listed = await call('GET', `/trigger-subscriptions/v1?filters=${encodeURIComponent('triggerId eq "idn:access-request-pre-approval"')}`);
	expect(listed.body.map((entry) => entry.id)).toEqual([created.body.id]);
	expect(JSON.stringify(listed.body)).not.toContain('secret-secret-secret');
	expect((await call('DELETE', `/trigger-subscriptions/v1/${String(created.body.id)}`)).status).toBe(204);
	expect((await call('DELETE', `/trigger-subscriptions/v1/${String(created.body.id)}`)).status).toBe(404);
	expect((await call('GET', '/triggers/v1', undefined, ISC_USER_TOKEN)).status).toBe(403);
});

test('test invocation without a subscriber is a 204; validate-filter needs filter and input', async () => {
	expect((await call('POST', '/trigger-invocations/v1/test', { triggerId: 'idn:identity-created', contentJson: {} })).status).toBe(204);
	expect((await call('POST', '/trigger-invocations/v1/test', { triggerId: 'idn:identity-created' })).status).toBe(400);
	expect((await call('POST', '/trigger-subscriptions/v1/validate-filter', { filter: '$' })).status).toBe(400);
	expect((await call('POST', '/trigger-subscriptions/v1/validate-filter', { filter: '$[?($.a == 1)]', input: { a: 1 } })).body).toEqual({ isValid: true, isValidJSONPath: true, isPathExist: true });
});

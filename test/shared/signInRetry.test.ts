import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { iscPreAuthentication } from '../../packages/sailpoint-isc/nodes/SailPoint/transport/auth';
import { forgetRenewals } from '../../shared/transport/auth/renewalLock';
import { withSignInRetry } from '../../shared/transport/auth/signInRetry';
import { DEFAULT_RETRY, retrySettings } from '../../shared/transport/retry';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { ISC_CLIENT_ID, ISC_CLIENT_SECRET } from '../sandbox/iscAuth';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.stop());
beforeEach(() => {
	forgetRenewals();
	sandbox.clearLog();
});

/** n8n's request helper as preAuthentication gets it, sending to the sandbox and noting each request's options. */
function recordingHelper(): { helper: IHttpRequestHelper; sent: IHttpRequestOptions[] } {
	const sent: IHttpRequestOptions[] = [];
	const httpRequest = async (options: IHttpRequestOptions) => {
		sent.push(options);
		const response = await fetch(String(options.url), {
			method: options.method,
			headers: options.headers as Record<string, string>,
			body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
		});
		const body = await response.text();
		return {
			statusCode: response.status,
			headers: Object.fromEntries(response.headers),
			body: body === '' ? '' : JSON.parse(body),
		};
	};
	return { helper: { helpers: { httpRequest } } as unknown as IHttpRequestHelper, sent };
}

const credentials = () => ({
	authentication: 'clientCredentials',
	baseUrl: sandbox.url,
	clientId: ISC_CLIENT_ID,
	clientSecret: ISC_CLIENT_SECRET,
});

test("a sign-in for a node run follows the run's retry settings (attempts and timeout)", async () => {
	sandbox.queue('/oauth/token', { status: 503, body: { error: 'unavailable' } });
	const { helper, sent } = recordingHelper();
	const data = withSignInRetry(credentials(), retrySettings({ maxAttempts: 1, timeoutMs: 2345 }));
	await expect(iscPreAuthentication(helper, data)).rejects.toThrow(
		'SailPoint ISC could not sign in: ISC answered HTTP 503 unavailable',
	);
	expect(sent).toHaveLength(1);
	expect(sent[0].timeout).toBe(2345);
});

test("the run's settings are not saved with the credential", () => {
	const data = withSignInRetry(credentials(), retrySettings({ maxAttempts: 1 }));
	expect(JSON.parse(JSON.stringify(data))).toEqual(credentials());
	expect(Object.keys(data)).toEqual(Object.keys(credentials()));
});

test('a sign-in without a run (a credential test) retries a 503 with the default settings', async () => {
	sandbox.queue(
		'/oauth/token',
		{ status: 503, headers: { 'Retry-After': '0' } },
		{ status: 503, headers: { 'Retry-After': '0' } },
	);
	const { helper, sent } = recordingHelper();
	const stored = await iscPreAuthentication(helper, credentials());
	expect(typeof stored.sessionToken).toBe('string');
	expect(sent).toHaveLength(3);
	expect(sent.every((options) => options.timeout === DEFAULT_RETRY.timeoutMs)).toBe(true);
});

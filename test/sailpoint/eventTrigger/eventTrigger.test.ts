import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { SailPointApprovals } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { SailPointEventTrigger } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointEventTrigger/SailPointEventTrigger.node';
import { WebhookTrigger } from '../../harness/webhook';
import { ISC_TOKEN, ISC_USER_TOKEN } from '../../sandbox/isc';
import { TRIGGERS } from '../../sandbox/iscTriggers';
import { useIscSandbox } from '../context';

const isc = useIscSandbox({ apiVersion: 'current' });
const service = () => isc.sandbox.triggers;
const PRE_APPROVAL = 'idn:access-request-pre-approval';

beforeEach(() => service().reset());

/** Decides a pre-approval as the e2e workflow does: approve low risk (one Add of an access profile), deny the rest. */
class Decide implements INodeType {
	description = {
		displayName: 'Decide',
		name: 'decide',
		group: ['transform'],
		version: 1,
		description: 'Test decision',
		defaults: { name: 'Decide' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, index) => {
				const items = (item.json.requestedItems ?? []) as IDataObject[];
				const low = items.every((entry) => entry.type === 'ACCESS_PROFILE' && entry.operation === 'Add');
				return { json: { approved: low, comment: low ? 'Low risk' : 'Needs a person', approver: 'n8n' }, pairedItem: { item: index } };
			}),
		];
	}
}

const started: WebhookTrigger[] = [];
afterEach(async () => {
	for (const trigger of started.splice(0)) await trigger.stop();
});

async function eventTrigger(parameters: IDataObject, downstream: ConstructorParameters<typeof WebhookTrigger>[0]['downstream'] = [], token = ISC_TOKEN) {
	const trigger = await new WebhookTrigger({
		trigger: new SailPointEventTrigger(),
		parameters,
		credentials: isc.credentials({ accessToken: token }),
		downstream,
	}).start();
	started.push(trigger);
	return trigger;
}

async function testInvocation(triggerId: string, input?: IDataObject) {
	const response = await fetch(`${isc.sandbox.url}/trigger-invocations/v1/test`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${ISC_TOKEN}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ triggerId, contentJson: {}, ...(input ? { input } : {}) }),
	});
	expect(response.status).toBe(200);
	await service().settled();
}

const riskyInput = {
	accessRequestId: 'ar-risky',
	requestedFor: [{ type: 'IDENTITY', id: '2c91808568c529c60168cca6f90c1313', name: 'William Wilson' }],
	requestedItems: [{ id: 'role-1', name: 'Domain Admins', type: 'ROLE', operation: 'Add' }],
	requestedBy: { type: 'IDENTITY', id: '2c91808568c529c60168cca6f90c1314', name: 'Rob Robertson' },
};

describe('Event list', () => {
	test('lists the tenant\'s triggers with the common ones first under plain names', async () => {
		const trigger = await eventTrigger({});
		const options = await trigger.loadOptions('getEvents');
		expect(options).toHaveLength(TRIGGERS.length);
		expect(options[0]).toMatchObject({ name: 'Access Request Submitted (Pre-Approval, Answer Required)', value: PRE_APPROVAL });
		expect(options.map((option) => option.value)).toEqual(expect.arrayContaining(TRIGGERS.map((entry) => entry.id)));
		expect(String(options[0].description)).toContain('ISC waits for an answer');
	});

	test('a token without ORG_ADMIN gets a 403 that names the scopes', async () => {
		const trigger = await eventTrigger({ event: PRE_APPROVAL }, [], ISC_USER_TOKEN);
		await expect(trigger.loadOptions('getEvents')).rejects.toThrow(/refused/);
		await expect(trigger.activate().catch((error: { description?: string }) => Promise.reject(new Error(error.description)))).rejects.toThrow(/sp:trigger-service-subscriptions:manage/);
	});
});

describe('Subscription lifecycle', () => {
	test('activation creates an HTTP subscription to the production URL with a bearer secret; a second activation reuses it', async () => {
		const trigger = await eventTrigger({ event: 'idn:identity-created' });
		expect(await trigger.activate()).toBe('created');
		const [subscription] = service().subscriptions;
		expect(subscription).toMatchObject({
			triggerId: 'idn:identity-created',
			type: 'HTTP',
			enabled: true,
			httpConfig: { url: trigger.webhookUrl(), httpDispatchMode: 'SYNC', httpAuthenticationType: 'BEARER_TOKEN' },
		});
		expect(trigger.webhookUrl()).toMatch(/\/webhook\//);
		const secret = subscription.httpConfig!.bearerTokenAuthConfig!.bearerToken!;
		expect(secret.length).toBeGreaterThanOrEqual(40);
		expect(trigger.staticData.subscription).toMatchObject({ id: subscription.id, verifier: expect.any(String) });
		// The workflow keeps a fingerprint, never the secret (static data is in REST answers and exports).
		expect(JSON.stringify(trigger.staticData)).not.toContain(secret);
		expect((trigger.staticData.subscription as IDataObject).secret).toBeUndefined();
		// ISC never gives the secret back.
		const listed = await fetch(`${isc.sandbox.url}/trigger-subscriptions/v1`, { headers: { Authorization: `Bearer ${ISC_TOKEN}` } });
		expect(JSON.stringify(await listed.json())).not.toContain(secret);

		isc.sandbox.clearLog();
		expect(await trigger.activate({ activation: 'init' })).toBe('reused');
		expect(service().subscriptions.map((entry) => entry.id)).toEqual([subscription.id]);
		expect(isc.sandbox.requests.filter((request) => request.method !== 'GET')).toEqual([]);
	});

	test('a subscription deleted in ISC is created again; a changed setting replaces it; deactivation deletes it', async () => {
		const trigger = await eventTrigger({ event: 'idn:identity-created' });
		await trigger.activate();
		const first = service().subscriptions[0].id;
		service().subscriptions = [];
		expect(await trigger.activate()).toBe('created');
		const second = service().subscriptions[0].id;
		expect(second).not.toBe(first);

		trigger.setParameters({ event: 'idn:identity-created', callAuthentication: 'basicAuth' });
		expect(await trigger.activate()).toBe('created');
		expect(service().subscriptions).toHaveLength(1);
		expect(service().subscriptions[0]).toMatchObject({ httpConfig: { httpAuthenticationType: 'BASIC_AUTH', basicAuthConfig: { userName: 'n8n' } } });
		expect(service().subscriptions[0].id).not.toBe(second);

		trigger.setParameters({ event: 'idn:identity-attributes-changed', callAuthentication: 'basicAuth' });
		expect(await trigger.activate()).toBe('created');
		expect(service().subscriptions.map((entry) => entry.triggerId)).toEqual(['idn:identity-attributes-changed']);

		await trigger.deactivate();
		expect(service().subscriptions).toEqual([]);
		expect(trigger.staticData.subscription).toBeUndefined();
		// Deactivating again (already gone in ISC) is not an error.
		await trigger.deactivate();
	});

	test('deactivating and activating again rotates the secret: the old one gets 401', async () => {
		const trigger = await eventTrigger({ event: 'idn:identity-created' });
		await trigger.activate();
		const old = service().subscriptions[0];
		const oldSecret = old.httpConfig!.bearerTokenAuthConfig!.bearerToken!;
		await trigger.deactivate();
		expect(await trigger.activate()).toBe('created');
		const [fresh] = service().subscriptions;
		const newSecret = fresh.httpConfig!.bearerTokenAuthConfig!.bearerToken!;
		expect(fresh.id).not.toBe(old.id);
		expect(newSecret).not.toBe(oldSecret);
		const post = (secret: string) =>
			fetch(trigger.webhookUrl(), { method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' }, body: '{}' });
		expect((await post(oldSecret)).status).toBe(401);
		expect((await post(newSecret)).status).toBe(200);
		await trigger.idle();
	});

	test('a subscription stored with its secret by an earlier version works until activation replaces it with a new secret', async () => {
		const trigger = await eventTrigger({ event: 'idn:identity-created' });
		await trigger.activate();
		// As the earlier version stored it: the secret itself, no fingerprint.
		const legacySecret = 'legacy-secret-0123456789abcdefghijklmnopqrstuv';
		const legacy = service().subscriptions[0];
		legacy.httpConfig!.bearerTokenAuthConfig = { bearerToken: legacySecret };
		const stored = trigger.staticData.subscription as IDataObject;
		delete stored.verifier;
		stored.secret = legacySecret;
		const post = (secret: string) =>
			fetch(trigger.webhookUrl(), { method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' }, body: '{}' });
		expect((await post(legacySecret)).status).toBe(200);

		// Restart (activation "init"): the readable secret is not reused.
		expect(await trigger.activate({ activation: 'init' })).toBe('created');
		expect(service().subscriptions).toHaveLength(1);
		expect(service().subscriptions[0].id).not.toBe(legacy.id);
		expect(JSON.stringify(trigger.staticData)).not.toContain(legacySecret);
		expect(trigger.staticData.subscription).toMatchObject({ verifier: expect.any(String) });
		expect((trigger.staticData.subscription as IDataObject).secret).toBeUndefined();
		expect((await post(legacySecret)).status).toBe(401);
		expect((await post(service().subscriptions[0].httpConfig!.bearerTokenAuthConfig!.bearerToken!)).status).toBe(200);
		await trigger.idle();
	});

	test('a subscription to the same URL whose secret n8n lost is replaced', async () => {
		const trigger = await eventTrigger({ event: 'idn:identity-created' });
		await trigger.activate();
		delete trigger.staticData.subscription;
		expect(await trigger.activate()).toBe('created');
		expect(service().subscriptions).toHaveLength(1);
	});

	test('the filter is checked with validate-filter before subscribing, and ISC applies it', async () => {
		const bad = await eventTrigger({ event: 'idn:identity-created', filter: '$[?($.identity.name == ' });
		await expect(bad.activate()).rejects.toThrow(/"Filter" parameter is not a JSONPath expression/);
		expect(service().subscriptions).toEqual([]);

		const trigger = await eventTrigger({ event: 'idn:identity-created', filter: '$[?($.attributes.department == "Finance")]' });
		await trigger.activate();
		expect(service().subscriptions[0].filter).toBe('$[?($.attributes.department == "Finance")]');
		service().fire('idn:identity-created', { identity: { type: 'IDENTITY', id: 'a', name: 'A' }, attributes: { department: 'Sales' } });
		service().fire('idn:identity-created', { identity: { type: 'IDENTITY', id: 'b', name: 'B' }, attributes: { department: 'Finance' } });
		await service().settled();
		await trigger.idle();
		expect(trigger.calls.map((call) => call.run?.output('SailPoint Event Trigger')[0].json.identity)).toEqual([{ type: 'IDENTITY', id: 'b', name: 'B' }]);
	});

	test('bad settings fail before any request, naming the field', async () => {
		const trigger = await eventTrigger({ event: PRE_APPROVAL, respond: 'completeInvocation', responseDeadline: 'one hour' });
		await expect(trigger.activate()).rejects.toThrow(/"Response Deadline" parameter must be an ISO-8601 duration/);
		const fixed = await eventTrigger({ event: PRE_APPROVAL, respond: 'fixedAnswer', fixedAnswer: '[1]' });
		await expect(fixed.activate()).rejects.toThrow(/"Fixed Answer" parameter must be a JSON object/);
		const none = await eventTrigger({});
		await expect(none.activate()).rejects.toThrow(/"Event" parameter is required/);
		expect(isc.sandbox.requests).toEqual([]);
		const unknown = await eventTrigger({ event: 'idn:no-such-trigger' });
		await expect(unknown.activate()).rejects.toThrow(/has no event trigger "idn:no-such-trigger"/);
	});

	test('a request-response trigger already subscribed elsewhere: the error names the holder', async () => {
		const other = await eventTrigger({ event: PRE_APPROVAL });
		await other.activate();
		const trigger = await eventTrigger({ event: PRE_APPROVAL });
		await expect(trigger.activate()).rejects.toThrow(/allows one subscription to idn:access-request-pre-approval, and "n8n: Event workflow"/);
	});
});

describe('Calls from ISC', () => {
	test('a call without the secret, or with a wrong one, gets 401 and starts nothing', async () => {
		const trigger = await eventTrigger({ event: 'idn:identity-created' });
		await trigger.activate();
		const url = trigger.webhookUrl();
		const post = (headers: Record<string, string>) =>
			fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{"identity":{}}' });
		expect((await post({})).status).toBe(401);
		expect((await post({ Authorization: 'Bearer wrong' })).status).toBe(401);
		const secret = service().subscriptions[0].httpConfig!.bearerTokenAuthConfig!.bearerToken!;
		expect((await post({ Authorization: `Basic ${Buffer.from(`n8n:${secret}`).toString('base64')}` })).status).toBe(401);
		// What the workflow stores is of no use to a forger.
		const verifier = String((trigger.staticData.subscription as IDataObject).verifier);
		expect((await post({ Authorization: `Bearer ${verifier}` })).status).toBe(401);
		expect((await post({ Authorization: verifier })).status).toBe(401);
		await trigger.idle();
		expect(trigger.calls.every((call) => !call.started)).toBe(true);
		expect((await post({ Authorization: `Bearer ${secret}` })).status).toBe(200);
		await trigger.idle();
		expect(trigger.calls.at(-1)!.started).toBe(true);
	});

	test('Basic authentication: ISC\'s calls pass, others are refused', async () => {
		const trigger = await eventTrigger({ event: 'idn:source-created', callAuthentication: 'basicAuth' });
		await trigger.activate();
		await testInvocation('idn:source-created');
		await trigger.idle();
		expect(trigger.calls).toHaveLength(1);
		expect(trigger.calls[0]).toMatchObject({ status: 200, started: true });
		expect(service().invocations[0]).toMatchObject({ status: 'COMPLETED' });
		expect(service().invocations[0].delivery?.authorization).toMatch(/^Basic /);
		const password = service().subscriptions[0].httpConfig!.basicAuthConfig!.password!;
		expect(password.length).toBeGreaterThanOrEqual(40);
		expect(JSON.stringify(trigger.staticData)).not.toContain(password);
		const refused = await fetch(trigger.webhookUrl(), { method: 'POST', headers: { Authorization: 'Basic bjhuOm5vcGU=' }, body: '{}' });
		expect(refused.status).toBe(401);
	});

	test.each(TRIGGERS.map((entry) => [entry.id, entry.type]))('%s (%s) is delivered as the item', async (triggerId) => {
		const definition = TRIGGERS.find((entry) => entry.id === triggerId)!;
		const trigger = await eventTrigger({ event: triggerId, respond: 'fixedAnswer', fixedAnswer: JSON.stringify(definition.exampleOutput ?? {}) });
		await trigger.activate();
		await testInvocation(triggerId);
		await trigger.idle();
		expect(trigger.calls).toHaveLength(1);
		const items = trigger.calls[0].run!.output('SailPoint Event Trigger');
		expect(items.map((item) => item.json)).toEqual([definition.exampleInput]);
		expect(service().invocations[0]).toMatchObject({ type: 'TEST', status: 'COMPLETED' });
		await trigger.deactivate();
	});
});

describe('What the item carries and when ISC gets its answer', () => {
	test('the invocation secret is declared a sensitive output field', () => {
		expect((new SailPointEventTrigger().description as { sensitiveOutputFields?: string[] }).sensitiveOutputFields).toEqual(['invocation.secret']);
	});

	test('an event answered at once (SYNC) carries no invocation and no secret, even if ISC sends _metadata', async () => {
		const trigger = await eventTrigger({ event: PRE_APPROVAL, respond: 'fixedAnswer' });
		await trigger.activate();
		const secret = service().subscriptions[0].httpConfig!.bearerTokenAuthConfig!.bearerToken!;
		const response = await fetch(trigger.webhookUrl(), {
			method: 'POST',
			headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ ...riskyInput, _metadata: { secret: 'invocation-secret-1', responseMode: 'sync', triggerId: PRE_APPROVAL, callbackURL: `${isc.sandbox.url}/trigger-invocations/v1/i-1/complete` } }),
		});
		expect(response.status).toBe(200);
		await trigger.idle();
		const item = trigger.calls[0].run!.output('SailPoint Event Trigger')[0].json;
		expect(item.accessRequestId).toBe('ar-risky');
		expect(item.invocation).toBeUndefined();
		expect(item._metadata).toBeUndefined();
		expect(JSON.stringify(trigger.calls[0].run!.run.data)).not.toContain('invocation-secret-1');
	});

	test('an event that needs no answer is acknowledged at once with {} even with Respond "When Last Node Finishes"', async () => {
		const trigger = await eventTrigger({ event: 'idn:identity-created', respond: 'lastNode' }, [{ name: 'Decide', node: new Decide(), parameters: {} }]);
		await trigger.activate();
		const [invocation] = service().fire('idn:identity-created', TRIGGERS.find((entry) => entry.id === 'idn:identity-created')!.exampleInput);
		await service().settled();
		await trigger.idle();
		// The answer is not the last node's item: ISC got {} before the run.
		expect(invocation.delivery).toMatchObject({ status: 200, body: {} });
		expect(trigger.calls[0].run!.output('Decide')[0].json).toMatchObject({ approver: 'n8n' });
		expect(trigger.calls[0].run!.output('SailPoint Event Trigger')[0].json.invocation).toBeUndefined();
	});
});

describe('Events that need an answer', () => {
	test('Respond "When Last Node Finishes": the workflow\'s decision is ISC\'s answer (approve low risk, deny the rest)', async () => {
		const trigger = await eventTrigger({ event: PRE_APPROVAL, respond: 'lastNode' }, [{ name: 'Decide', node: new Decide(), parameters: {} }]);
		await trigger.activate();
		expect(service().subscriptions[0].httpConfig?.httpDispatchMode).toBe('SYNC');
		const low = service().fire(PRE_APPROVAL, TRIGGERS.find((entry) => entry.id === PRE_APPROVAL)!.exampleInput);
		const risky = service().fire(PRE_APPROVAL, riskyInput);
		await service().settled();
		await trigger.idle();
		expect(low[0]).toMatchObject({ status: 'COMPLETED', answeredBy: 'response', output: { approved: true, comment: 'Low risk', approver: 'n8n' } });
		expect(risky[0]).toMatchObject({ status: 'COMPLETED', answeredBy: 'response', output: { approved: false, comment: 'Needs a person', approver: 'n8n' } });
	});

	test('Respond "Immediately With a Fixed Answer": ISC gets the answer at once and the workflow still runs', async () => {
		const trigger = await eventTrigger({
			event: 'idn:access-request-dynamic-approver',
			respond: 'fixedAnswer',
			fixedAnswer: '{"id": "2c9180877a826e68017a8c0b03da1a53", "name": "Security Team", "type": "GOVERNANCE_GROUP"}',
		});
		await trigger.activate();
		const [invocation] = service().fire('idn:access-request-dynamic-approver', riskyInput);
		await service().settled();
		await trigger.idle();
		expect(invocation).toMatchObject({ status: 'COMPLETED', output: { id: '2c9180877a826e68017a8c0b03da1a53', type: 'GOVERNANCE_GROUP' } });
		expect(trigger.calls[0].run!.output('SailPoint Event Trigger')[0].json.accessRequestId).toBe('ar-risky');
	});

	test('an answer that does not match the output schema fails the invocation, as in ISC', async () => {
		const trigger = await eventTrigger({ event: PRE_APPROVAL, respond: 'fixedAnswer', fixedAnswer: '{"approved": "yes"}' });
		await trigger.activate();
		const [invocation] = service().fire(PRE_APPROVAL, riskyInput);
		await service().settled();
		expect(invocation).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/approved must be true or false/) });
	});

	test('Respond "Later With Complete Invocation": ASYNC with the deadline; Complete Invocation answers with the id and secret the item carries', async () => {
		const complete = {
			name: 'Complete',
			node: new SailPointApprovals(),
			parameters: {
				resource: 'triggerInvocation',
				operation: 'complete',
				answer: 'decision',
				approved: "={{ $json.requestedItems.every(item => item.type === 'ACCESS_PROFILE') }}",
				comment: 'Decided by n8n',
				approver: 'n8n',
			},
		};
		const trigger = await eventTrigger({ event: PRE_APPROVAL, respond: 'completeInvocation', responseDeadline: 'PT30M' }, [complete]);
		await trigger.activate();
		expect(service().subscriptions[0]).toMatchObject({ responseDeadline: 'PT30M', httpConfig: { httpDispatchMode: 'ASYNC' } });
		const [invocation] = service().fire(PRE_APPROVAL, riskyInput);
		await service().settled();
		await trigger.idle();
		expect(invocation.delivery).toMatchObject({ status: 200, body: {} });
		const item = trigger.calls[0].run!.output('SailPoint Event Trigger')[0].json;
		expect(item.invocation).toMatchObject({ id: invocation.id, secret: invocation.secret, responseMode: 'async', triggerId: PRE_APPROVAL });
		expect(item._metadata).toBeUndefined();
		expect(trigger.calls[0].run!.output('Complete')[0].json).toEqual({ invocationId: invocation.id, completed: true, output: { approved: false, comment: 'Decided by n8n', approver: 'n8n' } });
		expect(invocation).toMatchObject({ status: 'COMPLETED', answeredBy: 'complete', output: { approved: false } });
		expect(JSON.stringify(trigger.calls[0].run!.output('Complete'))).not.toContain(invocation.secret);
	});

	test('Complete Invocation after the deadline, twice, or with a wrong secret: a clear error', async () => {
		const trigger = await eventTrigger({ event: PRE_APPROVAL, respond: 'completeInvocation' });
		await trigger.activate();
		const [late] = service().fire(PRE_APPROVAL, riskyInput);
		await service().settled();
		await trigger.idle();
		const { runNode } = await import('../../harness/run');
		const completeWith = async (id: string, secret: string) =>
			await runNode(new SailPointApprovals(), { resource: 'triggerInvocation', operation: 'complete', invocationId: id, invocationSecret: secret, answer: 'json', output: '{"approved": true, "comment": "ok", "approver": "n8n"}' }, { credentials: isc.credentials() });

		const wrong = await completeWith(late.id, 'not-the-secret');
		expect(wrong.error?.message).toMatch(/did not accept the answer.*secret: does not match/);
		service().expirePending();
		const expired = await completeWith(late.id, late.secret);
		expect(expired.error?.message).toMatch(/did not accept the answer.*failed/);
		expect(late).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/deadline/) });

		const [fresh] = service().fire(PRE_APPROVAL, riskyInput);
		await service().settled();
		expect((await completeWith(fresh.id, fresh.secret)).error).toBeUndefined();
		expect((await completeWith(fresh.id, fresh.secret)).error?.message).toMatch(/already completed/);
		const missing = await runNode(new SailPointApprovals(), { resource: 'triggerInvocation', operation: 'complete', invocationId: ' ', invocationSecret: 'x', answer: 'json' }, { credentials: isc.credentials() });
		expect(missing.error?.message).toBe('The "Invocation ID" parameter is required but is empty');
	});
});

describe('Listen for test event', () => {
	test('the test URL gets its own subscription with its own secret; ISC\'s test invocation reaches it; stopping deletes it', async () => {
		const trigger = await eventTrigger({ event: 'idn:identity-created' });
		await trigger.activate();
		expect(await trigger.activate({ test: true })).toBe('created');
		const urls = service().subscriptions.map((entry) => entry.httpConfig?.url);
		expect(urls).toEqual([trigger.webhookUrl(), trigger.webhookUrl(true)]);
		expect(trigger.webhookUrl(true)).toMatch(/\/webhook-test\//);
		await trigger.deactivate();
		expect(service().subscriptions.map((entry) => entry.httpConfig?.url)).toEqual([trigger.webhookUrl(true)]);
	});
});

import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { VenafiTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { VenafiWork } from '../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node';
import { nextYear } from '../harness/dates';
import { runNode } from '../harness/run';
import { selfSignedCertificate } from '../harness/tls';
import type { CannedResponse } from '../sandbox/server';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { ticketGuid, TPP_TOKEN } from '../sandbox/tpp';

/**
 * The bad-input catalogue for the Venafi nodes: each case must end in a clear error that names
 * the field or the cause, as an error item (Continue On Fail) that does not stop the workflow,
 * and without showing a secret (the harness checks that on every run).
 */

let sandbox: Sandbox;
let tlsSandbox: Sandbox;
const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 };
beforeAll(async () => {
	sandbox = await startSandbox();
	tlsSandbox = await startSandbox({ tls: selfSignedCertificate() });
});
afterAll(async () => {
	await sandbox.stop();
	await tlsSandbox.stop();
});

interface Case {
	node: () => INodeType;
	parameters: INodeParameters;
	items?: IDataObject[];
	credentials?: (url: string, tlsUrl: string) => IDataObject;
	canned?: [string, CannedResponse];
	error: RegExp;
}

const work = () => new VenafiWork(FAST_RETRY);
const ticket = () => new VenafiTicket(FAST_RETRY);
const details = (guid: unknown): Pick<Case, 'node' | 'parameters' | 'items'> => ({
	node: ticket,
	parameters: { operation: 'get', guid: '={{ $json.guid }}' },
	items: [{ guid: guid as never }],
});
const update = (parameters: INodeParameters, input: IDataObject = {}): Pick<Case, 'node' | 'parameters' | 'items'> => ({
	node: ticket,
	parameters: { operation: 'updateStatus', guid: ticketGuid(1), status: 'Approved', ...parameters },
	items: [input],
});
const listAll = { node: work, parameters: { operation: 'getAll', workType: '' } };
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const past = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

const cases: Record<string, Case> = {
	'Base URL without a scheme': { ...listAll, credentials: () => ({ baseUrl: 'tpp.venafi.example' }), error: /Base URL in the Venafi TPP credential must start with https:\/\// },
	'Base URL that is not a URL': { ...listAll, credentials: () => ({ baseUrl: 'not a url at all' }), error: /Base URL in the Venafi TPP credential must start with https:\/\// },
	'empty Base URL': { ...listAll, credentials: () => ({ baseUrl: '' }), error: /Base URL in the Venafi TPP credential must start with https:\/\/.*but it is ""/ },
	'Base URL with a path that is not TPP': { ...listAll, credentials: (url) => ({ baseUrl: `${url}/some/portal` }), error: /has no Client\/Work\/ endpoint at this Base URL \(HTTP 404\)/ },
	'wrong host': { ...listAll, credentials: () => ({ baseUrl: 'https://tpp.invalid' }), error: /could not be reached at https:\/\/tpp\.invalid: the host name/ },
	'nothing listening on the port': { ...listAll, credentials: () => ({ baseUrl: 'http://127.0.0.1:9' }), error: /nothing is listening at that address and port/ },
	'https against a plain-http server': { ...listAll, credentials: (url) => ({ baseUrl: url.replace('http:', 'https:') }), error: /does not speak TLS on that port|TLS handshake failed|connection dropped/ },
	'http against an https server': { ...listAll, credentials: (_url, tls) => ({ baseUrl: tls.replace('https:', 'http:') }), error: /connection dropped \(ECONNRESET\)/ },
	'self-signed server without the option': { ...listAll, credentials: (_url, tls) => ({ baseUrl: tls }), error: /TLS certificate is self-signed; .*"Allow Unauthorized Certificates"/ },
	'wrong token': { ...listAll, credentials: () => ({ accessToken: 'not-the-token-0000' }), error: /rejected the access token \(HTTP 401: invalid_token\)/ },
	'empty token': { ...listAll, credentials: () => ({ accessToken: '' }), error: /rejected the access token \(HTTP 401/ },
	'HTML error page (502 from a proxy)': { ...listAll, canned: ['/vedsdk', { status: 404, rawBody: '<html><body><h1>Not Found</h1></body></html>' }], error: /HTTP 404.*|HTML/ },
	'HTML page with status 200 (a login portal)': { ...listAll, canned: ['/vedsdk', { status: 200, rawBody: '<!doctype html><html>Sign in</html>' }], error: /with an HTML page instead of JSON/ },
	'invalid JSON body': { ...listAll, canned: ['/vedsdk', { status: 200, rawBody: '{"WorkName": "broken', headers: { 'Content-Type': 'application/json' } }], error: /with a body that is not JSON/ },
	'empty body where a Result is expected': { ...details(ticketGuid(1)), canned: ['/vedsdk', { status: 200, rawBody: '', headers: { 'Content-Type': 'application/json' } }], error: /Get Details failed for ticket .* \(no Result code in the answer: \(empty body\)\)/ },
	'JSON without a Result': { ...details(ticketGuid(1)), canned: ['/vedsdk', { status: 200, body: { Status: 'Pending' } }], error: /no Result code in the answer: \{"Status":"Pending"\}/ },
	'huge error body': { ...listAll, canned: ['/vedsdk', { status: 400, body: { error: 'invalid_request', error_description: 'x'.repeat(200_000) } }], error: /rejected the request to Client\/Work\/ \(HTTP 400: invalid_request\)/ },
	'Work Type resolving to null': { node: work, parameters: { operation: 'getAll', workType: '={{ $json.type }}' }, items: [{ type: null }], error: /"Work Type" parameter must be text .* but it is null/ },
	'Work Type resolving to a number': { node: work, parameters: { operation: 'getAll', workType: '={{ 42 }}' }, error: /"Work Type" parameter must be text .* but it is a number/ },
	'Work Type resolving to a list': { node: work, parameters: { operation: 'getAll', workType: '={{ ["a"] }}' }, error: /"Work Type" parameter must be text .* but it is a list/ },
	'GUID resolving to null': { ...details(null), error: /"Ticket GUID" parameter is required but is empty/ },
	'GUID resolving to an object': { ...details({ id: 1 }), error: /"Ticket GUID" parameter must be text, but it is an object/ },
	'GUID that is a number': { ...details(12345), error: /"Ticket GUID" parameter must be a GUID .* but it is "12345"/ },
	'GUID with a typo': { ...details('af415f09-d487-43de-ba2e-f61d089b4e6g'), error: /"Ticket GUID" parameter must be a GUID/ },
	'Status resolving to null': { ...update({ status: '={{ $json.s }}' }, { s: null }), error: /"Status" parameter is required: choose the decision \(Pending, Approved/ },
	'Status in the wrong case': { ...update({ status: '={{ "approved" }}' }), error: /"Status" parameter must be one of .* but it is "approved"/ },
	'Explanation resolving to an object': { ...update({ explanation: '={{ $json.e }}' }, { e: { text: 'x' } }), error: /"Explanation" parameter must be text, but it is an object/ },
	'Scheduled Start missing (from an expression)': { ...update({ status: 'Approved After', scheduledStart: '={{ $json.start }}' }, { start: null }), error: /"Scheduled Start" parameter is required when the status is "Approved After"/ },
	'Scheduled Start malformed': { ...update({ status: 'Approved After', scheduledStart: '31/12/2031 10:00' }), error: /"Scheduled Start" parameter must be a date and time/ },
	'Scheduled Start not a date (object)': { ...update({ status: 'Approved After', scheduledStart: '={{ $json.start }}' }, { start: { when: 'soon' } }), error: /"Scheduled Start" parameter must be a date and time/ },
	'Scheduled Start in the past': { ...update({ status: 'Approved After', scheduledStart: past(3) }), error: /"Scheduled Start" \(.*\) is in the past/ },
	'Scheduled Stop in the past': { ...update({ status: 'Approved Between', scheduledStart: past(3), scheduledStop: past(1) }), error: /"Scheduled Start" \(.*\) is in the past/ },
	'Scheduled Stop before the start': { ...update({ status: 'Approved Between', scheduledStart: future(3), scheduledStop: future(2) }), error: /"Scheduled Stop" \(.*\) must be after the "Scheduled Start"/ },
	'Scheduled Stop an impossible date': { ...update({ status: 'Approved Between', scheduledStart: future(1), scheduledStop: nextYear('13-01T00:00:00Z') }), error: /"Scheduled Stop" parameter must be a date and time/ },
	'Approvers with an empty entry': { ...update({ additionalFields: { approvers: '={{ ["local:a", ""] }}' } }), error: /"Approvers" parameter has an empty entry/ },
	'Approvers resolving to objects that are not identities': { ...update({ additionalFields: { approvers: '={{ [{ id: 1 }] }}' } }), error: /Each entry of "Approvers" must be .* but one is an object without PrefixedUniversal/ },
	'Approvers without an identity provider prefix': { ...update({ additionalFields: { approvers: ['jsmith'] } }), error: /Each entry of "Approvers" must be a prefixed universal ID .* but one is "jsmith"/ },
	'Reason that is not a number': { ...update({ additionalFields: { reason: '={{ "abc" }}' } }), error: /"Reason" field must be a whole number/ },
	'Reason with a fraction': { ...update({ additionalFields: { reason: 2.5 } }), error: /"Reason" field must be a whole number .* but it is "2.5"/ },
	'User Data resolving to a list': { ...update({ additionalFields: { userData: '={{ [1, 2] }}' } }), error: /"User Data" parameter must be text, but it is a list/ },
	'ticket that does not exist': { ...details('11111111-2222-4333-8444-555555555555'), error: /\(Result 3 TicketDoesNotExist\): the ticket does not exist/ },
};

test(`the catalogue has at least 30 cases (${Object.keys(cases).length})`, () => {
	expect(Object.keys(cases).length).toBeGreaterThanOrEqual(30);
});

test.each(Object.entries(cases))('%s: a clear error item, and the next item still runs', async (_name, entry) => {
	if (entry.canned) sandbox.queue(entry.canned[0], entry.canned[1]);
	const credentials = {
		venafiTppApi: {
			baseUrl: sandbox.url,
			accessToken: TPP_TOKEN,
			allowUnauthorizedCerts: false,
			...(entry.credentials?.(sandbox.url, tlsSandbox.url) ?? {}),
		},
	};
	const items = entry.items ?? [{}];
	const result = await runNode(entry.node(), entry.parameters, { credentials, items: [...items, ...items], continueOnFail: true });
	expect(result.error).toBeUndefined();
	expect(result.run.status).toBe('success');
	const first = result.items.find((item) => (item.pairedItem as { item: number }).item === 0);
	expect(String(first?.json.error ?? 'no error')).toMatch(entry.error);
	expect(String(first?.json.error)).not.toMatch(/\n\s+at /);
	// The second copy of the item ran too: Continue On Fail lets the rest of the run go on.
	expect(result.items.some((item) => (item.pairedItem as { item: number }).item === 1)).toBe(true);
});

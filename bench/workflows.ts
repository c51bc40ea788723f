import { randomUUID } from 'node:crypto';

import { newestVersion, sailPointCertifications, splitItems, venafiTicket, webhook, workflow, workItems, type Workflow, type WorkflowNode } from '../test/n8n/builder';

/**
 * The bench's workflows: webhook -> one item per entry of the body's `items` -> the node under
 * test. Each of our nodes has an HTTP Request node twin making the same calls with a header
 * credential (Authorization: Bearer ...), at the HTTP Request node's default settings.
 */

export const TPP_HEADER_CREDENTIAL = { id: 'bench-tpp-header1', name: 'TPP bearer header (bench)' };
export const TPP_TLS_CREDENTIAL = { id: 'bench-tpp-https01', name: 'Venafi TPP over HTTPS (bench)' };
export const ISC_HEADER_CREDENTIAL = { id: 'bench-isc-header1', name: 'ISC bearer header (bench)' };

// The .ts file by name: an import of `X.node` would load the codex file X.node.json beside it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { VenafiTicket } = require('../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node.ts') as typeof import('../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node');

/** The name of the node whose execution time is read. */
export const NODE_UNDER_TEST = 'Node Under Test';

export interface BenchWorkflow {
	id: string;
	path: string;
	workflow: Workflow;
	/** Nodes before the node under test whose time counts too (e.g. a Code node building batches). */
	alsoTimed?: string[];
}

/** The Code node of the "Code node + HTTP Request" way of deciding in batches. */
export const BUILD_BATCHES = 'Build Batches';

function benchWorkflow(id: string, name: string, node: WorkflowNode, before: WorkflowNode[] = []): BenchWorkflow {
	const path = `bench-${id.toLowerCase()}`;
	const hook = webhook(path);
	// The answer is not what is measured: keep it small.
	hook.parameters = { ...hook.parameters, responseMode: 'lastNode', responseData: 'noData' };
	return {
		id,
		path,
		workflow: workflow(id, `bench: ${name}`, [hook, splitItems(), ...before, node]),
		alsoTimed: before.length > 0 ? before.map((entry) => entry.name) : undefined,
	};
}

/** HTTP Request node v4.2 at its defaults, with a header credential. */
function httpRequest(
	credential: { id: string; name: string },
	parameters: Record<string, unknown>,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return {
		id: randomUUID(),
		name: NODE_UNDER_TEST,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [0, 0],
		parameters: { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth', options: {}, ...parameters },
		credentials: { httpHeaderAuth: credential },
		...extra,
	};
}

function jsonPost(url: string, fields: Array<[string, string]>) {
	return {
		method: 'POST',
		url,
		sendBody: true,
		contentType: 'json',
		specifyBody: 'keypair',
		bodyParameters: { parameters: fields.map(([name, value]) => ({ name, value })) },
	};
}

/**
 * Ours as the nodes panel adds it (the newest version, at its defaults: 1,000 Items in Flight),
 * the HTTP Request node, and two diagnostics: ours with Items in Flight 100 (the default of
 * versions 1-4, which saved workflows keep) and 10 (the default before that).
 */
export interface TicketSet {
	ours: BenchWorkflow;
	http: BenchWorkflow;
	oursAt100: BenchWorkflow;
	oursAt10: BenchWorkflow;
}

/**
 * Deciding the review items of one certification (the webhook's items: `{ id, certificationId }`
 * each, as Get Many Review Items puts them out): ours once for all items (Execute Once, the IDs
 * of every item; it sends them 250 per request, the spec's maximum); the HTTP Request node once
 * per item (one decision per request); a Code node building batches of 250, then the HTTP Request
 * node once per batch.
 */
export interface DecideSet {
	ours: BenchWorkflow;
	httpPerItem: BenchWorkflow;
	codeBatches: BenchWorkflow;
}

export interface BenchWorkflows {
	decide: DecideSet;
	ticketGet: TicketSet;
	ticketUpdate: TicketSet;
	/** Ticket Details over HTTPS through the delay proxy (self-signed certificate accepted). */
	tls: { ours: BenchWorkflow; http: BenchWorkflow };
	rateLimited: { ours: BenchWorkflow; http: BenchWorkflow; httpContinueOnFail: BenchWorkflow };
}

export function benchWorkflows(sandboxUrl: string, tlsUrl: string): BenchWorkflows {
	const tpp = `${sandboxUrl}/vedsdk/Workflow/Ticket`;
	const updateFields: Array<[string, string]> = [
		['GUID', '={{ $json.guid }}'],
		['Status', 'Approved'],
		['Explanation', 'Approved by the bench'],
	];
	const httpWorkItems = (extra: Partial<WorkflowNode> = {}) =>
		httpRequest(ISC_HEADER_CREDENTIAL, { method: 'GET', url: `${sandboxUrl}/work-items/v1?limit=1` }, extra);
	const getParameters = { resource: 'ticket', operation: 'get', guid: '={{ $json.guid }}' };
	const updateParameters = {
		resource: 'ticket',
		operation: 'updateStatus',
		guid: '={{ $json.guid }}',
		status: 'Approved',
		explanation: 'Approved by the bench',
		additionalFields: {},
	};
	const inFlight = (batchSize: number) => ({ options: { requestOptions: { values: { batchSize } } } });
	const newestTicket = { typeVersion: newestVersion(new VenafiTicket()) };
	const decideUrl = `=${sandboxUrl}/certifications/v1/{{ $json.certificationId }}/decide`;
	const decideBody = (body: string) => ({ method: 'POST', url: decideUrl, sendBody: true, contentType: 'json', specifyBody: 'json', jsonBody: `={{ ${body} }}` });
	const buildBatches: WorkflowNode = {
		id: randomUUID(),
		name: BUILD_BATCHES,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [0, 0],
		parameters: {
			mode: 'runOnceForAllItems',
			language: 'javaScript',
			jsCode: [
				'// The decide call takes at most 250 decisions.',
				'const items = $input.all();',
				'const batches = [];',
				'for (let start = 0; start < items.length; start += 250) {',
				'  const decisions = items.slice(start, start + 250).map((item) => ({ id: item.json.id, decision: "APPROVE", bulk: true, comments: "Approved by the bench" }));',
				'  batches.push({ json: { certificationId: items[start].json.certificationId, decisions } });',
				'}',
				'return batches;',
			].join('\n'),
		},
	};
	return {
		decide: {
			ours: benchWorkflow(
				'benchCertDecOurs',
				'SailPoint Certifications Decide, all items at once (ours)',
				sailPointCertifications(
					NODE_UNDER_TEST,
					{
						resource: 'certification',
						operation: 'decide',
						certificationId: { __rl: true, mode: 'id', value: '={{ $json.certificationId }}' },
						reviewItemIds: "={{ $('Split Items').all().map((item) => item.json.id) }}",
						decision: 'APPROVE',
						comment: 'Approved by the bench',
					},
					{ executeOnce: true },
				),
			),
			httpPerItem: benchWorkflow(
				'benchCertDecHtIt',
				'Certification decide, one call per item (HTTP Request)',
				httpRequest(ISC_HEADER_CREDENTIAL, decideBody("JSON.stringify([{ id: $json.id, decision: 'APPROVE', bulk: false, comments: 'Approved by the bench' }])")),
			),
			codeBatches: benchWorkflow(
				'benchCertDecHtBa',
				'Certification decide, Code node batches of 250 (HTTP Request)',
				httpRequest(ISC_HEADER_CREDENTIAL, decideBody('JSON.stringify($json.decisions)')),
				[buildBatches],
			),
		},
		ticketGet: {
			ours: benchWorkflow('benchTicketGetOu', 'Venafi Ticket Get Details (ours)', venafiTicket(NODE_UNDER_TEST, getParameters, newestTicket)),
			http: benchWorkflow('benchTicketGetHt', 'Ticket Details (HTTP Request)', httpRequest(TPP_HEADER_CREDENTIAL, jsonPost(`${tpp}/Details`, [['GUID', '={{ $json.guid }}']]))),
			oursAt100: benchWorkflow('benchTicketGe100', 'Venafi Ticket Get Details (ours, 100 in flight)', venafiTicket(NODE_UNDER_TEST, { ...getParameters, ...inFlight(100) }, newestTicket)),
			oursAt10: benchWorkflow('benchTicketGe010', 'Venafi Ticket Get Details (ours, 10 in flight)', venafiTicket(NODE_UNDER_TEST, { ...getParameters, ...inFlight(10) }, newestTicket)),
		},
		ticketUpdate: {
			ours: benchWorkflow('benchTicketUpdOu', 'Venafi Ticket Update Status (ours)', venafiTicket(NODE_UNDER_TEST, updateParameters, newestTicket)),
			http: benchWorkflow('benchTicketUpdHt', 'Ticket UpdateStatus (HTTP Request)', httpRequest(TPP_HEADER_CREDENTIAL, jsonPost(`${tpp}/UpdateStatus`, updateFields))),
			oursAt100: benchWorkflow('benchTicketUp100', 'Venafi Ticket Update Status (ours, 100 in flight)', venafiTicket(NODE_UNDER_TEST, { ...updateParameters, ...inFlight(100) }, newestTicket)),
			oursAt10: benchWorkflow('benchTicketUp010', 'Venafi Ticket Update Status (ours, 10 in flight)', venafiTicket(NODE_UNDER_TEST, { ...updateParameters, ...inFlight(10) }, newestTicket)),
		},
		tls: {
			ours: benchWorkflow(
				'benchTicketTlsOu',
				'Venafi Ticket Get Details over HTTPS (ours)',
				venafiTicket(NODE_UNDER_TEST, getParameters, newestTicket, TPP_TLS_CREDENTIAL),
			),
			http: benchWorkflow(
				'benchTicketTlsHt',
				'Ticket Details over HTTPS (HTTP Request)',
				httpRequest(TPP_HEADER_CREDENTIAL, {
					...jsonPost(`${tlsUrl}/vedsdk/Workflow/Ticket/Details`, [['GUID', '={{ $json.guid }}']]),
					options: { allowUnauthorizedCerts: true },
				}),
			),
		},
		rateLimited: {
			ours: benchWorkflow(
				'benchRateLimOurs',
				'Work Items, rate limited (ours, paced)',
				workItems(NODE_UNDER_TEST, {
					operation: 'getAll',
					returnAll: false,
					limit: 1,
					filters: {},
					options: {},
					requestOptions: { paceRequests: true, rateLimitRequests: 50, rateLimitWindow: 1 },
				}),
			),
			http: benchWorkflow('benchRateLimHttp', 'Work Items, rate limited (HTTP Request)', httpWorkItems()),
			httpContinueOnFail: benchWorkflow(
				'benchRateLimHtCf',
				'Work Items, rate limited (HTTP Request, On Error: Continue)',
				httpWorkItems({ onError: 'continueRegularOutput' }),
			),
		},
	};
}

export function allWorkflows(set: BenchWorkflows): BenchWorkflow[] {
	return [
		...Object.values(set.decide),
		...Object.values(set.ticketGet),
		...Object.values(set.ticketUpdate),
		...Object.values(set.tls),
		set.rateLimited.ours,
		set.rateLimited.http,
		set.rateLimited.httpContinueOnFail,
	];
}

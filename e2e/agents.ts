/*
 * `npm run test:e2e:agents`: the nodes as AI-agent tools and approvals with a person in the
 * loop, inside a real n8n (one `n8n start` for every case):
 * - the MCP example (examples/ai-mcp-approval-tools.json): n8n's MCP Server Trigger with our
 *   nodes attached as tools. A real MCP client (@modelcontextprotocol/sdk) lists the tools,
 *   checks their names, descriptions and input schemas, and calls them: reads return sandbox
 *   data, decisions change the sandbox, bad input gives a short error, no secret in any answer;
 * - the approval assistant example (Chat Trigger -> AI Agent) imports and uses only node types
 *   this n8n knows, with the same tools as the MCP example;
 * - the person-in-the-loop examples: a new pending SailPoint approval or Venafi ticket waits on
 *   an n8n form page; the suite fills it in over HTTP as a person would and checks that the
 *   decision reached the sandbox with the comment, and that an unanswered form changes nothing.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { INodeTypeDescription } from 'n8n-workflow';

import { ISC_IDENTITY_ID } from '../test/sandbox/isc';
import { TPP_TOKEN } from '../test/sandbox/tpp';
import type { Workflow, WorkflowNode } from '../test/n8n/builder';
import { SECRETS } from '../test/n8n/credentials';
import { nextYear } from './lib/dates';
import { launchBrowser } from './lib/browser';
import { docsDir, examplesDir, latestN8n, pinnedN8n } from '../test/n8n/paths';
import { propertiesFor } from '../test/harness/editorProperties';
import { packageOfType } from '../test/harness/packages';
import { runE2e } from './lib/main';
import { nodeOutput, OWNER, type ExecutionDetails } from '../test/n8n/rest';
import type { TestRun } from './lib/runner';
import type { Session } from '../test/n8n/session';

const install = process.argv.includes('--latest') ? latestN8n : pinnedN8n;
const seen: string[] = [];

/** The bearer token MCP clients present (an httpBearerAuth credential imported for the run). */
const MCP_TOKEN = 'mcp-client-token-e2e-Kq3Vx9LmT2';
const MCP_CREDENTIAL = { id: 'mcp-clients-bearer', name: 'MCP clients (bearer token)' };

function loadExample(file: string, id: string): Workflow {
	const workflow = JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as Workflow;
	return { ...workflow, id, active: false };
}

const MCP_EXAMPLE = loadExample('ai-mcp-approval-tools.json', 'exMcpApprovalToo');
const ASSISTANT_EXAMPLE = loadExample('ai-approval-assistant.json', 'exAiApprovalAsst');
const SAILPOINT_PAGE = loadExample('sailpoint-access-request-decision-page.json', 'exSpDecisionPage');
const VENAFI_PAGE = loadExample('venafi-ticket-decision-page.json', 'exVenDecisionPag');
const mcpTrigger = MCP_EXAMPLE.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger')!;
const MCP_PATH = String(mcpTrigger.parameters.path);

interface NodeTypeDescription {
	name: string;
	version: number | number[];
	defaults: { name: string };
	properties: Array<{ name: string; displayOptions?: { show?: Record<string, unknown[]> }; options?: Array<{ value: unknown; action?: string; description?: string }> }>;
}

/**
 * Node type descriptions as this n8n gives them to its editor (/types/nodes.json, which also
 * holds the "...Tool" variants n8n makes of nodes usable as tools), for the given nodes.
 */
async function nodeTypes(session: Session, nodes: WorkflowNode[]): Promise<NodeTypeDescription[]> {
	const response = await session.rest.get('/types/nodes.json');
	assert.equal(response.status, 200, 'n8n serves /types/nodes.json');
	const all = (await response.json()) as NodeTypeDescription[];
	const wanted = new Set(nodes.map((node) => node.type));
	return all.filter((type) => wanted.has(type.name));
}

/** The operation's option (its short action and its description) as this n8n serves it. */
function operationOption(node: WorkflowNode, types: NodeTypeDescription[]): { action: string; description: string; defaultName: string } {
	const type = types.find((entry) => entry.name === node.type);
	assert.ok(type, `n8n serves ${node.type}`);
	// A node lists its operations once per version range when their texts changed (Venafi TPP
	// Ticket's from version 4): the list shown at the tool's version, as n8n decides it.
	const shown = propertiesFor(type as unknown as INodeTypeDescription, node.typeVersion) as unknown as NodeTypeDescription['properties'];
	const operation = shown.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(node.parameters.resource));
	const option = operation?.options?.find((entry) => entry.value === node.parameters.operation);
	assert.ok(option?.action && option.description, `${node.type} has an action and a description for ${String(node.parameters.operation)}`);
	return { action: option.action, description: option.description, defaultName: type.defaults.name };
}

/**
 * The example's tools carry the operation's description as their Tool Description (set
 * manually: the guidance an agent needs, inputs, what it returns, whether it can be undone);
 * n8n's automatic one would be "<the operation's short action> in <the node's default name>".
 */
function expectedDescription(node: WorkflowNode, types: NodeTypeDescription[]): string {
	const { description } = operationOption(node, types);
	assert.equal(node.parameters.descriptionType, 'manual', `${node.name}: Tool Description set manually`);
	assert.equal(node.parameters.toolDescription, description, `${node.name}: the example's Tool Description is the operation's description of this version`);
	return description;
}

/** The $fromAI(key, description, type) inputs of a node's parameters. */
function fromAiInputs(node: WorkflowNode): Record<string, { description: string; type: string }> {
	const inputs: Record<string, { description: string; type: string }> = {};
	for (const match of JSON.stringify(node.parameters).matchAll(/\$fromAI\('([^']+)', '((?:[^'\\]|\\.)*)', '(\w+)'\)/g)) {
		inputs[match[1]] = { description: match[2].replace(/\\'/g, "'"), type: match[3] };
	}
	return inputs;
}

/** n8n's tool name for a node: its name with anything but letters, digits, - and _ as _. */
const toolName = (node: WorkflowNode) => node.name.replace(/[^a-zA-Z0-9_-]/g, '_');

interface ToolAnswer {
	isError: boolean;
	text: string;
	json: unknown;
}

class McpSession {
	private constructor(private readonly client: Client) {}

	static async connect(url: string, token: string): Promise<McpSession> {
		const transport = new StreamableHTTPClientTransport(new URL(url), {
			requestInit: { headers: { authorization: `Bearer ${token}` } },
		});
		const client = new Client({ name: 'n8n-nodes-venafi-sailpoint e2e', version: '1.0.0' });
		await client.connect(transport);
		return new McpSession(client);
	}

	async tools() {
		return (await this.client.listTools()).tools;
	}

	async call(name: string, args: Record<string, unknown>): Promise<ToolAnswer> {
		const result = await this.client.callTool({ name, arguments: args });
		const content = result.content as Array<{ type: string; text?: string }>;
		const text = content.map((part) => part.text ?? '').join('\n');
		seen.push(text);
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { isError: result.isError === true, text, json };
	}

	async close(): Promise<void> {
		await this.client.close();
	}
}

/** A tool's answer as items: n8n answers a node tool with the JSON of its output items. */
function answerItems(answer: ToolAnswer): Array<Record<string, unknown>> {
	assert.equal(answer.isError, false, `the tool failed: ${answer.text.slice(0, 500)}`);
	assert.ok(Array.isArray(answer.json), `the answer is a JSON list of items: ${answer.text.slice(0, 300)}`);
	return answer.json as Array<Record<string, unknown>>;
}

/** A short error an agent can act on: the field, no stack trace, no request sent. */
function assertClearError(answer: ToolAnswer, pattern: RegExp): void {
	assert.doesNotMatch(answer.text, /\n\s+at |\.js:\d+|\.ts:\d+/, `no stack trace in: ${answer.text.slice(0, 500)}`);
	assert.match(answer.text, pattern);
	const [item] = answerItems(answer);
	assert.equal(typeof item.error, 'string', `an error item: ${answer.text.slice(0, 300)}`);
}

function registerMcp(run: TestRun, session: Session): void {
	const { sandbox } = session;
	const url = `${session.main.url}/mcp/${MCP_PATH}`;
	const tools = MCP_EXAMPLE.nodes.filter((node) => packageOfType(node.type));
	// One MCP session per case, closed at its end: a session kept idle between cases can meet a
	// kept-alive connection n8n has already closed ("fetch failed"), which is not what is tested.
	let mcp: McpSession | undefined;
	const client = async () => (mcp ??= await McpSession.connect(url, MCP_TOKEN));
	const test = (name: string, fn: () => Promise<void>) =>
		run.test(name, async () => {
			try {
				await fn();
			} finally {
				await mcp?.close();
				mcp = undefined;
			}
		});

	test('MCP: the example publishes as is; a client without the bearer token is refused', async () => {
		const refused = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
			body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }),
		});
		assert.ok(refused.status === 401 || refused.status === 403, `without a token: ${refused.status}`);
		await assert.rejects(McpSession.connect(url, 'not-the-token'));
	});

	test('MCP: tools/list shows every tool with its name, the operation\'s description and the $fromAI inputs as a JSON schema', async () => {
		const listed = await (await client()).tools();
		const types = await nodeTypes(session, tools);
		assert.deepEqual(listed.map((tool) => tool.name).sort(), tools.map(toolName).sort());
		for (const node of tools) {
			const tool = listed.find((entry) => entry.name === toolName(node))!;
			assert.equal(tool.description, expectedDescription(node, types), `description of ${tool.name}`);
			assert.doesNotMatch(String(tool.description), /\b(GET|POST) |\/v\d\b|\{ID\}/, `${tool.name}: no endpoint`);
			const inputs = fromAiInputs(node);
			const schema = tool.inputSchema as { type: string; properties?: Record<string, { type: string; description?: string }>; required?: string[] };
			assert.equal(schema.type, 'object');
			assert.deepEqual(Object.keys(schema.properties ?? {}).sort(), Object.keys(inputs).sort(), `inputs of ${tool.name}`);
			for (const [key, { description, type }] of Object.entries(inputs)) {
				assert.equal(schema.properties![key].type, type, `${tool.name}.${key} type`);
				assert.equal(schema.properties![key].description, description, `${tool.name}.${key} description`);
			}
			assert.deepEqual([...(schema.required ?? [])].sort(), Object.keys(inputs).sort(), `${tool.name}: every input required`);
		}
		const decide = listed.find((tool) => tool.name === 'Decide_ticket')!;
		assert.match(String(decide.description), /Changes the ticket: .*cannot be undone/);
		assert.match(String(listed.find((tool) => tool.name === 'Get_ticket_details')!.description), /Read only\.$/);
		// The actions panel names: short, in n8n's style; the automatic tool description builds on them.
		const actions = Object.fromEntries(tools.map((node) => [node.name, operationOption(node, types).action]));
		assert.deepEqual(actions, {
			'Get ticket details': 'Get ticket details',
			'Decide ticket': 'Update ticket status',
			'List agent work': 'Get many agent work entries',
			'List work items': 'Get many work items',
			'Approve work item': 'Approve one item of a work item',
			'Reject work item': 'Reject one item of a work item',
			'List access requests': 'Get many pending access requests',
			'Approve access request': 'Approve an access request',
			'Reject access request': 'Reject an access request',
		});
		for (const action of Object.values(actions)) assert.ok(action.length <= 40, `short action: ${action}`);
	});

	test('MCP: reads return the sandbox\'s tickets, agent work, work items and access request approvals', async () => {
		sandbox.clearLog();
		const guid = 'af415f09-d487-43de-ba2e-f61d089b4e68';
		const [ticket] = answerItems(await (await client()).call('Get_ticket_details', { ticketGuid: guid }));
		assert.equal(ticket.GUID, guid);
		assert.equal(ticket.Status, sandbox.tpp.tickets.get(guid)!.Status);
		// The example's tools are the newest versions: Simplify (on from version 2) names the held object `Object`.
		assert.equal(ticket.Object, '\\VED\\Policy\\Regression\\four.venafi.example');

		const work = answerItems(await (await client()).call('List_agent_work', {}));
		assert.equal(work.length, sandbox.tpp.work.length);

		const items = answerItems(await (await client()).call('List_work_items', { limit: 3 }));
		const mine = sandbox.isc.workItems.filter((item) => item.ownerId === ISC_IDENTITY_ID).slice(0, 3);
		assert.deepEqual(items.map((item) => item.id), mine.map((item) => item.id));

		const approvals = answerItems(await (await client()).call('List_access_requests', {}));
		const pending = sandbox.accessRequestApprovals.pending.filter((approval) => approval.owner.id === ISC_IDENTITY_ID);
		assert.ok(pending.length > 0);
		assert.deepEqual(approvals.map((approval) => approval.id).sort(), pending.map((approval) => approval.id).sort());
		assert.ok(sandbox.requests.some((request) => request.path === '/vedsdk/Workflow/Ticket/Details'), 'the ticket was read from the sandbox');
	});

	test('MCP: decisions change the sandbox (ticket approved with the explanation, work item approved, access request rejected with the comment)', async () => {
		const guid = sandbox.tpp.addTicket({ ApprovalReason: 'MCP e2e' });
		const decided = answerItems(await (await client()).call('Decide_ticket', { ticketGuid: guid, status: 'Approved', explanation: 'Change window agreed (MCP e2e)' }));
		assert.equal(decided[0].Status, 'Approved');
		const ticket = sandbox.tpp.tickets.get(guid)!;
		assert.deepEqual([ticket.Status, ticket.ApprovalExplanation], ['Approved', 'Change window agreed (MCP e2e)']);

		const workItem = sandbox.isc.addWorkItem();
		const approvalItem = (Array.isArray(workItem.approvalItems) ? workItem.approvalItems[0] : workItem.approvalItems)!;
		const approved = answerItems(await (await client()).call('Approve_work_item', { workItemId: workItem.id, approvalItemId: approvalItem.id }));
		assert.equal(approved[0].id, workItem.id);
		assert.equal(approvalItem.state, 'FINISHED');

		const approval = sandbox.accessRequestApprovals.add();
		answerItems(await (await client()).call('Reject_access_request', { approvalId: approval.id, rejectComment: 'Not needed for this project (MCP e2e)' }));
		const decision = sandbox.accessRequestApprovals.decisions.find((entry) => entry.id === approval.id);
		assert.deepEqual([decision?.action, decision?.comment], ['reject', 'Not needed for this project (MCP e2e)']);
		assert.equal(sandbox.accessRequestApprovals.find(approval.id)?.state, 'REJECTED');
	});

	test('MCP: bad input gives a short error naming the field, with no stack trace and no request sent', async () => {
		sandbox.clearLog();
		const badGuid = await (await client()).call('Get_ticket_details', { ticketGuid: 'not-a-guid' });
		assertClearError(badGuid, /Ticket GUID/);
		const badStatus = await (await client()).call('Decide_ticket', { ticketGuid: 'af415f09-d487-43de-ba2e-f61d089b4e68', status: 'Maybe', explanation: 'x' });
		assertClearError(badStatus, /Status/);
		const badId = await (await client()).call('Approve_work_item', { workItemId: 'x y', approvalItemId: 'z' });
		assertClearError(badId, /Work Item ID/);
		assert.deepEqual(
			sandbox.requests.map((request) => request.path),
			[],
			'nothing was sent to the vendors',
		);
		assert.equal(sandbox.tpp.tickets.get('af415f09-d487-43de-ba2e-f61d089b4e68')!.Status, 'Pending', 'the ticket is unchanged');
	});

	test('MCP: an error from the vendor reaches the client as the vendor\'s reason', async () => {
		const unknown = await (await client()).call('Get_ticket_details', { ticketGuid: '00000000-0000-4000-8000-000000000bad' });
		assertClearError(unknown, /TicketDoesNotExist|does not exist/i);
	});

	test('MCP: no token or password in any tool answer or in n8n\'s log', async () => {
		const texts = [...seen, session.main.process.log];
		assert.ok(seen.length >= 8);
		for (const text of texts) for (const secret of [...SECRETS, TPP_TOKEN, MCP_TOKEN]) assert.ok(!text.includes(secret), `a secret leaked into: ${text.slice(0, 200)}`);
	});
}

function registerExamples(run: TestRun, session: Session): void {
	run.test('Approval assistant example: imported as is, every node type known to this n8n, the same tools as the MCP example', async () => {
		const stored = await session.rest.call<{ nodes: WorkflowNode[]; connections: Record<string, unknown> }>('GET', `/workflows/${ASSISTANT_EXAMPLE.id}`);
		assert.equal(stored.nodes.length, ASSISTANT_EXAMPLE.nodes.length);
		const known = await nodeTypes(session, stored.nodes);
		for (const node of stored.nodes) {
			const found = known.find((type) => type.name === node.type && [type.version].flat().includes(node.typeVersion));
			assert.ok(found, `n8n knows ${node.type} version ${node.typeVersion}`);
		}
		const names = new Set(stored.nodes.map((node) => node.name));
		for (const [from, outputs] of Object.entries(stored.connections)) {
			assert.ok(names.has(from), `connection from a node that exists: ${from}`);
			for (const targets of Object.values(outputs as Record<string, Array<Array<{ node: string }>>>)) for (const target of targets.flat()) assert.ok(names.has(target.node), `connection to ${target.node}`);
		}
		const ours = (workflow: Workflow | { nodes: WorkflowNode[] }) =>
			workflow.nodes.filter((node) => packageOfType(node.type)).map(({ name, type, parameters, onError }) => ({ name, type, parameters, onError }));
		assert.deepEqual(ours(stored), ours(MCP_EXAMPLE), 'the assistant uses the tools the MCP run proves');
		const agent = stored.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.agent')!;
		assert.match(String((agent.parameters.options as Record<string, unknown>).systemMessage), /only after the person has clearly said so/);
		const model = stored.nodes.find((node) => node.type.startsWith('@n8n/n8n-nodes-langchain.lmChat'))!;
		assert.equal(model.credentials, undefined, 'the model credential is left for the user');
	});
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new assert.AssertionError({ message: `timed out after ${timeoutMs} ms waiting for ${what}` });
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

function outputOf(execution: ExecutionDetails, node: string): Array<Record<string, unknown>> {
	const found = nodeOutput(execution, node);
	assert.ok(found, `node "${node}" did not run; nodes that ran: ${Object.keys(execution.data.resultData.runData).join(', ')}`);
	return found.map((item) => item.json);
}

function succeeded(execution: ExecutionDetails): void {
	const error = execution.data.resultData.error;
	assert.equal(execution.status, 'success', `execution ${execution.id} ended "${execution.status}": ${error?.message ?? ''} ${error?.description ?? ''}`);
}

/**
 * A person in the loop, as the examples run when published: the trigger's first poll records
 * what exists, `arrive()` adds a new pending approval or ticket in the sandbox, the next poll
 * (forced by publishing again) emits it, and the execution waits on the form page. Returns the
 * page's URL and what is needed to follow the execution.
 */
async function waitingForm(session: Session, workflowId: string, pollPath: string, arrive: () => void) {
	const { rest, sandbox } = session;
	const polls = () => sandbox.requests.filter((request) => request.path === pollPath).length;
	const last = await rest.latestExecutionId();
	await rest.activate(workflowId);
	await waitUntil(() => polls() >= 1, 30_000, 'the first poll');
	arrive();
	const before = polls();
	await rest.deactivate(workflowId);
	await rest.activate(workflowId);
	await waitUntil(() => polls() > before, 30_000, 'the poll after the new arrival');
	let waiting = '';
	await waitUntil(
		async () => {
			waiting = (await rest.executionsAfter(workflowId, last)).find((execution) => execution.status === 'waiting')?.id ?? '';
			return waiting !== '';
		},
		30_000,
		'the execution waiting for the form',
	);
	// The page's link as n8n gives it to the person: "Ask the approver" puts
	// $execution.resumeFormUrl in the message to send. n8n 2.8 gives /form-waiting/<execution>;
	// n8n 2.41 adds ?signature=<the execution's resumeToken>, and its WaitingForms.executeWebhook
	// answers 401 "Invalid Form Link" to a request without it, so the link cannot be rebuilt from
	// the execution id.
	const execution = await rest.execution(waiting);
	const [asked] = outputOf(execution, 'Ask the approver');
	const url = String(asked.formUrl);
	assert.ok(url.startsWith(`${session.main.url}/form-waiting/${waiting}`), `the form's link leads to this execution's page: ${url}`);
	assert.ok(String(asked.message).endsWith(`Decide here: ${url}`), 'the message to the person carries the same link');
	return { url, last, waiting };
}

/** Fills in the form page as a browser does (multipart, the fields in page order). */
async function submitForm(url: string, values: string[]): Promise<string> {
	const form = new FormData();
	values.forEach((value, index) => form.append(`field-${index}`, value));
	const response = await fetch(url, { method: 'POST', body: form });
	const text = await response.text();
	assert.ok(response.status < 400, `the form submission answered ${response.status}: ${text.slice(0, 300)}`);
	seen.push(text);
	return text;
}

function registerPersonInTheLoop(run: TestRun, session: Session): void {
	const { sandbox, rest } = session;
	const test = (name: string, workflowId: string, fn: () => Promise<void>) =>
		run.test(name, async () => {
			try {
				await fn();
			} finally {
				await rest.deactivate(workflowId);
			}
		});
	const approvals = sandbox.accessRequestApprovals;
	const tickets = sandbox.tpp.tickets;

	test('Person in the loop, SailPoint: a new access request waits on a page showing who asks what for whom; Approve sends the comment, then a confirmation', SAILPOINT_PAGE.id, async () => {
		let approval: ReturnType<typeof approvals.add> | undefined;
		const page = await waitingForm(session, SAILPOINT_PAGE.id, '/access-request-approvals/v1/pending', () => (approval = approvals.add()));
		const signed = new URL(page.url);
		if (signed.searchParams.has('signature')) {
			// n8n 2.41: the link is signed; the page without the signature is not shown.
			signed.searchParams.delete('signature');
			assert.equal((await fetch(signed)).status, 401, 'the page without the link\'s signature is refused');
		}
		const html = await (await fetch(page.url)).text();
		assert.match(html, new RegExp(`Access request: ${approval!.requestedObject.name} for ${approval!.requestedFor.name}`));
		assert.ok(html.includes(String(approval!.requester.name)), 'the page names the requester');
		assert.ok(html.includes('I need this for my project.'), "the page shows the requester's comment");
		const decisionsOf = (id: string) => approvals.decisions.filter((entry) => entry.id === id).map(({ action, comment }) => ({ action, comment }));
		assert.deepEqual(decisionsOf(approval!.id), [], 'nothing decided while the page waits');
		assert.ok(html.includes('your decision was recorded in SailPoint'), 'the page has its confirmation text');
		// "When Last Node Finishes": the page gets its answer once the workflow has ended, so the
		// decision is in SailPoint by the time the person sees the confirmation.
		await submitForm(page.url, ['Approve', 'Fine for the Q4 project (e2e)']);
		assert.deepEqual(decisionsOf(approval!.id), [{ action: 'approve', comment: 'Fine for the Q4 project (e2e)' }]);
		const done = await rest.waitForExecution(SAILPOINT_PAGE.id, page.last, 30_000);
		seen.push(done.raw);
		succeeded(done);
		assert.deepEqual(decisionsOf(approval!.id), [{ action: 'approve', comment: 'Fine for the Q4 project (e2e)' }]);
		assert.equal(approvals.find(approval!.id)?.state, 'APPROVED');
		assert.match(String(outputOf(done, 'Confirmation')[0].confirmation), new RegExp(`^Access request ${approval!.id} .*: approved in SailPoint with the comment "Fine for the Q4 project \\(e2e\\)"\\.$`));
	});

	test('Person in the loop, SailPoint: Reject on the page rejects with the comment; an unanswered page changes nothing', SAILPOINT_PAGE.id, async () => {
		let approval: ReturnType<typeof approvals.add> | undefined;
		const page = await waitingForm(session, SAILPOINT_PAGE.id, '/access-request-approvals/v1/pending', () => (approval = approvals.add()));
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		assert.equal(approvals.decisions.some((entry) => entry.id === approval!.id), false, 'unanswered: no decision sent');
		assert.equal(approvals.find(approval!.id)?.state ?? 'PENDING', 'PENDING');
		assert.deepEqual((await rest.executionsAfter(SAILPOINT_PAGE.id, page.last)).map((execution) => execution.status), ['waiting']);
		await submitForm(page.url, ['Reject', 'Use the shared read-only role instead (e2e)']);
		const done = await rest.waitForExecution(SAILPOINT_PAGE.id, page.last, 30_000);
		succeeded(done);
		const decision = approvals.decisions.find((entry) => entry.id === approval!.id);
		assert.deepEqual([decision?.action, decision?.comment], ['reject', 'Use the shared read-only role instead (e2e)']);
		assert.match(String(outputOf(done, 'Confirmation')[0].confirmation), /: rejected in SailPoint with the comment "Use the shared read-only role instead \(e2e\)"\.$/);
	});

	test('Person in the loop, Venafi: a new pending ticket waits on a page; "Approve in the change window" sets Approved Between the dates with the explanation', VENAFI_PAGE.id, async () => {
		let guid = '';
		const page = await waitingForm(session, VENAFI_PAGE.id, '/vedsdk/Workflow/Ticket/Enumerate', () => {
			guid = sandbox.tpp.addTicket({ Blocking: '\\VED\\Policy\\Certificates\\shop.venafi.example', ApprovalReason: 'Renewal before expiry' });
		});
		const html = await (await fetch(page.url)).text();
		assert.match(html, /Venafi approval: shop\.venafi\.example/);
		assert.ok(html.includes('Renewal before expiry') && html.includes(guid), 'the page shows the ticket and its reason');
		assert.equal(tickets.get(guid)!.Status, 'Pending', 'unanswered: the ticket is still pending');
		// A weekend change window next year: the node refuses a schedule in the past.
		const [from, to] = [nextYear('11-29'), nextYear('11-30')];
		await submitForm(page.url, ['Approve in the change window', from, to, 'Weekend change window CHG-1234 (e2e)']);
		const done = await rest.waitForExecution(VENAFI_PAGE.id, page.last, 30_000);
		seen.push(done.raw);
		succeeded(done);
		const ticket = tickets.get(guid)!;
		assert.deepEqual([ticket.Status, ticket.ApprovalExplanation], ['Approved Between', 'Weekend change window CHG-1234 (e2e)']);
		const sent = sandbox.requests.filter((request) => request.path === '/vedsdk/Workflow/Ticket/UpdateStatus').map((request) => request.body as Record<string, unknown>);
		assert.deepEqual(sent.map(({ GUID, Status, ScheduledStart, ScheduledStop }) => ({ GUID, Status, ScheduledStart, ScheduledStop })), [
			// The workflow's time zone is UTC here (GENERIC_TIMEZONE), so the dates are UTC midnight.
			{ GUID: guid, Status: 'Approved Between', ScheduledStart: `${from}T00:00:00.000Z`, ScheduledStop: `${to}T00:00:00.000Z` },
		]);
		const confirmation = String(outputOf(done, 'Confirmation')[0].confirmation);
		assert.ok(confirmation.endsWith(`is now Approved Between from ${from}T00:00:00.000Z to ${to}T00:00:00.000Z: "Weekend change window CHG-1234 (e2e)".`), confirmation);
	});

	test('Person in the loop, Venafi: Reject on the page rejects with the explanation, Approve now approves', VENAFI_PAGE.id, async () => {
		let guid = '';
		const page = await waitingForm(session, VENAFI_PAGE.id, '/vedsdk/Workflow/Ticket/Enumerate', () => (guid = sandbox.tpp.addTicket()));
		await submitForm(page.url, ['Reject', '', '', 'Wrong key size (e2e)']);
		const done = await rest.waitForExecution(VENAFI_PAGE.id, page.last, 30_000);
		succeeded(done);
		assert.deepEqual([tickets.get(guid)!.Status, tickets.get(guid)!.ApprovalExplanation], ['Rejected', 'Wrong key size (e2e)']);

		let second = '';
		const next = await waitingForm(session, VENAFI_PAGE.id, '/vedsdk/Workflow/Ticket/Enumerate', () => (second = sandbox.tpp.addTicket()));
		await submitForm(next.url, ['Approve now', '', '', 'Routine renewal (e2e)']);
		succeeded(await rest.waitForExecution(VENAFI_PAGE.id, next.last, 30_000));
		assert.deepEqual([tickets.get(second)!.Status, tickets.get(second)!.ApprovalExplanation], ['Approved', 'Routine renewal (e2e)']);
	});
}

/** Where `--screenshots` saves each example's editor canvas (docs/editor/example-*.png). */
const SCREENSHOTS: Array<[Workflow, string]> = [
	[MCP_EXAMPLE, 'example-ai-mcp-approval-tools.png'],
	[ASSISTANT_EXAMPLE, 'example-ai-approval-assistant.png'],
	[SAILPOINT_PAGE, 'example-sailpoint-access-request-decision-page.png'],
	[VENAFI_PAGE, 'example-venafi-ticket-decision-page.png'],
];

/**
 * `--screenshots`: opens each example in the editor (headless Chromium), checks that every one
 * of our nodes (tools included) is drawn with the package's icon, and saves the canvas.
 */
function registerScreenshots(run: TestRun, session: Session): void {
	run.test('Editor screenshots of the four examples, every one of our nodes drawn with its icon', async () => {
		const browser = await launchBrowser();
		try {
			const page = await browser.context.newPage();
			// The editor's bundle is large: a busy machine needs more than Playwright's 30 s.
			page.setDefaultTimeout(180_000);
			await page.goto(`${session.main.url}/signin`);
			await page.locator('input[type="email"]').fill(OWNER.email);
			await page.locator('input[type="password"]').fill(OWNER.password);
			await page.locator('input[type="password"]').press('Enter');
			await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
			mkdirSync(join(docsDir, 'editor'), { recursive: true });
			for (const [example, file] of SCREENSHOTS) {
				await page.goto(`${session.main.url}/workflow/${example.id}`);
				await page
					.locator('[data-test-id="canvas-node"]')
					.first()
					.waitFor()
					.catch(async (error: unknown) => {
						// What the editor showed instead, for whoever reads the failure.
						await page.screenshot({ path: join(session.home.logDir, `failed-${file}`) }).catch(() => undefined);
						throw error;
					});
				await page.waitForLoadState('networkidle');
				const drawn = await page.evaluate(() =>
					[...document.querySelectorAll('[data-test-id="canvas-node"]')].map((element) => ({
						name: element.getAttribute('data-node-name') ?? '',
						icons: ([...element.querySelectorAll('img')] as HTMLImageElement[]).map((image) => ({ src: image.src, loaded: image.complete && image.naturalWidth > 0 })),
					})),
				);
				for (const node of example.nodes.filter((entry) => packageOfType(entry.type))) {
					const found = drawn.find((entry) => entry.name === node.name);
					assert.ok(found, `${file}: "${node.name}" is not on the canvas`);
					const icon = found.icons.find((entry) => /venafi|sailpoint/i.test(entry.src));
					assert.ok(icon?.loaded, `${file}: "${node.name}" is drawn without the package's icon: ${JSON.stringify(found)}`);
				}
				await page.locator('[data-test-id="canvas-node"]').first().click();
				await page.keyboard.press('Escape');
				await page.keyboard.press('1');
				await page.waitForTimeout(800);
				await page.screenshot({ path: join(docsDir, 'editor', file) });
				process.stdout.write(`  saved docs/editor/${file}\n`);
			}
		} finally {
			await browser.close();
		}
	});
}

void runE2e(
	'End-to-end: the nodes as AI tools over MCP, and approvals with a person in the loop, inside a real n8n',
	{
		install,
		workflows: [MCP_EXAMPLE, ASSISTANT_EXAMPLE, SAILPOINT_PAGE, VENAFI_PAGE],
		activate: [MCP_EXAMPLE.id],
		extraCredentials: [{ ...MCP_CREDENTIAL, type: 'httpBearerAuth', data: { token: MCP_TOKEN } }],
	},
	(run, session) => {
		registerMcp(run, session);
		registerExamples(run, session);
		registerPersonInTheLoop(run, session);
		if (process.argv.includes('--screenshots')) registerScreenshots(run, session);
	},
);

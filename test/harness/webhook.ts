import type { AddressInfo } from 'node:net';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { HookContext, LoadOptionsContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodePropertyOptions,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials';
import { runTypeName } from './packages';
import { NodeTypeRegistry, credentialTypes, runWorkflow, type WorkflowNode, type WorkflowRun } from './run';

/**
 * Drives a webhook trigger the way n8n's server does for it: activation and deactivation call
 * its `webhookMethods` (checkExists, then create; delete) with n8n-core's real HookContext, and
 * a local HTTP server takes the calls made to its webhook URL and hands each to the node's
 * `webhook()` with n8n-core's real WebhookContext. What n8n's webhook helpers do next is
 * reproduced: a 401 the node wrote itself ends the call; otherwise the workflow runs (through
 * runWorkflow, n8n-core's WorkflowExecute) and the answer is the node's own (onReceived) or the
 * first item of the last node that ran (lastNode). The workflow's static data lives on one
 * Workflow object, as n8n's database keeps it between activations and calls.
 */

export interface WebhookTriggerOptions {
	trigger: INodeType;
	parameters: IDataObject;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Nodes after the trigger, connected in order. */
	downstream?: WorkflowNode[];
	/** The trigger node's name (expressions such as $('...') refer to it). */
	triggerName?: string;
}

export interface WebhookCall {
	status: number;
	/** Whether the call started a workflow run. */
	started: boolean;
	run?: WorkflowRun;
}

export const TRIGGER_NAME = 'SailPoint Event Trigger';

export class WebhookTrigger {
	readonly calls: WebhookCall[] = [];
	private server?: Server;
	private baseUrl = '';
	private workflow!: Workflow;
	private node!: INode;
	private credentialsHelper: TestCredentialsHelper;
	private readonly pending = new Set<Promise<void>>();
	/** n8n gives "Listen for test event" static data of its own, never saved with the workflow. */
	private testStaticData: IDataObject = {};

	constructor(private readonly options: WebhookTriggerOptions) {
		this.credentialsHelper = new TestCredentialsHelper(credentialTypes, { ...options.credentials });
	}

	async start(): Promise<this> {
		this.server = createServer((req, res) => {
			const handled = this.receive(req, res).catch((error: unknown) => {
				if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ message: String((error as Error).message ?? error) }));
			});
			const tracked = handled.finally(() => this.pending.delete(tracked));
			this.pending.add(tracked);
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		this.build(this.options.parameters);
		return this;
	}

	async stop(): Promise<void> {
		await this.idle();
		const server = this.server;
		this.server = undefined;
		server?.closeAllConnections();
		if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	/** Resolves when every call received so far has been answered and its run has finished. */
	async idle(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	/** The workflow's static data for the trigger node (what n8n saves to its database). */
	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** Changes the trigger's parameters, keeping the static data, as an edit of the workflow does. */
	setParameters(parameters: IDataObject): void {
		const saved = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
		this.build(parameters);
		this.workflow.staticData = Object.assign(this.workflow.staticData, saved);
	}

	webhookUrl(test = false): string {
		return this.hookContext(test ? 'manual' : 'trigger', 'activate', test).getNodeWebhookUrl('default')!;
	}

	/** Activation: checkExists, and create when it says the subscription is missing. */
	async activate(options: { test?: boolean; activation?: WorkflowActivateMode } = {}): Promise<'reused' | 'created'> {
		const methods = this.options.trigger.webhookMethods!.default!;
		return await this.withStaticData(options.test === true, async () => {
			const context = this.hookContext(options.test ? 'manual' : 'trigger', options.activation ?? 'activate', options.test === true);
			if (await methods.checkExists.call(context)) return 'reused';
			await methods.create.call(context);
			return 'created';
		});
	}

	/** n8n deactivates both kinds in mode "internal" (ActiveWorkflowManager, TestWebhooks). */
	async deactivate(options: { test?: boolean } = {}): Promise<void> {
		await this.withStaticData(options.test === true, async () => {
			const context = this.hookContext('internal', 'update', options.test === true);
			await this.options.trigger.webhookMethods!.default!.delete.call(context);
		});
	}

	private async withStaticData<T>(test: boolean, work: () => Promise<T>): Promise<T> {
		if (!test) return await work();
		const saved = this.workflow.staticData;
		this.workflow.staticData = this.testStaticData as typeof saved;
		try {
			return await work();
		} finally {
			this.testStaticData = this.workflow.staticData;
			this.workflow.staticData = saved;
		}
	}

	/** The editor's list of a loadOptions method. */
	async loadOptions(method: string): Promise<INodePropertyOptions[]> {
		const load = this.options.trigger.methods?.loadOptions?.[method];
		if (!load) throw new Error(`No loadOptions method ${method}`);
		const context = new LoadOptionsContext(this.workflow, this.node, this.additionalData(), 'parameters.event');
		return await load.call(context);
	}

	private build(parameters: IDataObject): void {
		const type = runTypeName(this.options.trigger.description);
		const types: Record<string, INodeType> = { [type]: this.options.trigger };
		this.node = {
			id: 'trigger-node',
			name: this.options.triggerName ?? TRIGGER_NAME,
			type,
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'c0ffee00-0000-4000-8000-000000000018',
			parameters: parameters as INode['parameters'],
			credentials: { sailPointIscApi: { id: 'sailPointIscApi-1', name: 'sailPointIscApi (test)' } },
		};
		for (const entry of this.options.downstream ?? []) types[runTypeName(entry.node.description)] = entry.node;
		const previous = this.workflow?.staticData;
		this.workflow = new Workflow({
			id: 'event-workflow',
			name: 'Event workflow',
			nodes: [this.node],
			connections: {},
			nodeTypes: new NodeTypeRegistry(types),
			active: true,
			settings: { timezone: 'UTC' },
			staticData: previous ? JSON.parse(JSON.stringify(previous)) : {},
		});
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentialsHelper,
			restApiUrl: `${this.baseUrl}/rest`,
			instanceBaseUrl: `${this.baseUrl}/`,
			webhookBaseUrl: `${this.baseUrl}/webhook`,
			webhookWaitingBaseUrl: `${this.baseUrl}/webhook-waiting`,
			webhookTestBaseUrl: `${this.baseUrl}/webhook-test`,
			formWaitingBaseUrl: `${this.baseUrl}/form-waiting`,
			variables: {},
			userId: 'test-user',
			...extra,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private description(): IWebhookDescription {
		return this.options.trigger.description.webhooks![0];
	}

	private webhookData(test: boolean, additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: 'webhook',
			webhookDescription: this.description(),
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalData,
			isTest: test,
		} as IWebhookData;
	}

	private hookContext(mode: 'trigger' | 'manual' | 'internal', activation: WorkflowActivateMode, test: boolean): HookContext {
		const additionalData = this.additionalData();
		return new HookContext(this.workflow, this.node, additionalData, mode, activation, this.webhookData(test, additionalData));
	}

	private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const text = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', this.baseUrl);
		const request = Object.assign(req, {
			body: text === '' ? {} : (JSON.parse(text) as IDataObject),
			query: Object.fromEntries(url.searchParams),
			params: {},
		});
		const test = url.pathname.startsWith('/webhook-test/');
		const additionalData = this.additionalData({ httpRequest: request, httpResponse: res } as never);
		const context = new WebhookContext(this.workflow, this.node, additionalData, test ? 'manual' : 'webhook', this.webhookData(test, additionalData), [], null);
		const result = await this.withStaticData(test, async () => await this.options.trigger.webhook!.call(context));
		const call: WebhookCall = { status: 0, started: result.workflowData !== undefined };
		this.calls.push(call);
		const mode = this.workflow.expression.getSimpleParameterValue(this.node, this.description().responseMode, 'webhook', {});
		if (!result.noWebhookResponse && (result.workflowData === undefined || mode !== 'lastNode')) {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(result.webhookResponse ?? { message: 'Workflow was started' }));
		}
		if (result.workflowData !== undefined) {
			call.run = await runWorkflow({
				nodes: [{ name: this.node.name, node: this.options.trigger, parameters: this.node.parameters }, ...(this.options.downstream ?? [])],
				items: result.workflowData[0].map((item) => item.json),
				credentials: this.options.credentials,
			});
			if (!res.headersSent) {
				const last = call.run.run.data.resultData.lastNodeExecuted;
				if (call.run.error || !last) {
					res.writeHead(500, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ message: call.run.error?.message ?? 'No node ran' }));
				} else {
					res.writeHead(200, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify(call.run.output(last)[0]?.json ?? {}));
				}
			}
		}
		call.status = res.statusCode;
	}
}

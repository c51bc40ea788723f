import { parseFlatted } from './flatted';

/** The builder account the e2e runs and the demo set up (a local, throw-away n8n). */
export const OWNER = {
	email: 'builder@example.com',
	password: 'Sandbox-Demo-1',
	firstName: 'Sandbox',
	lastName: 'Builder',
};

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
}

export interface NodeRun {
	executionStatus?: string;
	error?: { message?: string; description?: string; name?: string };
	data?: { main?: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }> | null> };
}

export interface ExecutionDetails extends ExecutionSummary {
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: { message?: string; description?: string; node?: { name?: string } };
			lastNodeExecuted?: string;
		};
	};
	/** The raw (flatted) execution data, to check that no secret is stored in it. */
	raw: string;
}

export interface WebhookAnswer {
	status: number;
	body: unknown;
	text: string;
}

/** GET /workflows/:id/publication-status of an n8n that publishes through its outbox (2.41). */
interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * The bits of n8n's internal REST API the e2e scripts need, with the owner's session cookie:
 * owner set-up/login, workflow activation, executions (the full run data of each node).
 */
export class N8nRest {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	/** Sets the owner up on a fresh instance (or signs in when that was done already). */
	async signIn(): Promise<void> {
		// On a busy machine n8n answers 503 "Database is not ready!" for a while after it prints
		// that the editor is accessible: wait for the database rather than fail the run.
		for (let attempt = 0; ; attempt++) {
			const probe = await fetch(`${this.baseUrl}/rest/login`, { method: 'GET' });
			if (probe.status !== 503 || attempt >= 60) break;
			await new Promise((resolve) => setTimeout(resolve, 2_000));
		}
		const setup = await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (setup.ok) {
			this.keepCookie(setup);
			return;
		}
		const login = await fetch(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		if (!login.ok) throw new Error(`Signing in to n8n failed: ${login.status} ${await login.text()}`);
		this.keepCookie(login);
	}

	private keepCookie(response: Response): void {
		const cookie = response.headers.getSetCookie().find((entry) => entry.startsWith('n8n-auth='));
		if (!cookie) throw new Error('n8n did not set its n8n-auth cookie');
		this.cookie = cookie.split(';')[0];
	}

	async call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const send = async () =>
			await fetch(`${this.baseUrl}/rest${path}`, {
				method,
				headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		let response: Response;
		try {
			response = await send();
		} catch (error) {
			// A GET sent on a kept-alive connection that n8n closed at that moment fails before
			// reaching it ("fetch failed"); sending it again is safe. Other methods are not repeated.
			if (method !== 'GET' || !(error instanceof TypeError)) throw error;
			response = await send();
		}
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest${path}: ${response.status} ${text.slice(0, 500)}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** A GET outside /rest with the owner's session (e.g. /types/nodes.json, which the editor loads). */
	async get(path: string): Promise<Response> {
		return await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie } });
	}

	/**
	 * Publishes the workflow's current version and returns once its triggers are live (its
	 * production webhooks registered, its polls started).
	 */
	async activate(workflowId: string): Promise<unknown> {
		const workflow = await this.call<{ versionId: string }>('GET', `/workflows/${workflowId}`);
		const answer = await this.call('POST', `/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
		await this.publicationSettled(workflowId, workflow.versionId);
		return answer;
	}

	/** Unpublishes the workflow and returns once its triggers are gone (with n8n's answer). */
	async deactivate(workflowId: string): Promise<unknown> {
		const answer = await this.call('POST', `/workflows/${workflowId}/deactivate`, {});
		await this.publicationSettled(workflowId, null);
		return answer;
	}

	private asyncPublication: Promise<boolean> | undefined;

	/**
	 * Whether this n8n applies (un)publishing after answering the request. n8n 2.8 registers a
	 * workflow's triggers inside POST /workflows/:id/activate. n8n 2.41 (with
	 * `workflows.useWorkflowPublicationService`, on by default and shown to the editor as
	 * settings.useWorkflowPublicationService) only records the publication in an outbox there
	 * (WorkflowService.activateWorkflow -> _publishViaOutbox) and answers; its
	 * WorkflowPublicationOutboxConsumer registers the webhooks a moment later, so a webhook
	 * called right after the answer is "not registered" (404). Such an n8n reports the progress at
	 * GET /workflows/:id/publication-status.
	 */
	private async publishesAsynchronously(): Promise<boolean> {
		this.asyncPublication ??= this.call<{ useWorkflowPublicationService?: boolean }>('GET', '/settings').then(
			(settings) => settings.useWorkflowPublicationService === true,
		);
		return await this.asyncPublication;
	}

	/**
	 * Waits until n8n has applied the last (un)publication: for a version, every trigger of it
	 * live; for `null` (unpublished), none left. A trigger that failed to start fails here, with
	 * n8n's reason, rather than as a webhook that is "not registered" later.
	 */
	private async publicationSettled(workflowId: string, versionId: string | null, timeoutMs = 60_000): Promise<void> {
		if (!(await this.publishesAsynchronously())) return;
		const deadline = Date.now() + timeoutMs;
		let status: PublicationStatus | undefined;
		while (Date.now() < deadline) {
			status = await this.call<PublicationStatus>('GET', `/workflows/${workflowId}/publication-status`);
			if (status.status !== 'in_progress') {
				if (versionId === null && status.status === 'not_published') return;
				if (versionId !== null && status.liveVersionId === versionId) {
					if (status.status === 'published') return;
					const failed = status.triggers.filter((trigger) => trigger.status === 'failed');
					throw new Error(`Publishing workflow ${workflowId} ended "${status.status}": ${failed.map((trigger) => `${trigger.nodeId}: ${trigger.errorMessage ?? ''}`).join('; ')}`);
				}
				if (versionId !== null && status.status === 'failed') {
					throw new Error(`Publishing workflow ${workflowId} failed: ${JSON.stringify(status.triggers)}`);
				}
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		throw new Error(`Workflow ${workflowId} was not ${versionId === null ? 'unpublished' : `published (version ${versionId})`} within ${timeoutMs} ms: ${JSON.stringify(status)}`);
	}

	/** Executions of a workflow newer than `afterId`, oldest first (finished or not). */
	async executionsAfter(workflowId: string, afterId: number): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = await this.call<{ results: ExecutionSummary[] }>('GET', `/executions?filter=${filter}&limit=20`);
		return list.results.filter((execution) => Number(execution.id) > afterId).sort((a, b) => Number(a.id) - Number(b.id));
	}

	async latestExecutionId(): Promise<number> {
		const list = await this.call<{ results: ExecutionSummary[] }>('GET', '/executions?limit=1');
		return list.results.length > 0 ? Number(list.results[0].id) : 0;
	}

	/** Waits for the first finished execution of the workflow newer than `afterId`. */
	async waitForExecution(workflowId: string, afterId: number, timeoutMs = 30_000): Promise<ExecutionDetails> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const list = await this.call<{ results: ExecutionSummary[] }>('GET', `/executions?filter=${filter}&limit=5`);
			const found = list.results
				.filter((execution) => Number(execution.id) > afterId && FINISHED.has(execution.status))
				.sort((a, b) => Number(a.id) - Number(b.id))[0];
			if (found) return await this.execution(found.id);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		throw new Error(`No finished execution of workflow ${workflowId} after #${afterId} within ${timeoutMs} ms`);
	}

	async execution(id: string): Promise<ExecutionDetails> {
		const execution = await this.call<ExecutionSummary & { data: string }>('GET', `/executions/${id}`);
		return { ...execution, raw: execution.data, data: parseFlatted(execution.data) as ExecutionDetails['data'] };
	}

	/** Calls a production webhook (no session needed). */
	async webhook(path: string, body: unknown, method = 'POST'): Promise<WebhookAnswer> {
		const response = await fetch(`${this.baseUrl}/webhook/${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: method === 'GET' ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// Not JSON; keep the text.
		}
		return { status: response.status, body: parsed, text };
	}

	/** Triggers a webhook workflow and returns the answer and the finished execution. */
	async trigger(workflowId: string, path: string, body: unknown): Promise<{ answer: WebhookAnswer; execution: ExecutionDetails }> {
		const before = await this.latestExecutionId();
		const answer = await this.webhook(path, body);
		const execution = await this.waitForExecution(workflowId, before);
		return { answer, execution };
	}
}

/** The items a node put out (first run, given output). */
export function nodeOutput(execution: ExecutionDetails, nodeName: string, output = 0) {
	const runs = execution.data.resultData.runData[nodeName];
	if (!runs) return undefined;
	return runs[0].data?.main?.[output] ?? [];
}

import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TestCredentialsHelper, testAdditionalData } from './credentials';
import { runTypeName } from './packages';
import { NodeTypeRegistry, credentialTypes } from './run';

/**
 * Drives a polling trigger the way n8n's ActiveWorkflows does for an active workflow: one
 * `Workflow` and one real n8n-core `PollContext` per activation, reused for every poll (so
 * static data lives in memory between polls), with n8n's real request helpers and the
 * credential's own authentication. n8n writes static data to its database after activating a
 * workflow and whenever a poll emits items; `saved` is that copy, and `restart()` builds a new
 * activation from it as a restarted n8n would.
 *
 * Manual test runs go through WorkflowExecute instead (see runNode in run.ts), as in n8n.
 */

export type PollResult = INodeExecutionData[][] | null;

export interface PollingTriggerOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	timezone?: string;
	/** Static data as n8n's database holds it (JSON); empty for a workflow never activated. */
	savedStaticData?: IDataObject;
	/**
	 * The poll budget n8n 2.38+ gives each poll (`getPollBudgetMs()`, which n8n-core 2.8's
	 * PollContext lacks); unset, the context is 2.8's.
	 */
	pollBudgetMs?: number;
	/** The trigger's node version (1 unless given), as a saved workflow names it. */
	typeVersion?: number;
}

const NODE_NAME = 'Trigger';

export class PollingTrigger {
	/** The database's copy of the workflow's static data (JSON text, as n8n stores it). */
	saved: string;
	/** Credential data by type; a test may replace an entry (a rotated token) between polls. */
	readonly credentials: Record<string, ICredentialDataDecryptedObject>;
	private active?: { workflow: Workflow; context: PollContext };

	constructor(
		private readonly nodeType: INodeType,
		private readonly parameters: INodeParameters,
		private readonly options: PollingTriggerOptions,
	) {
		this.credentials = { ...options.credentials };
		this.saved = JSON.stringify(options.savedStaticData ?? {});
	}

	/** Activates the workflow: n8n polls once right away, then saves the static data. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<PollResult> {
		const type = runTypeName(this.nodeType.description);
		const credentials: INode['credentials'] = {};
		for (const credential of this.nodeType.description.credentials ?? []) {
			credentials[credential.name] = { id: `${credential.name}-1`, name: `${credential.name} (test)` };
		}
		const node: INode = {
			id: 'trigger-node',
			name: NODE_NAME,
			type,
			typeVersion: this.options.typeVersion ?? 1,
			position: [0, 0],
			parameters: this.parameters,
			credentials,
		};
		const workflow = new Workflow({
			id: 'test-workflow',
			name: 'Test workflow',
			nodes: [node],
			connections: {},
			nodeTypes: new NodeTypeRegistry({ [type]: this.nodeType }),
			active: true,
			staticData: JSON.parse(this.saved) as IDataObject,
			settings: { timezone: this.options.timezone ?? 'UTC' },
		});
		const additionalData = testAdditionalData(new TestCredentialsHelper(credentialTypes, this.credentials));
		const context = new PollContext(workflow, node, additionalData, 'trigger', activation);
		const budget = this.options.pollBudgetMs;
		if (budget !== undefined) Object.assign(context, { getPollBudgetMs: () => budget });
		this.active = { workflow, context };
		const result = await this.runPoll();
		this.save();
		return result;
	}

	/** One scheduled poll of the active workflow. */
	async poll(): Promise<PollResult> {
		if (!this.active) throw new Error('Activate the trigger before polling');
		return await this.runPoll();
	}

	/** A new activation from the database's copy, as after an n8n restart. */
	restart(nodeType: INodeType = this.nodeType): PollingTrigger {
		return new PollingTrigger(nodeType, this.parameters, {
			...this.options,
			credentials: this.credentials,
			savedStaticData: JSON.parse(this.saved) as IDataObject,
		});
	}

	/** The node's static data as the running activation holds it in memory. */
	memory(): IDataObject {
		if (!this.active) throw new Error('Activate the trigger first');
		const key = `node:${NODE_NAME}`;
		return JSON.parse(JSON.stringify(this.active.workflow.staticData[key] ?? {})) as IDataObject;
	}

	private async runPoll(): Promise<PollResult> {
		const { context } = this.active!;
		const poll = this.nodeType.poll;
		if (!poll) throw new Error(`${this.nodeType.description.name} has no poll method`);
		const result = await poll.call(context);
		// n8n's __emit saves the static data before it starts the execution.
		if (result !== null) this.save();
		return result;
	}

	private save(): void {
		this.saved = JSON.stringify(this.active!.workflow.staticData);
	}
}

/** The JSON of every item a poll emitted (first output). */
export function emitted(result: PollResult): IDataObject[] {
	return (result?.[0] ?? []).map((item) => item.json);
}

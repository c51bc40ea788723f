import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionBaseError,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IConnections,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { SailPointIscApi } from '../../packages/sailpoint-isc/credentials/SailPointIscApi.credentials';
import { VenafiTppApi } from '../../packages/venafi-tpp/credentials/VenafiTppApi.credentials';
import { visibleText } from './assertions';
import { TestCredentialsHelper, testAdditionalData } from './credentials';
import { runTypeName } from './packages';

const SECRET_FIELDS = ['accessToken', 'password', 'clientSecret', 'refreshToken', 'sessionToken'];

function secretValues(sets: Array<Record<string, ICredentialDataDecryptedObject>>): string[] {
	const values = new Set<string>();
	for (const set of sets) {
		for (const data of Object.values(set)) {
			for (const field of SECRET_FIELDS) {
				const value = data[field];
				// Short values (a test's "nope") would match ordinary words.
				if (typeof value === 'string' && value.length >= 8) values.add(value);
			}
		}
	}
	return [...values];
}

/**
 * Runs nodes the way n8n runs them: a real `Workflow`, n8n-core's `WorkflowExecute`, its real
 * request helpers (axios, TLS options, error wrapping) and a credentials helper that applies
 * the credential types' own authentication. Only the server around them (database,
 * encryption, UI push) is left out.
 */


export const credentialTypes: Record<string, ICredentialType> = {
	venafiTppApi: new VenafiTppApi(),
	sailPointIscApi: new SailPointIscApi(),
};

export interface WorkflowNode {
	name: string;
	node: INodeType;
	parameters: INodeParameters;
	continueOnFail?: boolean;
	/** The node version the workflow was saved with; 1 (the first) unless given. */
	typeVersion?: number;
}

export interface RunOptions {
	nodes: WorkflowNode[];
	/** Each node's main output goes to the next one in the list unless given. */
	connections?: IConnections;
	items?: IDataObject[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	timezone?: string;
	/**
	 * Skip the closing scan of the whole output for secrets. Only for benchmarks: on 100,000
	 * items that scan would dominate the time and memory measured. Tests always scan.
	 */
	skipSecretScan?: boolean;
}

export interface WorkflowRun {
	run: IRun;
	/** Output items of a node, by name (first run, first output). */
	output(nodeName: string): INodeExecutionData[];
	/** The error that stopped the workflow, if any. */
	error?: ExecutionBaseError;
	credentialsHelper: TestCredentialsHelper;
}

/** The node types a test workflow uses, by their full type name. */
export class NodeTypeRegistry implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		return this.get(type);
	}

	getByNameAndVersion(type: string): INodeType {
		return this.get(type);
	}

	getKnownTypes() {
		return {};
	}

	private get(type: string): INodeType {
		const found = this.types[type];
		if (!found) throw new Error(`Unknown node type ${type}`);
		return found;
	}
}

export async function runWorkflow(options: RunOptions): Promise<WorkflowRun> {
	const types: Record<string, INodeType> = {};
	const nodes: INode[] = options.nodes.map((entry, index) => {
		const type = runTypeName(entry.node.description);
		types[type] = entry.node;
		const credentials: INode['credentials'] = {};
		for (const credential of entry.node.description.credentials ?? []) {
			credentials[credential.name] = { id: `${credential.name}-1`, name: `${credential.name} (test)` };
		}
		return {
			id: `node-${index}`,
			name: entry.name,
			type,
			typeVersion: entry.typeVersion ?? 1,
			position: [index * 200, 0],
			parameters: entry.parameters,
			credentials,
			onError: entry.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
		};
	});
	const connections: IConnections = options.connections ?? {};
	if (!options.connections) {
		for (let i = 0; i + 1 < nodes.length; i++) {
			connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
		}
	}

	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Test workflow',
		nodes,
		connections,
		nodeTypes: new NodeTypeRegistry(types),
		active: false,
		settings: { timezone: options.timezone ?? 'UTC' },
	});

	const credentialsHelper = new TestCredentialsHelper(credentialTypes, { ...(options.credentials ?? {}) });
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'Test workflow',
		nodes,
		connections,
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);
	const additionalData = testAdditionalData(credentialsHelper, {
		hooks,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not part of these tests');
		},
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
	});

	const start = nodes[0];
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: start,
					data: { main: [(options.items ?? [{}]).map((json) => ({ json }))] },
					source: null,
				},
			],
		},
	});

	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const runData = run.data.resultData.runData;
	const result: WorkflowRun = {
		run,
		error: run.data.resultData.error,
		credentialsHelper,
		output(nodeName: string) {
			return runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
		},
	};
	if (options.skipSecretScan) return result;
	// Every run of every test checks that no secret it used shows in what it produced.
	const secrets = secretValues([options.credentials ?? {}, ...credentialsHelper.updates.map((update) => ({ [update.type]: update.data }))]);
	const leaked = secrets.filter((secret) => visibleText(result).includes(secret));
	if (leaked.length > 0) throw new Error(`A secret leaked into the run's output or errors (${leaked.length} value(s))`);
	return result;
}

/** Runs one node on the given input items. */
export async function runNode(
	node: INodeType,
	parameters: INodeParameters,
	options: Omit<RunOptions, 'nodes'> & { continueOnFail?: boolean; typeVersion?: number } = {},
): Promise<WorkflowRun & { items: INodeExecutionData[] }> {
	const name = node.description.defaults.name ?? node.description.displayName;
	const result = await runWorkflow({
		...options,
		nodes: [
			{ name, node, parameters, continueOnFail: options.continueOnFail, typeVersion: options.typeVersion },
		],
	});
	return { ...result, items: result.output(name) };
}

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeParameters, INodeType, IRun, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from '../test/harness/credentials';
import { credentialTypes, PACKAGE } from '../test/harness/run';

/**
 * test/harness/run.ts's runNode, trimmed for a benchmark: the same real `Workflow`,
 * n8n-core `WorkflowExecute` and credentials helper, without the harness's closing scan of
 * the whole output for secrets (a JSON string of every item: on 100,000 items it would
 * dominate the memory and time measured). Tests keep using the harness itself.
 */
export async function runOneNode(
	node: INodeType,
	parameters: INodeParameters,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	items: IDataObject[] = [{}],
): Promise<IRun> {
	const type = `${PACKAGE}.${node.description.name}`;
	const nodeCredentials: INode['credentials'] = {};
	for (const credential of node.description.credentials ?? []) {
		nodeCredentials[credential.name] = { id: `${credential.name}-1`, name: `${credential.name} (bench)` };
	}
	const name = node.description.defaults.name ?? node.description.displayName;
	const nodes: INode[] = [{ id: 'node-0', name, type, typeVersion: 1, position: [0, 0], parameters, credentials: nodeCredentials }];
	const nodeTypes = {
		getByName: () => node,
		getByNameAndVersion: () => node,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ id: 'bench', name: 'bench', nodes, connections: {}, nodeTypes, active: false, settings: { timezone: 'UTC' } });
	const hooks = new ExecutionLifecycleHooks('manual', 'bench-execution', {
		id: 'bench',
		name: 'bench',
		nodes,
		connections: {},
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(credentialTypes, credentials),
		hooks,
		executeWorkflow: async () => {
			throw new Error('No sub-workflows in the bench');
		},
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'bench-user',
		variables: {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: nodes[0], data: { main: [items.map((json) => ({ json }))] }, source: null }],
		},
	});
	return await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
}

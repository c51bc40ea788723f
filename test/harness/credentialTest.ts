import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IDataObject,
	IHttpRequestHelper,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { createEmptyRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { TestCredentialsHelper, testAdditionalData } from './credentials';
import { credentialTypes } from './run';

/**
 * The editor's credential **Test** button, the way n8n 2.8.4's server runs it
 * (packages/cli/src/services/credentials-tester.service.ts, whose compiled code was read for
 * this): the saved data gets the type's defaults (as `applyDefaultsAndOverwrites` does), the
 * test request becomes the routing of a temporary No-Op node run by n8n-core's own
 * `RoutingNode` (so `preAuthentication`, `authenticate`, the 401 retry and n8n's request helper
 * are n8n's own), and the answer is judged as the tester judges it: the `rules` on a failed
 * request's status code, then the `responseSuccessBody` rules on the first item of a
 * successful one, else "Connection successful!". The server itself (database, encryption) is
 * left out; what the tester stores back goes to `stored`.
 */

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	/** What the editor shows under the credential. */
	message: string;
	/** The credential data after the test, as n8n would write it back (tokens obtained). */
	stored: ICredentialDataDecryptedObject;
}

/** What n8n makes of stored credential data before using it: the type's defaults filled in. */
export function asN8nReadsIt(typeName: string, saved: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	const type = credentialTypes[typeName];
	return NodeHelpers.getNodeParameters(type.properties, saved as never, true, false, null, null) as ICredentialDataDecryptedObject;
}

/** What the editor sends to be saved: only values that differ from the defaults (n8n's save path). */
export function asEditorSavesIt(typeName: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	const type = credentialTypes[typeName];
	return NodeHelpers.getNodeParameters(type.properties, data as never, false, false, null, null) as ICredentialDataDecryptedObject;
}

/**
 * n8n's tester builds its temporary node from the No-Op node type it loaded, whose description
 * names itself `noOp` (n8n-nodes-base's NoOp.node.ts), so the node is typed `noOp`; its
 * credentials helper then looks for `n8n-nodes-base.noOp` to tell a credential test, never finds
 * it, and runs preAuthentication in a test only as in a run: while the stored token is empty, or
 * after a request failed with 401. Both names are kept as n8n 2.8.4 has them.
 */
const TEST_NODE_TYPE = 'noOp';
const NO_OP = 'n8n-nodes-base.noOp';

/** The part of n8n's server-side credentials helper the tester relies on. */
class TesterCredentialsHelper extends TestCredentialsHelper {
	stored: ICredentialDataDecryptedObject | undefined;

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = credentialTypes[typeName];
		const expirable = type.properties.find((property) => property.type === 'hidden' && property.typeOptions?.expirable === true);
		if (expirable === undefined || typeof type.preAuthentication !== 'function') return undefined;
		// n8n's own test for "this is the credential test's temporary node" (false: see TEST_NODE_TYPE).
		const isTestingCredentials = node.parameters?.temp === '' && node.type === NO_OP;
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		if (!node.credentials) return undefined;
		this.stored = Object.assign(credentials, output);
		return Object.assign(credentials, output);
	}
}

export async function testCredential(typeName: string, saved: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
	const type = credentialTypes[typeName];
	const testRequest = type.test as ICredentialTestRequest | undefined;
	if (!testRequest) throw new Error(`${typeName} has no test request`);
	const data = asN8nReadsIt(typeName, saved);
	const credentialsHelper = new TesterCredentialsHelper(credentialTypes, { [typeName]: data });

	const nodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: TEST_NODE_TYPE,
			group: ['organization'],
			version: 1,
			description: '',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: typeName, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' }],
		},
	} as unknown as INodeType;
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: TEST_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [typeName]: { id: 'credential-under-test', name: 'Credential under test' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const workflowNode = workflow.getNode(node.name)!;
	const additionalData = testAdditionalData(credentialsHelper, {
		currentNodeParameters: workflowNode.parameters,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
	});
	const inputData = { main: [[{ json: {} }]] };
	const executeFunctions = new ExecuteContext(
		workflow,
		workflowNode,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		inputData,
		{ node: workflowNode, data: {}, source: null },
		[],
	);
	const credentialsDecrypted = { id: 'credential-under-test', name: 'Credential under test', type: typeName, data };
	const routingNode = new RoutingNode(executeFunctions, nodeType, credentialsDecrypted);

	const finish = (status: 'OK' | 'Error', message: string): CredentialTestResult => {
		const result = { status, message, stored: credentialsHelper.stored ?? data };
		assertNoSecret(message, [saved, data, result.stored]);
		return result;
	};

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = (await routingNode.runNode()) as INodeExecutionData[][] | null | undefined;
	} catch (caught) {
		const error = caught as Error & { cause?: { response?: { status: number; statusText?: string }; code?: string } };
		assertNoSecret(String((error as unknown as IDataObject).description ?? ''), [saved, data, credentialsHelper.stored ?? {}]);
		if (error.cause?.response) {
			const { status, statusText } = error.cause.response;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) return finish('Error', rule.properties.message);
			}
			if (status < 199 || status > 299) return finish('Error', statusText || `Received HTTP status code: ${status}`);
		} else if (error.cause?.code) {
			return finish('Error', error.cause.code);
		}
		return finish('Error', error.message.toString());
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		// As n8n reads it: the first item of the answer (a string body stays a string).
		const first = response![0][0].json as unknown;
		if (getPath(first, rule.properties.key) === rule.properties.value) return finish('Error', rule.properties.message);
	}
	return finish('OK', 'Connection successful!');
}

/** lodash's `get` for a dotted path, as n8n's tester uses it (strings index by character). */
function getPath(value: unknown, path: string): unknown {
	let current: unknown = value;
	for (const key of path.split('.')) {
		if (current === null || current === undefined) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

const SECRET_FIELDS = ['accessToken', 'password', 'clientSecret', 'refreshToken', 'sessionToken'];

function assertNoSecret(text: string, sets: ICredentialDataDecryptedObject[]): void {
	for (const set of sets) {
		for (const field of SECRET_FIELDS) {
			const value = set[field];
			if (typeof value === 'string' && value.length >= 8 && text.includes(value)) {
				throw new Error(`The credential test's message shows the ${field}`);
			}
		}
	}
}

import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TestCredentialsHelper, testAdditionalData } from './credentials';
import { runTypeName } from './packages';
import { NodeTypeRegistry, credentialTypes } from './run';

interface EditorOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	parameters?: INodeParameters;
	path?: string;
	typeVersion?: number;
}

/**
 * Calls a node's listSearch method the way n8n's editor does (its LoadOptions service): a
 * one-node Workflow, n8n-core's real LoadOptionsContext for the parameter being edited, the
 * real request helpers and the credential's own authentication.
 */
export async function listSearch(
	nodeType: INodeType,
	method: string,
	options: EditorOptions & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`${nodeType.description.name} has no listSearch method ${method}`);
	return await search.call(editorContext(nodeType, options), options.filter, options.paginationToken);
}

/** Calls a node's loadOptions method (a list n8n filters itself) the same way. */
export async function loadOptions(nodeType: INodeType, method: string, options: EditorOptions): Promise<INodePropertyOptions[]> {
	const load = nodeType.methods?.loadOptions?.[method];
	if (!load) throw new Error(`${nodeType.description.name} has no loadOptions method ${method}`);
	return await load.call(editorContext(nodeType, options));
}

function editorContext(nodeType: INodeType, options: EditorOptions): LoadOptionsContext {
	const type = runTypeName(nodeType.description);
	const credentials: INode['credentials'] = {};
	for (const credential of nodeType.description.credentials ?? []) {
		credentials[credential.name] = { id: `${credential.name}-1`, name: `${credential.name} (test)` };
	}
	const node: INode = {
		id: 'node-0',
		name: nodeType.description.defaults.name ?? nodeType.description.displayName,
		type,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters ?? {},
		credentials,
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Test workflow',
		nodes: [node],
		connections: {},
		nodeTypes: new NodeTypeRegistry({ [type]: nodeType }),
		active: false,
		settings: { timezone: 'UTC' },
	});
	const additionalData = testAdditionalData(new TestCredentialsHelper(credentialTypes, { ...options.credentials }), {
		// What the editor sends with the request: the node's parameters as they are being edited
		// (getCurrentNodeParameter reads them here, e.g. the work item an approval item belongs to).
		currentNodeParameters: options.parameters ?? {},
	});
	return new LoadOptionsContext(workflow, node, additionalData, options.path ?? 'parameters.ticketId');
}

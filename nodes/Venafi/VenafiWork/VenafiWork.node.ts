import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	type ExecuteMethod,
	executeOperations,
	operationSubtitle,
	resourceProperties,
} from '../../shared/operations';
import { requestOptionsProperty } from '../../shared/requestOptions';
import type { RetrySettings } from '../../shared/transport/retry';
import { tppConnection } from '../transport';
import { work } from './actions/work';

const resources = [work];

export class VenafiWork implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Venafi TPP Agent Work',
		name: 'venafiWork',
		icon: { light: 'file:../../../icons/venafi.svg', dark: 'file:../../../icons/venafi.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: operationSubtitle(resources),
		description:
			'List the agent work (upgrade, configuration, discovery, provisioning) of Venafi Trust Protection Platform',
		defaults: { name: 'Venafi TPP Agent Work' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'venafiTppApi', required: true }],
		properties: [...resourceProperties(resources), requestOptionsProperty()],
	};

	execute: ExecuteMethod;

	/** `retry`: settings other than the defaults, for tests; n8n constructs the node without. */
	constructor(retry: Partial<RetrySettings> = {}) {
		this.execute = executeOperations(resources, { connect: tppConnection, retry });
	}
}

import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	type ExecuteMethod,
	executeOperations,
	operationSubtitle,
	resourceProperties,
} from '../../shared/operations';
import type { RequestOptionsSettings } from '../../shared/requestOptions';
import type { RetrySettings } from '../../shared/transport/retry';
import { tppConnection } from '../transport';
import { work } from './actions/work';

const resources = [work];
const requestOptions: RequestOptionsSettings = { inOptionsFrom: 2, manyInFlightFrom: 3 };

export class VenafiWork implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Venafi TPP Agent Work',
		name: 'venafiWork',
		icon: { light: 'file:../../../icons/venafi.svg', dark: 'file:../../../icons/venafi.dark.svg' },
		group: ['input'],
		// Version 2 keeps Request Options under Options; version 1 keeps its own collection.
		// Version 3 has 1,000 Items in Flight by default (shared/requestOptions.ts).
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: operationSubtitle(resources),
		description:
			"List the agent work (upgrade, configuration, discovery, provisioning) of Venafi TPP. For certificates, use n8n's built-in Venafi TLS Protect Datacenter node",
		defaults: { name: 'Venafi TPP Agent Work' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'venafiTppApi', required: true }],
		properties: resourceProperties(resources, requestOptions),
	};

	execute: ExecuteMethod;

	/** `retry`: settings other than the defaults, for tests; n8n constructs the node without. */
	constructor(retry: Partial<RetrySettings> = {}) {
		this.execute = executeOperations(resources, { connect: tppConnection, requestOptions, retry });
	}
}

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
import { NEWEST_VERSION, NODE_VERSIONS } from '../../shared/versions';
import { tppConnection } from '../transport';
import { ticket } from './actions/ticket';
import { listSearch, loadOptions } from '../methods';

const resources = [ticket];

export class VenafiTicket implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Venafi TPP Ticket',
		name: 'venafiTicket',
		icon: { light: 'file:../../../icons/venafi.svg', dark: 'file:../../../icons/venafi.dark.svg' },
		group: ['input'],
		// Version 2 changed defaults (see shared/versions.ts); version 1 keeps its own.
		version: NODE_VERSIONS,
		defaultVersion: NEWEST_VERSION,
		subtitle: operationSubtitle(resources),
		description:
			'Find, read, create, delete and approve or reject Venafi Trust Protection Platform workflow tickets',
		defaults: { name: 'Venafi TPP Ticket' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'venafiTppApi', required: true }],
		properties: [...resourceProperties(resources), requestOptionsProperty()],
	};

	methods = { listSearch, loadOptions };

	execute: ExecuteMethod;

	/** `retry`: settings other than the defaults, for tests; n8n constructs the node without. */
	constructor(retry: Partial<RetrySettings> = {}) {
		this.execute = executeOperations(resources, { connect: tppConnection, retry });
	}
}

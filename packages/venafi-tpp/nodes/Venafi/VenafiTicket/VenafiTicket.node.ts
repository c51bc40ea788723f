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
import { ticket } from './actions/ticket';
import { listSearch, loadOptions } from '../methods';

const resources = [ticket];
const requestOptions: RequestOptionsSettings = { inOptionsFrom: 3, manyInFlightFrom: 5 };
const versions = [1, 2, 3, 4, 5];

export class VenafiTicket implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Venafi TPP Ticket',
		name: 'venafiTicket',
		icon: { light: 'file:../../../icons/venafi.svg', dark: 'file:../../../icons/venafi.dark.svg' },
		group: ['input'],
		// Version 2 changed defaults (see shared/versions.ts), version 3 keeps Request Options
		// under Options, version 4 adds success and ApproverNames to the outputs
		// (helpers/ticketOutputs.ts), version 5 has 1,000 Items in Flight by default
		// (shared/requestOptions.ts); saved workflows keep their version's parameters and outputs.
		version: versions,
		defaultVersion: 5,
		subtitle: operationSubtitle(resources),
		description:
			"Approve, reject, find and create Venafi TPP workflow tickets (approvals). For certificates and policies, use n8n's built-in Venafi TLS Protect Datacenter node",
		defaults: { name: 'Venafi TPP Ticket' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'venafiTppApi', required: true }],
		properties: resourceProperties(resources, requestOptions, versions),
	};

	methods = { listSearch, loadOptions };

	execute: ExecuteMethod;

	/** `retry`: settings other than the defaults, for tests; n8n constructs the node without. */
	constructor(retry: Partial<RetrySettings> = {}) {
		this.execute = executeOperations(resources, { connect: tppConnection, requestOptions, retry });
	}
}

import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeOperations, operationSubtitle, resourceProperties } from '../../shared/operations';
import type { RequestOptionsSettings } from '../../shared/requestOptions';
import type { RetrySettings } from '../../shared/transport/retry';
import { tppConnection } from '../transport';
import { flowTicket } from './actions/flowTicket';
import { listSearch } from '../methods';

const resources = [flowTicket];
const requestOptions: RequestOptionsSettings = { inOptionsFrom: 2, manyInFlightFrom: 4 };
const versions = [1, 2, 3, 4];

/**
 * Flow tickets are TPP's second approval system (CodeSign Protect signing requests, Teams
 * membership and other Flow products), with integer Ids and their own Result codes, beside
 * the workflow tickets of the Venafi Ticket node.
 */
export class VenafiFlowTicket implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Venafi TPP Flow Ticket',
		name: 'venafiFlowTicket',
		icon: { light: 'file:../../../icons/venafi.svg', dark: 'file:../../../icons/venafi.dark.svg' },
		group: ['transform'],
		// Version 2 keeps Request Options under Options; version 1 keeps its own collection.
		// Version 3 outputs success beside Result, and Approve says whether each ticket is now
		// approved or still needs approvals, and the tickets it outputs name their identities
		// (OUTPUTS_VERSION in actions/flowTicket/common.ts). Version 4 has 1,000 Items in Flight
		// by default (shared/requestOptions.ts).
		version: versions,
		defaultVersion: 4,
		subtitle: operationSubtitle(resources),
		description:
			"Approve, reject and read Venafi TPP Flow tickets, such as CodeSign Protect signing requests. For certificates, use n8n's built-in Venafi TLS Protect Datacenter node",
		defaults: { name: 'Venafi TPP Flow Ticket' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'venafiTppApi', required: true }],
		properties: resourceProperties(resources, requestOptions, versions),
	};

	methods = { listSearch };

	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

	/** `retry`: settings other than the defaults, for tests; n8n constructs the node without. */
	constructor(retry: Partial<RetrySettings> = {}) {
		this.execute = executeOperations(resources, { connect: tppConnection, requestOptions, retry });
	}
}

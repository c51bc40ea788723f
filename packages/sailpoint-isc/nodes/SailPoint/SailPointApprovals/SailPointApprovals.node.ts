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
import { iscConnection } from '../transport';
import { ISC_RATE_LIMIT, iscPacingOptions } from '../transport/rateLimit';
import { accessRequestApproval } from './actions/accessRequestApproval';
import { genericApproval } from './actions/genericApproval';
import { listSearch, loadOptions } from '../methods';
import { nonEmployeeApproval } from './actions/nonEmployeeApproval';
import { triggerInvocation } from './actions/triggerInvocation';

const resources = [accessRequestApproval, genericApproval, nonEmployeeApproval, triggerInvocation];
const requestOptions: RequestOptionsSettings = { pacing: iscPacingOptions, inOptionsFrom: 2 };
// Version 2 keeps Request Options under Options; version 1 keeps its own collection.
// Version 3: Simplify (on) on the access request and generic approval listings and Get,
// and decisions that say what was decided (success: true); saved nodes keep their output.
// The operations' descriptions say what each version returns.
const versions = [1, 2, 3];

export class SailPointApprovals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SailPoint Approvals',
		name: 'sailPointApprovals',
		icon: {
			light: 'file:../../../icons/sailpoint.svg',
			dark: 'file:../../../icons/sailpoint.dark.svg',
		},
		group: ['input'],
		version: versions,
		defaultVersion: 3,
		subtitle: operationSubtitle(resources),
		description:
			'Approve, reject, forward and list SailPoint Identity Security Cloud access request approvals, generic (workflow) approvals and non-employee approvals, and answer event trigger invocations',
		defaults: { name: 'SailPoint Approvals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sailPointIscApi', required: true }],
		properties: resourceProperties(resources, requestOptions, versions),
	};

	methods = { listSearch, loadOptions };

	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

	/** `retry`: settings other than the defaults, for tests; n8n constructs the node without. */
	constructor(retry: Partial<RetrySettings> = {}) {
		this.execute = executeOperations(resources, {
			connect: iscConnection,
			rateLimit: ISC_RATE_LIMIT,
			requestOptions,
			retry,
		});
	}
}

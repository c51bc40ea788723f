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
import { iscConnection } from '../transport';
import { ISC_RATE_LIMIT, iscPacingOptions } from '../transport/rateLimit';
import { workItem } from './actions/workItem';
import { listSearch } from '../methods';

const resources = [workItem];
const requestOptions: RequestOptionsSettings = { pacing: iscPacingOptions, inOptionsFrom: 3 };

export class WorkItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SailPoint Work Items',
		name: 'workItems',
		icon: {
			light: 'file:../../../icons/sailpoint.svg',
			dark: 'file:../../../icons/sailpoint.dark.svg',
		},
		group: ['input'],
		// Version 2 changed defaults (see shared/versions.ts), version 3 keeps Request Options
		// under Options; saved workflows keep their version's parameters.
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: operationSubtitle(resources),
		description:
			'List, read, count, approve, reject, forward and complete the work items of SailPoint Identity Security Cloud (approvals, remediations, forms)',
		defaults: { name: 'SailPoint Work Items' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sailPointIscApi', required: true }],
		properties: resourceProperties(resources, requestOptions),
	};

	methods = { listSearch };

	execute: ExecuteMethod;

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

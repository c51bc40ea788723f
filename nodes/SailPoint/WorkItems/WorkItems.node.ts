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
import { iscConnection } from '../transport';
import { ISC_RATE_LIMIT, iscPacingOptions } from '../transport/rateLimit';
import { workItem } from './actions/workItem';
import { listSearch } from '../methods';

const resources = [workItem];

export class WorkItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SailPoint Work Items',
		name: 'workItems',
		icon: {
			light: 'file:../../../icons/sailpoint.svg',
			dark: 'file:../../../icons/sailpoint.dark.svg',
		},
		group: ['input'],
		// Version 2 changed defaults (see shared/versions.ts); version 1 keeps its own.
		version: NODE_VERSIONS,
		defaultVersion: NEWEST_VERSION,
		subtitle: operationSubtitle(resources),
		description:
			'List, read, count, approve, reject, forward and complete the work items of SailPoint Identity Security Cloud (approvals, remediations, forms)',
		defaults: { name: 'SailPoint Work Items' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sailPointIscApi', required: true }],
		properties: [...resourceProperties(resources), requestOptionsProperty(iscPacingOptions)],
	};

	methods = { listSearch };

	execute: ExecuteMethod;

	/** `retry`: settings other than the defaults, for tests; n8n constructs the node without. */
	constructor(retry: Partial<RetrySettings> = {}) {
		this.execute = executeOperations(resources, {
			connect: iscConnection,
			rateLimit: ISC_RATE_LIMIT,
			retry,
		});
	}
}

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
import { listSearch, loadOptions } from '../methods';
import { iscConnection } from '../transport';
import { ISC_RATE_LIMIT, iscPacingOptions } from '../transport/rateLimit';
import { certification } from './actions/certification';

const resources = [certification];
// A new node: Request Options are an entry of each operation's Options from its first version.
const requestOptions: RequestOptionsSettings = { pacing: iscPacingOptions, inOptionsFrom: 1 };

export class SailPointCertifications implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SailPoint Certifications',
		name: 'sailPointCertifications',
		icon: {
			light: 'file:../../../icons/sailpoint.svg',
			dark: 'file:../../../icons/sailpoint.dark.svg',
		},
		group: ['input'],
		version: 1,
		subtitle: operationSubtitle(resources),
		description:
			'List, decide, reassign and sign off SailPoint Identity Security Cloud certifications (access reviews)',
		defaults: { name: 'SailPoint Certifications' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sailPointIscApi', required: true }],
		properties: resourceProperties(resources, requestOptions),
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

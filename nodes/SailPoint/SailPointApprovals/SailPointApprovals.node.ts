import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../../shared/requestOptions';
import { iscPacingOptions } from '../shared/rateLimit';
import { accessRequestApproval } from './actions/accessRequestApproval';
import { genericApproval } from './actions/genericApproval';
import { operationSubtitle, resourceProperties, routeApprovalOperation } from './resources';

const resources = [accessRequestApproval, genericApproval];

export class SailPointApprovals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SailPoint Approvals',
		name: 'sailPointApprovals',
		icon: { light: 'file:../../../icons/sailpoint.svg', dark: 'file:../../../icons/sailpoint.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: operationSubtitle(resources),
		description:
			'Approve, reject, forward and list SailPoint Identity Security Cloud access request approvals and generic (workflow) approvals',
		defaults: { name: 'SailPoint Approvals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sailPointIscApi', required: true }],
		properties: [...resourceProperties(resources), requestOptionsProperty(iscPacingOptions)],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeApprovalOperation(this, resources);
	}
}

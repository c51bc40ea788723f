import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { SailPointApprovals } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { propertiesFor } from '../../harness/editorProperties';

/**
 * Version 3 of SailPoint Approvals returns more than versions 1-2 (what a decision did, Simplify),
 * so its operations' descriptions (what an agent reads of the tool) say so, while versions 1-2
 * keep theirs; the short actions are the same in every version.
 */

const { description } = new SailPointApprovals();
const RESOURCES = ['accessRequestApproval', 'genericApproval', 'nonEmployeeApproval', 'triggerInvocation'];

function optionsIn(version: number, resource: string): INodePropertyOptions[] {
	const lists = propertiesFor(description, version).filter(
		(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);
	expect({ version, resource, lists: lists.length }).toEqual({ version, resource, lists: 1 });
	return lists[0].options as INodePropertyOptions[];
}

const texts = (options: INodePropertyOptions[]) => Object.fromEntries(options.map((option) => [option.value, option.description]));
const actions = (options: INodePropertyOptions[]) => options.map((option) => [option.value, option.action]);

test('each version shows one Operation list per resource, with the same values and actions', () => {
	for (const resource of RESOURCES) {
		const [v1, v2, v3] = [1, 2, 3].map((version) => optionsIn(version, resource));
		expect(actions(v2)).toEqual(actions(v1));
		expect(actions(v3)).toEqual(actions(v1));
	}
});

test('versions 1 and 2 keep their descriptions; version 3 says what it returns', () => {
	const v1 = texts(optionsIn(1, 'accessRequestApproval'));
	const v3 = texts(optionsIn(3, 'accessRequestApproval'));
	expect(texts(optionsIn(2, 'accessRequestApproval'))).toEqual(v1);
	expect(v1.approve).toContain('Returns ID, operation, comment and accepted: true.');
	expect(v3.approve).toContain('name, requested object, requested for, state APPROVED');
	expect(v3.approve).toContain('success: true');
	expect(v3.reject).toContain('state REJECTED');
	expect(v3.forward).toContain('state PENDING');
	expect(v3.getManyPending).toContain('Simplify (on)');
	expect(v3.getSummary).toBe(v1.getSummary);

	const generic1 = texts(optionsIn(1, 'genericApproval'));
	const generic3 = texts(optionsIn(3, 'genericApproval'));
	for (const value of ['approve', 'reject', 'reassign', 'cancel']) {
		expect(generic1[value]).not.toContain('requestee');
		expect(generic3[value]).toMatch(/name, requestee, state/);
	}
	expect(generic3.approve).toContain('moreApprovalsNeeded');
	for (const value of ['bulkApprove', 'bulkReject', 'bulkReassign', 'bulkCancel']) {
		expect(generic1[value]).not.toContain('success: true');
		expect(generic3[value]).toContain('accepted: true and success: true');
	}
	expect(generic3.addComment).toBe(generic1.addComment);

	const nonEmployee1 = texts(optionsIn(1, 'nonEmployeeApproval'));
	const nonEmployee3 = texts(optionsIn(3, 'nonEmployeeApproval'));
	expect(nonEmployee1.approve).toContain('Returns the approval.');
	expect(nonEmployee3.approve).toContain('Returns the approval with success: true.');
	expect(texts(optionsIn(3, 'triggerInvocation'))).toEqual(texts(optionsIn(1, 'triggerInvocation')));
});

test("n8n's nodes panel finds every resource's actions (it compares @version as plain numbers)", () => {
	// As n8n's editor picks a resource's Operation list for the actions panel: the first one of the
	// resource whose version rule, if any, names one of the node's versions as a number.
	const nodeVersions = [description.version].flat();
	for (const resource of RESOURCES) {
		const found = description.properties.find((property: INodeProperties) => {
			const versions = property.displayOptions?.show?.['@version'];
			return (
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource) &&
				(versions ? versions.some((version) => typeof version === 'number' && nodeVersions.includes(version)) : true)
			);
		});
		expect({ resource, found: found !== undefined }).toEqual({ resource, found: true });
		expect(actions(found!.options as INodePropertyOptions[])).toEqual(actions(optionsIn(3, resource)));
	}
});

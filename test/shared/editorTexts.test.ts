import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType, INodeTypeDescription, IVersionedNodeType } from 'n8n-workflow';

import { SailPointIscApi } from '../../packages/sailpoint-isc/credentials/SailPointIscApi.credentials';
import { SailPointApprovals } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { SailPointCertifications } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointCertifications/SailPointCertifications.node';
import { SailPointCertificationsTrigger } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointCertificationsTrigger/SailPointCertificationsTrigger.node';
import { SailPointApprovalsTrigger } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovalsTrigger/SailPointApprovalsTrigger.node';
import { SailPointEventTrigger } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointEventTrigger/SailPointEventTrigger.node';
import { WorkItems } from '../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { WorkItemsTrigger } from '../../packages/sailpoint-isc/nodes/SailPoint/WorkItemsTrigger/WorkItemsTrigger.node';
import { VenafiTppApi } from '../../packages/venafi-tpp/credentials/VenafiTppApi.credentials';
import { VenafiFlowTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicket/VenafiFlowTicket.node';
import { VenafiFlowTicketTrigger } from '../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicketTrigger/VenafiFlowTicketTrigger.node';
import { VenafiTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { VenafiTicketTrigger } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicketTrigger/VenafiTicketTrigger.node';
import { VenafiWork } from '../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node';

/**
 * What the editor shows under and above the fields (hints, notices, field descriptions) is
 * written for the person building the workflow: what to enter, in their words. Endpoints,
 * notes about how the code or the vendor's reference came to be, and the scopes and user levels
 * each operation needs belong on the docs pages (the panel's Docs link), not in the panel.
 */

const nodes: Array<[string, INodeType | IVersionedNodeType]> = [
	['Venafi TPP Agent Work', new VenafiWork()],
	['Venafi TPP Ticket', new VenafiTicket()],
	['Venafi TPP Ticket Trigger', new VenafiTicketTrigger()],
	['Venafi TPP Flow Ticket', new VenafiFlowTicket()],
	['Venafi TPP Flow Ticket Trigger', new VenafiFlowTicketTrigger()],
	['SailPoint Work Items', new WorkItems()],
	['SailPoint Work Items Trigger', new WorkItemsTrigger()],
	['SailPoint Approvals', new SailPointApprovals()],
	['SailPoint Approvals Trigger', new SailPointApprovalsTrigger()],
	['SailPoint Event Trigger', new SailPointEventTrigger()],
	['SailPoint Certifications', new SailPointCertifications()],
	['SailPoint Certifications Trigger', new SailPointCertificationsTrigger()],
];

/** Every version's description of a node (a versioned node has one per version). */
function descriptionsOf(node: INodeType | IVersionedNodeType): INodeTypeDescription[] {
	if ('nodeVersions' in node) return Object.values(node.nodeVersions).map((version) => version.description);
	return [node.description];
}

interface Shown {
	where: string;
	kind: 'hint' | 'notice' | 'description';
	text: string;
}

/** The hints, notices and descriptions of the properties, nested ones included. */
function shownTexts(properties: Array<INodeProperties | INodePropertyCollection | INodePropertyOptions>, path = ''): Shown[] {
	const shown: Shown[] = [];
	for (const property of properties) {
		const where = `${path}${'name' in property ? String(property.name) : '?'}`;
		if ('type' in property && property.type === 'notice') shown.push({ where, kind: 'notice', text: property.displayName });
		if ('hint' in property && typeof property.hint === 'string') shown.push({ where, kind: 'hint', text: property.hint });
		if ('description' in property && typeof property.description === 'string' && !('value' in property && 'action' in property)) {
			shown.push({ where, kind: 'description', text: property.description });
		}
		if ('options' in property && Array.isArray(property.options)) {
			shown.push(...shownTexts(property.options as Array<INodeProperties | INodePropertyCollection | INodePropertyOptions>, `${where}.`));
		}
		if ('values' in property && Array.isArray(property.values)) shown.push(...shownTexts(property.values, `${where}.`));
	}
	return shown;
}

/** Developer notes: how the code came to be, what a reference does not document, endpoints. */
const DEVELOPER_NOTES: Array<[string, RegExp]> = [
	['an endpoint', /\b(GET|POST|PUT|PATCH|DELETE) \/?[A-Za-z]/],
	['a WebSDK call name', /\b(Config\/FindObjectsOfClass|Identity\/Browse|Workflow\/Ticket\/\w+|Permissions\/Refresh)\b/],
	['a note about saved credentials', /saved before this field/i],
	['a note about the vendor reference', /\b(reference|spec) (documents|does not document|lists no)\b|\bdoes not document\b/i],
];

/** Scopes and user levels: on the docs pages, not at the top of an operation. */
const ACCESS_NOTES = /\b(scopes?|ORG_ADMIN|APPROVAL_OWNER)\b/;

describe.each(nodes)('%s', (_name, node) => {
	const texts = descriptionsOf(node).flatMap((description) => shownTexts(description.properties));

	test('has texts to check', () => {
		expect(texts.length).toBeGreaterThan(0);
	});

	test('no hint, notice or field description carries a developer note', () => {
		const found = texts.flatMap(({ where, kind, text }) =>
			DEVELOPER_NOTES.filter(([, pattern]) => pattern.test(text)).map(([what]) => `${kind} of ${where}: ${what}: ${text}`),
		);
		expect(found).toEqual([]);
	});

	test('no notice is about scopes or user levels', () => {
		const found = texts.filter(({ kind, text }) => kind === 'notice' && ACCESS_NOTES.test(text)).map(({ where, text }) => `${where}: ${text}`);
		expect(found).toEqual([]);
	});
});

test.each<[string, INodeProperties[]]>([
	['Venafi TPP credential', new VenafiTppApi().properties],
	['SailPoint ISC credential', new SailPointIscApi().properties],
])('%s: no hint carries a developer note', (_name, properties) => {
	const hints = shownTexts(properties).filter(({ kind }) => kind === 'hint');
	const found = hints.flatMap(({ where, text }) => DEVELOPER_NOTES.filter(([, pattern]) => pattern.test(text)).map(([what]) => `${where}: ${what}: ${text}`));
	expect(found).toEqual([]);
});

test('the checks catch the notes of before', () => {
	const caught = (text: string) => DEVELOPER_NOTES.filter(([, pattern]) => pattern.test(text)).map(([what]) => what);
	expect(caught('Credentials saved before this field existed use Current too (n8n gives them the default).')).toEqual(['a note about saved credentials']);
	expect(caught("TPP's WebSDK reference documents no call that lists reason codes, so there is no list to pick from")).toEqual(['a note about the vendor reference']);
	expect(caught('pick one (GET /access-request-approvals/pending) or enter its ID')).toEqual(['an endpoint']);
	expect(caught('The list shows up to 250 identities (TPP\'s Identity/Browse, token scope Configuration)')).toEqual(['a WebSDK call name']);
	expect(ACCESS_NOTES.test("Needs the scope idn:access-request-approvals:manage; the approval's owner or ORG_ADMIN.")).toBe(true);
	expect(caught('Shows up to 250 users and groups. Anyone else: an expression, e.g. {{ ["AD+corp:jsmith"] }}')).toEqual([]);
});

test('each Venafi action node and the ticket trigger say how they relate to n8n\'s built-in Venafi node', () => {
	for (const node of [new VenafiWork(), new VenafiTicket(), new VenafiFlowTicket(), new VenafiTicketTrigger()]) {
		for (const description of descriptionsOf(node)) {
			expect(description.description).toMatch(/n8n's built-in Venafi TLS Protect Datacenter/);
			expect(description.description.length).toBeLessThanOrEqual(200);
		}
	}
});

test('the SailPoint Event Trigger has its own listening text with ISC\'s Test Subscription steps, and its own activation message', () => {
	const { eventTriggerDescription, activationMessage } = new SailPointEventTrigger().description;
	expect(eventTriggerDescription).toMatch(/Admin → Event Triggers → Subscriptions/);
	expect(eventTriggerDescription).toMatch(/Test Subscription/);
	// not n8n's generic "Go to SailPoint Event and create an event"
	expect(eventTriggerDescription).not.toMatch(/create an event/);
	expect(activationMessage).toMatch(/subscribed in SailPoint ISC/);
});

test('the SailPoint Event Trigger\'s trigger panel (what n8n 2.8.4 shows before listening) gives the ISC steps', () => {
	const panel = new SailPointEventTrigger().description.triggerPanel;
	expect(typeof panel).toBe('object');
	const { header, executionsHelp } = panel as { header: string; executionsHelp: { inactive: string; active: string } };
	expect(header).toBe('Send a test event from SailPoint ISC');
	expect(executionsHelp.inactive).toMatch(/Admin → Event Triggers → Subscriptions.*Test Subscription/);
	expect(executionsHelp.active).toMatch(/Test Subscription/);
});

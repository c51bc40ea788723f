import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { SailPointApprovals } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { SailPointCertifications } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointCertifications/SailPointCertifications.node';
import { WorkItems } from '../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { VenafiFlowTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicket/VenafiFlowTicket.node';
import { VenafiTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { VenafiWork } from '../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node';
import { propertiesFor, versionsOf } from '../harness/editorProperties';

/**
 * Every operation has two texts with two readers:
 * - `action` is what the nodes panel lists, and n8n names a node added from that panel after it
 *   (the canvas label, the panel title, error toasts, `$('...')` references). So it is short and
 *   in n8n's own style: a verb, then what it acts on, in sentence case ("Get many work items",
 *   "Update ticket status", "Approve an access request"), at most 40 characters, no punctuation.
 * - `description` is the guidance: what it does, the inputs it needs (by the names the node
 *   shows), what it returns, and for writes that they change the ticket or work item;
 *   irreversible decisions say so. An AI agent reads it when a workflow sets it as the tool's
 *   description; the automatic one is "<action> in <node name>" (n8n-workflow's makeDescription).
 * Endpoints belong in the README, not here.
 */

const nodes: Array<[string, INodeType]> = [
	['Venafi Work', new VenafiWork()],
	['Venafi Ticket', new VenafiTicket()],
	['Venafi Flow Ticket', new VenafiFlowTicket()],
	['Work Items', new WorkItems()],
	['SailPoint Approvals', new SailPointApprovals()],
	['SailPoint Certifications', new SailPointCertifications()],
];

/** Operations that only read: listings, gets, counts and the existence check. */
const isRead = (value: string): boolean => /^(get|count|exists)/.test(value);

/** Decisions that cannot be taken back once the vendor has them. */
const IRREVERSIBLE = new Set([
	'updateStatus',
	'delete',
	'approve',
	'reject',
	'complete',
	'approveItem',
	'rejectItem',
	'approveAll',
	'rejectAll',
	'submitAccountSelection',
	'cancel',
	'bulkApprove',
	'bulkReject',
	'bulkCancel',
	'signOff',
]);

/** The verbs an action may start with (n8n's actions start with a verb). */
const VERBS = new Set([
	'Decide',
	'Sign',
	'Get',
	'Count',
	'Check',
	'Create',
	'Delete',
	'Update',
	'Approve',
	'Reject',
	'Forward',
	'Complete',
	'Submit',
	'Comment',
	'Reassign',
	'Cancel',
	'Answer',
]);

/** Words that keep their capital inside an action: product and object names. */
const PROPER = new Set(['Flow']);

/** The longest action n8n shows in full in the nodes panel and on the canvas. */
const MAX_ACTION = 40;

/** What is wrong with an action as n8n's style has it; empty when nothing. */
function actionStyleProblems(action: string): string[] {
	const problems: string[] = [];
	const [first, ...rest] = action.split(' ');
	if (!VERBS.has(first)) problems.push(`starts with "${first}", not a verb`);
	for (const word of rest) {
		if (/^[A-Z]/.test(word) && !PROPER.has(word)) problems.push(`"${word}" is capitalised`);
	}
	if (action.length > MAX_ACTION) problems.push(`${action.length} characters`);
	if (/[;:.,()'"]/.test(action)) problems.push('has punctuation');
	if (/\b(returns?|read only|cannot be undone)\b/i.test(action)) problems.push('carries guidance');
	if (/\s{2}|^\s|\s$/.test(action)) problems.push('stray spaces');
	return problems;
}

/** What an endpoint looks like in any of the vendors' forms. */
const ENDPOINT_PATTERNS: RegExp[] = [
	/\b(GET|POST|PUT|PATCH|DELETE)\s/, // an HTTP method
	/\/(v\d+|vedsdk|vedauth)\b/, // a versioned or WebSDK path
	/\{[A-Za-z]*(ID|Id|id)\}/, // a path placeholder
	/\b[A-Z][a-z]+\/[A-Z][a-z]+/, // TPP's Workflow/Ticket, Flow/Tickets, Client/Work
	/\/[a-z]+-[a-z-]+/, // ISC's /work-items, /generic-approvals, ...
];

interface OperationText {
	resource: string;
	option: INodePropertyOptions;
	required: string[];
}

/**
 * The operations a version of the node offers: an Operation list with a version rule (one whose
 * descriptions say what that version returns) counts in its versions only.
 */
function operationsIn(node: INodeType, version: number): OperationText[] {
	const { properties } = node.description;
	return propertiesFor(node.description, version)
		.filter((property) => property.name === 'operation')
		.flatMap((operation) => {
			const resource = String(operation.displayOptions?.show?.resource?.[0]);
			return (operation.options as INodePropertyOptions[]).map((option) => ({
				resource,
				option,
				required: requiredInputs(properties, resource, String(option.value)),
			}));
		});
}

/** The display names of the operation's required inputs, without a parenthesised hint. */
function requiredInputs(properties: INodeProperties[], resource: string, operation: string): string[] {
	return properties
		.filter(
			(property) =>
				property.required === true &&
				property.type !== 'notice' &&
				property.displayOptions?.show?.resource?.includes(resource) &&
				property.displayOptions?.show?.operation?.includes(operation),
		)
		.map((property) => property.displayName.replace(/\s*\(.*\)$/, ''));
}

/** Every operation text of every version, each once. */
function operationsOf(node: INodeType): OperationText[] {
	const texts = new Map<string, OperationText>();
	for (const version of versionsOf(node.description)) {
		for (const entry of operationsIn(node, version)) {
			texts.set(JSON.stringify([entry.resource, entry.option]), entry);
		}
	}
	return [...texts.values()];
}

describe.each(nodes)('%s', (_name, node) => {
	const operations = operationsOf(node);

	test('has operations to check', () => {
		expect(operations.length).toBeGreaterThan(0);
	});

	test('no two operations share an action (the panel and the node names tell them apart)', () => {
		for (const version of versionsOf(node.description)) {
			const actions = operationsIn(node, version).map((entry) => String(entry.option.action));
			expect(actions.length).toBeGreaterThan(0);
			expect({ version, actions: actions.length }).toEqual({ version, actions: new Set(actions).size });
		}
	});

	describe.each(operations.map((entry) => [`${entry.resource}.${String(entry.option.value)}`, entry] as const))(
		'%s',
		(_label, { option, required }) => {
			const action = String(option.action);
			const description = String(option.description);
			const value = String(option.value);

			test('names no endpoint', () => {
				for (const pattern of ENDPOINT_PATTERNS) {
					expect({ action, match: pattern.exec(action)?.[0] }).toEqual({ action, match: undefined });
					expect({ description, match: pattern.exec(description)?.[0] }).toEqual({
						description,
						match: undefined,
					});
				}
			});

			test('says what it returns', () => {
				expect(description).toMatch(/\bReturns\b/);
			});

			test('names every required input as the node shows it', () => {
				for (const input of required) expect(description).toContain(input);
			});

			test('says whether it changes anything, and whether that can be undone', () => {
				if (isRead(value)) {
					expect(description).toMatch(/Read only\.$/);
					expect(description).not.toMatch(/\bchanges?\b/i);
				} else {
					expect(description).toMatch(/\bChanges (the|TPP)\b/);
					expect(description).not.toMatch(/Read only/);
				}
				const irreversible = /cannot be undone/;
				if (IRREVERSIBLE.has(value)) expect(description).toMatch(irreversible);
				else expect(description).not.toMatch(irreversible);
			});

			test(`the action is short and in n8n's style (a verb, sentence case, at most ${MAX_ACTION} characters)`, () => {
				expect({ action, problems: actionStyleProblems(action) }).toEqual({ action, problems: [] });
			});

			test('the description is a sentence an agent can read, not too long', () => {
				expect(description).toMatch(/^[A-Z].*\.$/);
				expect(description.length).toBeLessThanOrEqual(600);
			});
		},
	);
});

test('the style rule catches the action texts of before', () => {
	expect(
		actionStyleProblems(
			'Approve a pending access request approval by its Approval ID, with an optional comment; changes the approval, cannot be undone; returns the ID and accepted: true',
		),
	).toEqual(expect.arrayContaining(['"Approval" is capitalised', 'has punctuation', 'carries guidance']));
	expect(actionStyleProblems('Ticket details')).toEqual(['starts with "Ticket", not a verb']);
	expect(actionStyleProblems('Get Many Work Items')).toEqual(['"Many" is capitalised', '"Work" is capitalised', '"Items" is capitalised']);
	expect(actionStyleProblems('Get many pending access request approvals now')).toEqual(['45 characters']);
	expect(actionStyleProblems('Get many pending Flow tickets')).toEqual([]);
});

test('the read/write split is right for the operations whose name says it', () => {
	expect(isRead('getManyPending')).toBe(true);
	expect(isRead('exists')).toBe(true);
	expect(isRead('approveItem')).toBe(false);
	expect(isRead('updateStatus')).toBe(false);
	// a planted endpoint is caught
	const planted = 'Get ticket details (POST Workflow/Ticket/Details)';
	expect(ENDPOINT_PATTERNS.some((pattern) => pattern.test(planted))).toBe(true);
	expect(ENDPOINT_PATTERNS.some((pattern) => pattern.test('Get a work item (GET /work-items/v1/{ID})'))).toBe(true);
});

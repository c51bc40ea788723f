import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { SailPointApprovals } from '../../packages/sailpoint-isc/nodes/SailPoint/SailPointApprovals/SailPointApprovals.node';
import { WorkItems } from '../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import { VenafiFlowTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicket/VenafiFlowTicket.node';
import { VenafiTicket } from '../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { VenafiWork } from '../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node';

/**
 * Every operation's `action` and `description` are what an AI agent reads about the node used
 * as a tool: n8n's automatic tool description is "<action> in <node name>" (n8n-workflow's
 * makeDescription), and the option's description is what a person sees in the Operation list.
 * So each says what the operation does, the inputs it needs (by the names the agent sees), what
 * it returns, and for writes that they change the ticket or work item; irreversible decisions
 * say so. Endpoints belong in the README, not here.
 */

const nodes: Array<[string, INodeType]> = [
	['Venafi Work', new VenafiWork()],
	['Venafi Ticket', new VenafiTicket()],
	['Venafi Flow Ticket', new VenafiFlowTicket()],
	['Work Items', new WorkItems()],
	['SailPoint Approvals', new SailPointApprovals()],
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
]);

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

function operationsOf(node: INodeType): OperationText[] {
	const { properties } = node.description;
	return properties
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

describe.each(nodes)('%s', (_name, node) => {
	const operations = operationsOf(node);

	test('has operations to check', () => {
		expect(operations.length).toBeGreaterThan(0);
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
				expect(action).toMatch(/\breturns?\b/i);
				expect(description).toMatch(/\bReturns\b/);
			});

			test('names every required input as the node shows it', () => {
				for (const input of required) expect(description).toContain(input);
			});

			test('says whether it changes anything, and whether that can be undone', () => {
				if (isRead(value)) {
					expect(action).toMatch(/Read only$/);
					expect(description).toMatch(/Read only\.$/);
					expect(`${action} ${description}`).not.toMatch(/\bchanges?\b/i);
				} else {
					expect(action).toMatch(/\bchanges\b/);
					expect(description).toMatch(/\bChanges (the|TPP)\b/);
					expect(`${action} ${description}`).not.toMatch(/Read only/);
				}
				const irreversible = /cannot be undone/;
				if (IRREVERSIBLE.has(value)) {
					expect(action).toMatch(irreversible);
					expect(description).toMatch(irreversible);
				} else {
					expect(`${action} ${description}`).not.toMatch(irreversible);
				}
			});

			test('is a sentence an agent can read: starts with a capital, no trailing spaces, not too long', () => {
				expect(action).toMatch(/^[A-Z]\S.*\S$/);
				expect(description).toMatch(/^[A-Z].*\.$/);
				expect(action.length).toBeLessThanOrEqual(200);
				expect(description.length).toBeLessThanOrEqual(600);
			});
		},
	);
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

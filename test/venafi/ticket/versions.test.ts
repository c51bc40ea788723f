import type { INode, INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { VenafiTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { nextYear } from '../../harness/dates';
import { runNode } from '../../harness/run';
import { CERTIFICATE_OWNERS, ticketGuid } from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

/**
 * Safe defaults of Venafi TPP Ticket: version 2 (what a new node gets) makes no decision by a
 * default and marks the fields a run needs, so n8n shows the node issue before a run; version 1
 * (workflows saved before) keeps its defaults, because n8n saves a node without the parameters
 * left at their default.
 */

const tpp = useTppSandbox();
const { description } = new VenafiTicket();

function node(parameters: INodeParameters, typeVersion: number): INode {
	return {
		id: 'n',
		name: 'Venafi TPP Ticket',
		type: 'n8n-nodes-venafi-tpp.venafiTicket',
		typeVersion,
		position: [0, 0],
		parameters,
	};
}

/** The parameters as the editor (and the run) see them: saved values plus the version's defaults. */
function opened(parameters: INodeParameters, typeVersion: number): INodeParameters {
	const saved = node(parameters, typeVersion);
	return NodeHelpers.getNodeParameters(description.properties, parameters, true, false, saved, description)!;
}

/** The parameters n8n lists as node issues (the red marker; a manual run refuses to start). */
function issues(parameters: INodeParameters, typeVersion = 2): string[] {
	const saved = node(opened(parameters, typeVersion), typeVersion);
	const found = NodeHelpers.getNodeParametersIssues(description.properties, saved, description as INodeTypeDescription);
	return Object.keys(found?.parameters ?? {}).sort();
}

beforeEach(() => {
	for (const entry of tpp.sandbox.tpp.tickets.values()) entry.Status = 'Pending';
});

test('a new node gets version 5 (version 2\'s defaults, Request Options under Options, success and ApproverNames in outputs, 1,000 Items in Flight); every version is offered', () => {
	expect(description.version).toEqual([1, 2, 3, 4, 5]);
	expect(description.defaultVersion).toBe(5);
	expect(description.name).toBe('venafiTicket');
	expect(description.displayName).toBe('Venafi TPP Ticket');
});

describe('Update Status', () => {
	const base = { operation: 'updateStatus', guid: ticketGuid(1) };

	test('version 2 pre-selects no decision: Status is empty and is a node issue until chosen', () => {
		expect(opened(base, 2).status).toBe('');
		expect(issues(base)).toEqual(['status']);
		expect(issues({ ...base, status: 'Rejected' })).toEqual([]);
	});

	test('version 1 keeps Approved as its default (no issue, as before)', () => {
		expect(opened(base, 1).status).toBe('Approved');
		expect(issues(base, 1)).toEqual([]);
	});

	test('the scheduled statuses mark their start (and stop) as issues until given', () => {
		expect(issues({ ...base, status: 'Approved After' })).toEqual(['scheduledStart']);
		expect(issues({ ...base, status: 'Approved Between' })).toEqual(['scheduledStart', 'scheduledStop']);
		expect(
			issues({ ...base, status: 'Approved Between', scheduledStart: nextYear('11-25T00:00:00Z'), scheduledStop: '={{ $json.stop }}' }),
		).toEqual([]);
		expect(issues({ ...base, status: 'Approved' })).toEqual([]);
		expect(issues({ ...base, status: 'Approved After' }, 1)).toEqual(['scheduledStart']);
	});

	test('a Status from an expression demands no schedule in the editor (the run checks it)', () => {
		expect(issues({ ...base, status: '={{ $json.decision }}' })).toEqual([]);
		expect(issues({ ...base, status: '={{ $json.decision }}' }, 1)).toEqual([]);
	});

	test('a version 2 node left without a decision does not run: nothing is sent, the ticket stays pending', async () => {
		await expect(runNode(new VenafiTicket(), base, { credentials: tpp.credentials(), typeVersion: 2 })).rejects.toThrow(
			/workflow has issues/,
		);
		expect(tpp.sandbox.requests).toHaveLength(0);
		expect(tpp.sandbox.tpp.tickets.get(ticketGuid(1))!.Status).toBe('Pending');
	});

	test('an expression that gives no decision fails naming the field, before any request', async () => {
		const result = await runNode(
			new VenafiTicket(),
			{ ...base, status: '={{ $json.decision ?? "" }}' },
			{ credentials: tpp.credentials(), typeVersion: 2 },
		);
		expect(result.error?.message).toBe(
			'The "Status" parameter is required: choose the decision (Pending, Approved, Approved After, Approved Between, Rejected)',
		);
		expect(tpp.sandbox.requests).toHaveLength(0);
	});

	test('a version 1 node saved with the default omitted still approves, exactly as before', async () => {
		const result = await runNode(new VenafiTicket(), base, { credentials: tpp.credentials(), typeVersion: 1 });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ GUID: ticketGuid(1), Status: 'Approved', Result: 1 }]);
		expect(tpp.sandbox.requests.map(({ path, body }) => ({ path, body }))).toEqual([
			{ path: '/vedsdk/Workflow/Ticket/UpdateStatus', body: { GUID: ticketGuid(1), Status: 'Approved' } },
		]);
	});
});

describe('Get Many', () => {
	const objectDn = '\\VED\\Policy\\Certificates\\app1.venafi.example';
	// An expression, as a workflow passing the approver's ID along would have it.
	const byUser = { operation: 'getMany', userData: `={{ ${JSON.stringify(CERTIFICATE_OWNERS)} }}` };

	test('the filter it needs is a node issue while both Object DN and User Data are empty', () => {
		expect(issues({ operation: 'getMany' })).toEqual(['objectDn']);
		expect(issues({ operation: 'getMany', objectDn })).toEqual([]);
		expect(issues({ operation: 'getMany', userData: 'local:{e3fc9359-77cf-4940-bd1d-0c67433a76e5}' })).toEqual([]);
		expect(issues(byUser)).toEqual([]);
	});

	test('version 2 returns up to Limit (50 by default) simplified tickets; version 1 all, raw, as before', async () => {
		const many = new Set(
			[...tpp.sandbox.tpp.tickets.values()]
				.filter((ticket) => ticket.UserData?.includes(CERTIFICATE_OWNERS))
				.map((ticket) => ticket.GUID),
		);
		expect(many.size).toBeGreaterThan(2);
		expect(opened(byUser, 2)).toMatchObject({ returnAll: false, limit: 50, simplify: true });
		expect(opened(byUser, 1)).toMatchObject({ returnAll: true, simplify: false });

		const v1 = await runNode(new VenafiTicket(), byUser, { credentials: tpp.credentials(), typeVersion: 1 });
		expect(v1.error).toBeUndefined();
		const raw = v1.items.map((item) => item.json);
		expect(raw.length).toBe(many.size);
		expect(raw[0]).toMatchObject({ Result: 1, IssuedDueTo: expect.any(String), Blocking: expect.any(String) });

		const v2 = await runNode(new VenafiTicket(), { ...byUser, limit: 2 }, { credentials: tpp.credentials(), typeVersion: 2 });
		expect(v2.error).toBeUndefined();
		const simple = v2.items.map((item) => item.json);
		expect(simple).toHaveLength(2);
		expect(Object.keys(simple[0])).toEqual(['GUID', 'Status', 'Object', 'Approvers', 'Created', 'Updated', 'Reason', 'Explanation']);
		expect(simple[0]).toEqual({
			GUID: raw[0].GUID,
			Status: raw[0].Status,
			Object: raw[0].Blocking,
			Approvers: raw[0].Approvers,
			Created: raw[0].Created,
			Updated: raw[0].Updated,
			Reason: raw[0].ApprovalReason,
			Explanation: raw[0].ApprovalExplanation,
		});
		// Only the tickets output were read in detail.
		const details = tpp.sandbox.requests.filter(({ path }) => path.endsWith('/Workflow/Ticket/Details'));
		expect(details).toHaveLength(many.size + 2);
	});

	test('a Limit that is not a whole number from 1 fails naming the field', async () => {
		const result = await runNode(new VenafiTicket(), { ...byUser, limit: 0 }, { credentials: tpp.credentials(), typeVersion: 2 });
		expect(result.error?.message).toBe('The "Limit" parameter must be a whole number from 1, but it is "0"');
	});
});

describe('Get Details', () => {
	const base = { operation: 'get', guid: ticketGuid(2) };

	test('Simplify on (version 2 default): the fields a person reads first, in that order; off: the raw answer', async () => {
		const simple = await runNode(new VenafiTicket(), base, { credentials: tpp.credentials(), typeVersion: 2 });
		const raw = await runNode(new VenafiTicket(), { ...base, simplify: false }, { credentials: tpp.credentials(), typeVersion: 2 });
		const v1 = await runNode(new VenafiTicket(), base, { credentials: tpp.credentials(), typeVersion: 1 });
		expect(Object.keys(simple.items[0].json)).toEqual(['GUID', 'Status', 'Object', 'Approvers', 'Created', 'Updated', 'Reason', 'Explanation']);
		expect(simple.items[0].json).toMatchObject({ GUID: ticketGuid(2), Status: 'Pending', Object: '\\VED\\Policy\\Certificates\\app2.venafi.example' });
		expect(raw.items[0].json).toMatchObject({ GUID: ticketGuid(2), Result: 1, Blocking: '\\VED\\Policy\\Certificates\\app2.venafi.example' });
		expect(v1.items[0].json).toEqual(raw.items[0].json);
	});
});

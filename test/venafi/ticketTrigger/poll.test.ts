import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VenafiTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { VenafiTicketTrigger } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicketTrigger/VenafiTicketTrigger.node';
import { REMEMBERED_TICKETS } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicketTrigger/ticketMemory';
import { expectNoSecrets } from '../../harness/assertions';
import { PollingTrigger, emitted, type PollResult } from '../../harness/poll';
import { runNode } from '../../harness/run';
import { CERTIFICATE_OWNERS, RESULT_CODE_DNS, SANDBOX_CALLER, TPP_TOKEN, seedTickets, ticketGuid } from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

const tpp = useTppSandbox();
const FOLDER = '\\VED\\Policy\\Certificates';
const NEW_CERT = '\\VED\\Policy\\Certificates\\new.venafi.example';

const trigger = (parameters: INodeParameters = {}) =>
	new PollingTrigger(new VenafiTicketTrigger(), { userData: CERTIFICATE_OWNERS, ...parameters }, { credentials: tpp.credentials() });
const guids = (result: PollResult) => emitted(result).map((ticket) => ticket.GUID);
const paths = () => tpp.sandbox.requests.map((request) => `${request.method} ${request.path}`);
const seen = (active: PollingTrigger) => active.memory().seen as IDataObject;

beforeEach(() => {
	tpp.sandbox.tpp.tickets.clear();
	for (const ticket of seedTickets()) tpp.sandbox.tpp.tickets.set(ticket.GUID, ticket);
});

test('first activation records the existing tickets and emits nothing; an unchanged poll emits nothing', async () => {
	const active = trigger();
	expect(await active.activate()).toBeNull();
	expect(Object.keys(seen(active))).toEqual([1, 2, 3, 4].map(ticketGuid));
	// Recording needs no details: a refresh and one Enumerate.
	expect(paths()).toEqual(['GET /vedsdk/Permissions/Refresh/', 'POST /vedsdk/Workflow/Ticket/Enumerate']);
	expect(await active.poll()).toBeNull();
});

test('across polls: a new ticket is emitted once, with details; deleted and unchanged ones are not', async () => {
	const active = trigger();
	await active.activate();

	const first = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT });
	tpp.sandbox.clearLog();
	const poll1 = await active.poll();
	expect(guids(poll1)).toEqual([first]);
	expect(emitted(poll1)[0]).toMatchObject({ event: 'new', Status: 'Pending', Blocking: NEW_CERT, Result: 1 });
	expect(emitted(poll1)[0].Created).toMatch(/^\d{4}-\d\d-\d\dT/);
	expect(paths().filter((path) => path.endsWith('/Details'))).toHaveLength(1);

	expect(await active.poll()).toBeNull();

	tpp.sandbox.tpp.removeTicket(ticketGuid(2));
	expect(await active.poll()).toBeNull();
	// A vanished ticket is remembered (oldest first) so a reappearance is not news.
	expect(Object.keys(seen(active))[0]).toBe(ticketGuid(2));

	tpp.sandbox.tpp.setStatus(ticketGuid(3), 'Approved');
	expect(await active.poll()).toBeNull();

	const second = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT });
	const third = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT });
	tpp.sandbox.tpp.addTicket({ Blocking: '\\VED\\Policy\\Elsewhere\\x.example', UserData: 'local:{0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b}' });
	expect(guids(await active.poll())).toEqual([second, third]);
});

test('status changes are emitted when asked, with the previous status', async () => {
	const active = trigger({ options: { emitStatusChanges: true } });
	expect(await active.activate()).toBeNull();
	tpp.sandbox.tpp.setStatus(ticketGuid(3), 'Approved');
	const added = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT });
	const result = await active.poll();
	expect(emitted(result).map((ticket) => [ticket.GUID, ticket.event, ticket.previousStatus, ticket.Status])).toEqual([
		[ticketGuid(3), 'statusChanged', 'Pending', 'Approved'],
		[added, 'new', undefined, 'Pending'],
	]);
	expect(await active.poll()).toBeNull();
});

test('a restart with the saved static data emits nothing old, then what is new', async () => {
	const active = trigger();
	await active.activate();
	const before = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT });
	expect(guids(await active.poll())).toEqual([before]);

	const restarted = active.restart(new VenafiTicketTrigger());
	expect(await restarted.activate('init')).toBeNull();
	const after = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT });
	expect(guids(await restarted.poll())).toEqual([after]);
	expect(JSON.parse(restarted.saved)).toHaveProperty(['node:Trigger', 'seen', after]);
});

test('Emit Existing Tickets: the first activation emits what exists, then only news', async () => {
	const active = trigger({ options: { emitExisting: true } });
	const result = await active.activate();
	expect(guids(result)).toEqual([1, 2, 3, 4].map(ticketGuid));
	expect(emitted(result).every((ticket) => ticket.event === 'existing')).toBe(true);
	expect(await active.poll()).toBeNull();
});

test('the Status option limits what is emitted', async () => {
	const active = trigger({ options: { status: ['Pending'] } });
	await active.activate();
	const approved = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT, Status: 'Approved' });
	const pending = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT });
	expect(guids(await active.poll())).toEqual([pending]);
	expect(seen(active)[approved]).toBe('Approved');
});

test('a changed filter starts afresh instead of flooding', async () => {
	const active = trigger();
	await active.activate();
	const moved = new PollingTrigger(
		new VenafiTicketTrigger(),
		{ userData: 'AD+VENAFI:e3fc935977cf4940bd1d0c67433a76e5' },
		{ credentials: tpp.credentials(), savedStaticData: JSON.parse(active.saved) as IDataObject },
	);
	expect(await moved.activate('update')).toBeNull();
	expect(Object.keys(seen(moved))).toHaveLength(5);
});

test('tickets created after the token was issued are seen thanks to the refresh (on unless turned off)', async () => {
	const withRefresh = trigger();
	const withoutRefresh = trigger({ options: { refreshPermissions: false } });
	await withRefresh.activate();
	await withoutRefresh.activate();

	const hidden = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT, hiddenUntilRefresh: true });
	tpp.sandbox.clearLog();
	expect(await withoutRefresh.poll()).toBeNull();
	expect(paths().some((path) => path.includes('Permissions'))).toBe(false);
	expect(guids(await withRefresh.poll())).toEqual([hidden]);
});

test('each poll reads the credential again: a rotated token or a moved Base URL is used from the next poll', async () => {
	const active = trigger();
	await active.activate();
	const rotated = 'sandbox-tpp-token-rotated-0123456789abcdef';
	tpp.sandbox.tpp.tokens.add(rotated);
	tpp.sandbox.tpp.tokens.delete(TPP_TOKEN);
	active.credentials.venafiTppApi = { ...active.credentials.venafiTppApi, accessToken: rotated };
	try {
		const added = tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT });
		tpp.sandbox.clearLog();
		expect(guids(await active.poll())).toEqual([added]);
		expect(tpp.sandbox.requests.every((request) => request.authorization === `Bearer ${rotated}`)).toBe(true);
	} finally {
		tpp.sandbox.tpp.tokens.add(TPP_TOKEN);
		tpp.sandbox.tpp.tokens.delete(rotated);
	}
	// n8n keeps one poll context per activation; the Base URL must still come from the credential.
	active.credentials.venafiTppApi = { ...active.credentials.venafiTppApi, baseUrl: 'http://127.0.0.1:1' };
	await expect(active.poll()).rejects.toThrow('Venafi TPP could not be reached at http://127.0.0.1:1');
});

test('the memory is bounded: vanished tickets are forgotten first, and too many matches is a clear error', async () => {
	tpp.sandbox.tpp.tickets.clear();
	const bulk = Array.from({ length: REMEMBERED_TICKETS - 2 }, (_, index) =>
		tpp.sandbox.tpp.addTicket({ GUID: ticketGuid(100_000 + index), Blocking: `${FOLDER}\\bulk${index}.example` }),
	);
	const active = trigger({ options: { refreshPermissions: false } });
	expect(await active.activate()).toBeNull();

	for (const guid of bulk.slice(0, 10)) tpp.sandbox.tpp.removeTicket(guid);
	const fresh = Array.from({ length: 10 }, () => tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT }));
	expect(guids(await active.poll())).toEqual(fresh);
	const remembered = Object.keys(seen(active));
	expect(remembered).toHaveLength(REMEMBERED_TICKETS);
	// 10 vanished + 4,998 listed = 5,008: the 8 that vanished first are dropped.
	expect(remembered.slice(0, 2)).toEqual(bulk.slice(8, 10));
	expect(remembered).toEqual(expect.arrayContaining(fresh));
	expect(JSON.parse(active.saved)['node:Trigger'].seen).toEqual(seen(active));

	// 4,998 listed now; three more make 5,001.
	for (let i = 0; i < 3; i++) tpp.sandbox.tpp.addTicket({ Blocking: NEW_CERT });
	await expect(active.poll()).rejects.toThrow(
		`${REMEMBERED_TICKETS + 1} tickets match, more than the ${REMEMBERED_TICKETS} this trigger can remember between polls`,
	);
});

test('a failing Enumerate or a missing filter stops the poll with a clear error and keeps the memory', async () => {
	const active = trigger();
	await active.activate();
	const before = active.memory();
	tpp.sandbox.queue('/vedsdk/Workflow/Ticket/Enumerate', { status: 200, body: { GUIDs: null, Result: 4 } });
	await expect(active.poll()).rejects.toThrow(
		'Venafi TPP Ticket Trigger failed (Result 4 InsufficientPrivileges): the caller is not allowed to act on this ticket',
	);
	expect(active.memory()).toEqual(before);

	const unfiltered = new PollingTrigger(new VenafiTicketTrigger(), {}, { credentials: tpp.credentials() });
	await expect(unfiltered.activate()).rejects.toThrow('Set "Object DN" or "User Data" (or both)');

	const wrongToken = new PollingTrigger(
		new VenafiTicketTrigger(),
		{ objectDn: RESULT_CODE_DNS[2] },
		{ credentials: tpp.credentials({ accessToken: 'not-the-sandbox-token-123456' }) },
	);
	const error = await wrongToken.activate().then(
		() => undefined,
		(thrown: unknown) => thrown as Error & { description?: string },
	);
	expect(error?.message).toBe('Venafi TPP rejected the access token (HTTP 401: invalid_token)');
	expect(JSON.stringify({ message: error?.message, description: error?.description })).not.toContain(
		'not-the-sandbox-token-123456',
	);
});

describe('manual test run (through WorkflowExecute, as the editor runs it)', () => {
	const testRun = async (parameters: INodeParameters) => {
		const result = await runNode(new VenafiTicketTrigger(), parameters, { credentials: tpp.credentials() });
		expectNoSecrets(result, TPP_TOKEN);
		return result;
	};

	test('returns the current tickets with their details', async () => {
		const result = await testRun({ userData: CERTIFICATE_OWNERS });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.GUID)).toEqual([1, 2, 3, 4].map(ticketGuid));
		expect(result.items[0].json).toMatchObject({ event: 'existing', Status: 'Pending' });
	});

	test('with no tickets it says so clearly', async () => {
		const result = await testRun({ objectDn: '\\VED\\Policy\\Empty' });
		expect(result.error?.message).toBe('No tickets yet for Object DN "\\VED\\Policy\\Empty"');
		expect(result.error?.description).toContain('When a ticket is created');
	});

	test('a policy folder finds no tickets (TPP matches one object): the message says why and what finds them', async () => {
		const result = await testRun({ objectDn: FOLDER });
		expect(result.error?.message).toBe(`No tickets yet for Object DN "${FOLDER}"`);
		expect(result.error?.description).toMatch(/a certificate lists its own tickets, a policy folder none/);
		expect(result.error?.description).toMatch(/set User Data to me/);
		// The folder holds certificates with tickets: TPP's Enumerate does not look inside it.
		expect([...tpp.sandbox.tpp.tickets.values()].some((ticket) => ticket.Blocking.startsWith(`${FOLDER}\\`))).toBe(true);
	});

	test('User Data "me" watches the tickets of the signed-in user (Identity/Self, asked once per poll)', async () => {
		const mine = tpp.sandbox.tpp.addTicket({ Approvers: [SANDBOX_CALLER], Blocking: NEW_CERT });
		tpp.sandbox.clearLog();
		const result = await testRun({ userData: 'me' });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.GUID)).toEqual([mine]);
		expect(paths().filter((path) => path === 'GET /vedsdk/Identity/Self')).toHaveLength(1);
		const enumerate = tpp.sandbox.requests.find((request) => request.path === '/vedsdk/Workflow/Ticket/Enumerate');
		expect(enumerate?.body).toEqual({ UserData: SANDBOX_CALLER });
	});

	test('with tickets only in other statuses it says that too', async () => {
		const result = await testRun({ userData: CERTIFICATE_OWNERS, options: { status: ['Rejected'] } });
		expect(result.error?.message).toBe(
			`No tickets in status Rejected yet for User Data "${CERTIFICATE_OWNERS}" (4 in other statuses)`,
		);
	});
});

test('the trigger is a polling trigger, not a tool, and registered in the package', () => {
	const { description } = new VenafiTicketTrigger();
	expect(description).toMatchObject({ name: 'venafiTicketTrigger', displayName: 'Venafi TPP Ticket Trigger', polling: true });
	expect(description.usableAsTool).toBeUndefined();
	expect(description.inputs).toEqual([]);
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const pkg = require('../../../packages/venafi-tpp/package.json') as { n8n: { nodes: string[] } };
	expect(pkg.n8n.nodes).toContain('dist/nodes/Venafi/VenafiTicketTrigger/VenafiTicketTrigger.node.js');
});

test('Venafi TPP Ticket Get Many takes User Data "me" too, beside other identities', async () => {
	const mine = tpp.sandbox.tpp.addTicket({ Approvers: [SANDBOX_CALLER], Blocking: NEW_CERT });
	const result = await runNode(new VenafiTicket(), { operation: 'getMany', userData: `me, ${CERTIFICATE_OWNERS}`, returnAll: true }, { credentials: tpp.credentials() });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.GUID).sort()).toEqual([mine, ...[1, 2, 3, 4].map(ticketGuid)].sort());
	const enumerate = tpp.sandbox.requests.find((request) => request.path === '/vedsdk/Workflow/Ticket/Enumerate');
	expect(enumerate?.body).toEqual({ UserData: `${SANDBOX_CALLER},${CERTIFICATE_OWNERS}` });
});

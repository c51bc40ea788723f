/*
 * `npm run test:e2e:poll-budget:latest` (newest n8n only: e2e/latest): the Work Items Trigger
 * and the Venafi TPP Ticket Trigger inside a real n8n 2.41 whose durable scheduler gives each
 * poll a budget (IPollFunctions.getPollBudgetMs()), as small as n8n allows.
 *
 * How n8n 2.41.1 gives a poll a budget (read in e2e/latest/node_modules):
 * - n8n/dist/workflows/triggers/trigger-execution-context.factory.js, getExecutePollFunctions:
 *   budget = ceiling - margin, ceiling = min(N8N_SCHEDULER_POLL_TIMEOUT,
 *   N8N_SCHEDULER_LEASE_DURATION) s, margin = min(max(20 % of ceiling, 5 s), ceiling / 2); it is
 *   handed to the PollContext only with a lease `fence`, i.e. for polls the durable scheduler
 *   runs (scheduling/poll-trigger-node/poll-trigger-task-handler.js). Any other poll (the one
 *   publishing makes, a manual one) gets PollContext's default, 5 minutes
 *   (n8n-core/dist/execution-engine/node-execution-context/poll-context.js).
 *   N8N_SCHEDULER_POLL_TIMEOUT is a positive integer (@n8n/config scheduler.config.js), so the
 *   smallest budget is 1 s - 0.5 s = 500 ms.
 * - The scheduler runs polls only with N8N_SCHEDULER_ENABLED and
 *   N8N_SCHEDULER_POLL_TRIGGERS_ENABLED (and the workflow publication service, on by default):
 *   scheduling/poll-trigger-node/durable-poller-chain.js. Each scheduled poll loads the
 *   workflow afresh from the database; what a poll that emits nothing writes in the static data
 *   is kept only with N8N_POLLER_DURABLE_CURSORS_ENABLED (workflows/triggers/poll-cursor.service.js:
 *   the cursor row in poller_state, committed by `__commitCursor`). Without it (its default),
 *   a poll's static data is saved only when it emits (trigger-execution-context.factory.js
 *   __emit -> saveStaticData): run with E2E_DURABLE_CURSORS=false E2E_TRACE=1 and every
 *   scheduled poll reads offsets 0-999 again, so a listing longer than one poll reads is never
 *   scanned to its end and its new work items are never emitted.
 * - A poll past N8N_SCHEDULER_POLL_TIMEOUT is abandoned and logged: "Poll exceeded its timeout
 *   and was abandoned" (poll-trigger-task-handler.js), then backed off.
 * - Polls are at least a minute apart per schedule entry (n8n-workflow cron.js isSubMinuteCron
 *   refuses a seconds field that is not a plain number; the durable scheduler turns each entry
 *   into its own cron job: poll-trigger-job-registrar.js), but Poll Times may list several
 *   entries: twenty custom entries at seconds 0, 3, ..., 57 poll every 3 s, so a test needs
 *   minutes, not hours. N8N_SCHEDULER_EXECUTOR_INTERVAL=1 claims each poll within a second.
 * - Publishing polls once outside the scheduler (n8n-core active-workflow-triggers.js
 *   executePollTrigger(true), default 5-minute budget); when that poll emits nothing its memory
 *   is not kept (poll-trigger-executor.js commits the cursor only when not testing), so the
 *   first scheduled scan records the existing work items again.
 *
 * The sandbox answers each request after a delay, so one poll cannot read everything: the
 * listing (work items) or the ticket details are read over several polls from a cursor.
 * E2E_POLL_TIMEOUT_S, E2E_LATENCY_MS, E2E_POLL_EVERY_S change the figures; E2E_DURABLE_CURSORS=false
 * runs without durable cursors; E2E_TRACE=1 prints each listing request as it comes.
 */
import assert from 'node:assert/strict';

import { ourNode, SAILPOINT_CREDENTIAL, VENAFI_CREDENTIAL, workflow } from '../test/n8n/builder';
import { latestN8n } from '../test/n8n/paths';
import { stopEverythingOnSignal } from '../test/n8n/processes';
import { nodeOutput, type N8nRest } from '../test/n8n/rest';
import { startSession, type Session } from '../test/n8n/session';
import { ISC_IDENTITY_ID, ISC_OWNERS } from '../test/sandbox/isc';
import { CERTIFICATE_OWNERS, seedTickets } from '../test/sandbox/tpp';
import { pause, waitUntil } from './lib/polling';
import { TestRun } from './lib/runner';

const WORK_ITEMS = 20_000;
const TICKETS = 2_000;
/** New tickets at once: more than a poll reads (ten details a step). */
const BURST = 120;
/**
 * N8N_SCHEDULER_POLL_TIMEOUT in seconds: 2 s gives a 1,000 ms budget (n8n's smallest, 1 s, gives
 * 500 ms). n8n abandons a poll at the timeout, counting its own work in the poll too (reading the
 * credential, building the request): on a busy machine (a load of 7 on 2 cores here) n8n itself
 * stalls now and then past the margin, so an abandoned poll is reported with what the sandbox saw
 * of it, and the check is that every poll's reading fits its budget.
 */
const POLL_TIMEOUT_S = Number(process.env.E2E_POLL_TIMEOUT_S ?? 2);
const BUDGET_MS = budgetOf(POLL_TIMEOUT_S);
const LATENCY_MS = Number(process.env.E2E_LATENCY_MS ?? 20);
/** Seconds between polls (a divisor of 60): one schedule entry per poll in a minute. */
const POLL_EVERY_S = Number(process.env.E2E_POLL_EVERY_S ?? 3);
const NEW_CERT = '\\VED\\Policy\\Certificates\\new.venafi.example';

/** n8n 2.41's budget for a poll timeout of `seconds` (lease 60 s), as getExecutePollFunctions computes it. */
function budgetOf(seconds: number): number {
	const ceilingMs = Math.min(seconds, 60) * 1000;
	return ceilingMs - Math.min(Math.max(0.2 * ceilingMs, 5_000), ceilingMs / 2);
}

const pollTimes = {
	item: Array.from({ length: 60 / POLL_EVERY_S }, (_, index) => ({ mode: 'custom', cronExpression: `${index * POLL_EVERY_S} * * * * *` })),
};

const WORK_ITEMS_WORKFLOW = 'e2ePollBudgetWI01';
const TICKETS_WORKFLOW = 'e2ePollBudgetTK01';
const WORK_ITEMS_NODE = 'SailPoint Work Items Trigger';
const TICKETS_NODE = 'Venafi TPP Ticket Trigger';
const workflows = [
	workflow(WORK_ITEMS_WORKFLOW, 'e2e: work items within the poll budget', [
		ourNode('workItemsTrigger', WORK_ITEMS_NODE, { pollTimes, options: {} }, { sailPointIscApi: SAILPOINT_CREDENTIAL }),
	]),
	workflow(TICKETS_WORKFLOW, 'e2e: tickets within the poll budget', [
		ourNode('venafiTicketTrigger', TICKETS_NODE, { pollTimes, userData: CERTIFICATE_OWNERS, options: {} }, { venafiTppApi: VENAFI_CREDENTIAL }),
	]),
];

const SCHEDULER_ENV = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: process.env.E2E_DURABLE_CURSORS ?? 'true',
	N8N_SCHEDULER_POLL_TIMEOUT: String(POLL_TIMEOUT_S),
	// Claim due polls every second (default 5 s) so they start on time.
	N8N_SCHEDULER_EXECUTOR_INTERVAL: '1',
	// Debug: log lines carry their time, so an abandoned poll can be matched with the requests it made.
	N8N_LOG_LEVEL: process.env.E2E_N8N_LOG_LEVEL ?? 'debug',
};

/** A request the sandbox saw, with when it arrived. */
interface Timed {
	at: number;
	path: string;
	query: string;
}

/** Requests close together (less than half the poll interval apart) belong to one poll. */
interface Poll {
	start: number;
	/** When the last request's answer left (its arrival plus the sandbox's latency). */
	end: number;
	requests: Timed[];
}

function pollsOf(requests: Timed[], latencyMs: () => number): Poll[] {
	const polls: Poll[] = [];
	for (const request of requests) {
		const last = polls.at(-1);
		if (last && request.at - last.end < (POLL_EVERY_S * 1000) / 2) {
			last.requests.push(request);
			last.end = request.at + latencyMs();
		} else polls.push({ start: request.at, end: request.at + latencyMs(), requests: [request] });
	}
	return polls;
}

/** Every execution of a workflow newer than `afterId`, oldest first (n8n lists 20 unless asked). */
async function executionsAfter(rest: N8nRest, workflowId: string, afterId: number): Promise<string[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const ids: string[] = [];
	let lastId: string | undefined;
	for (;;) {
		const page = await rest.call<{ results: Array<{ id: string; status: string }> }>(
			'GET',
			`/executions?filter=${filter}&limit=100${lastId ? `&lastId=${lastId}` : ''}`,
		);
		const newer = page.results.filter((execution) => Number(execution.id) > afterId);
		ids.push(...newer.map((execution) => execution.id));
		if (page.results.length < 100 || newer.length < page.results.length) break;
		lastId = page.results[page.results.length - 1].id;
	}
	return ids.sort((a, b) => Number(a) - Number(b));
}

/** What a trigger emitted: one key per item, from the executions after `afterId` (each read once). */
class Emitted {
	private readonly read = new Map<string, Array<{ key: string; event: string }>>();

	constructor(
		private readonly rest: N8nRest,
		private readonly workflowId: string,
		private readonly node: string,
		private readonly key: string,
		private readonly afterId: number,
	) {}

	async all(): Promise<Array<{ key: string; event: string; execution: string }>> {
		const items: Array<{ key: string; event: string; execution: string }> = [];
		for (const id of await executionsAfter(this.rest, this.workflowId, this.afterId)) {
			let keys = this.read.get(id);
			if (keys === undefined) {
				const execution = await this.rest.execution(id);
				const output = nodeOutput(execution, this.node);
				// Not finished yet: read again next time.
				if (output === undefined) continue;
				keys = output.map((item) => ({ key: String(item.json[this.key]).toLowerCase(), event: String(item.json.event) }));
				this.read.set(id, keys);
			}
			items.push(...keys.map((entry) => ({ ...entry, execution: id })));
		}
		return items;
	}
}

/** waitUntil with a pause of a second between checks: checks that ask n8n's REST API would load the n8n they measure. */
async function waitSlowly(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new assert.AssertionError({ message: `timed out after ${timeoutMs} ms waiting for ${what}` });
		await pause(1_000);
	}
}

/** n8n abandons a poll past N8N_SCHEDULER_POLL_TIMEOUT; what the sandbox saw of each such poll. */
function describeAbandoned(polls: Array<{ at: string; reading: string }>): string {
	if (polls.length === 0) return '    no poll abandoned\n';
	return `    abandoned by n8n (${polls.length}): ${polls.map((poll) => `at ${poll.at} (sandbox: ${poll.reading})`).join(', ')}\n`;
}

function duplicates(keys: string[]): string[] {
	const seen = new Set<string>();
	return keys.filter((key) => (seen.has(key) ? true : (seen.add(key), false)));
}

function register(run: TestRun, session: Session): void {
	const { sandbox, rest } = session;
	const isc: Timed[] = [];
	const tpp: Timed[] = [];
	const push = sandbox.requests.push.bind(sandbox.requests);
	sandbox.requests.push = (...entries) => {
		for (const entry of entries) {
			const timed = { at: Date.now(), path: entry.path, query: entry.query };
			if (process.env.E2E_TRACE === '1') process.stdout.write(`      ${new Date(timed.at).toISOString().slice(11, 23)} ${entry.path}?${entry.query}\n`);
			if (/work-items/i.test(entry.path)) isc.push(timed);
			else if (/^\/vedsdk\//i.test(entry.path)) tpp.push(timed);
		}
		return push(...entries);
	};
	const latency = () => sandbox.latencyMs;
	/**
	 * The polls of a workflow n8n abandoned (its log line, time of day in UTC), each with what the
	 * sandbox saw of it: the requests of the poll that started within the timeout before.
	 */
	const abandonedPolls = (workflowId: string, polls: Poll[]) => {
		const day = new Date().toISOString().slice(0, 10);
		const found: Array<{ at: string; reading: string }> = [];
		for (const line of session.main.process.log.split('\n')) {
			const match = /^(\d\d:\d\d:\d\d\.\d{3}).*Poll exceeded its timeout and was abandoned.*"workflowId": "([^"]+)"/.exec(line);
			if (!match || match[2] !== workflowId) continue;
			const at = Date.parse(`${day}T${match[1]}Z`);
			const poll = polls.find((candidate) => candidate.start <= at && candidate.start >= at - POLL_TIMEOUT_S * 1000 - 200);
			found.push({ at: match[1], reading: poll ? `${poll.requests.length} requests in ${poll.end - poll.start} ms` : 'no request' });
		}
		return found;
	};

	run.test(`${WORK_ITEMS.toLocaleString('en')} work items, a poll every ${POLL_EVERY_S} s with a ${BUDGET_MS} ms budget: each poll reads part of the listing from the cursor within its budget; work items added meanwhile (also during the first scan, which records the existing ones) are emitted exactly once within two scans`, async () => {
		sandbox.isc.reseed(WORK_ITEMS, { owners: [{ id: ISC_IDENTITY_ID, name: 'Admin' }] });
		const pending = sandbox.isc.workItems.filter((item) => item.state === 'PENDING').length;
		sandbox.latencyMs = LATENCY_MS;
		const before = await rest.latestExecutionId();
		const emitted = new Emitted(rest, WORK_ITEMS_WORKFLOW, WORK_ITEMS_NODE, 'id', before);
		const started = Date.now();
		await rest.activate(WORK_ITEMS_WORKFLOW);
		const publishedMs = Date.now() - started;
		// Publishing polls once, outside the scheduler (n8n's default budget, 5 minutes); a poll
		// that emits nothing there keeps no memory (poll-trigger-executor.js commits the cursor
		// only for scheduled polls), so the first scheduled scan records the work items again.
		const publicationRequests = isc.length;
		const scheduledFrom = isc.length;
		const polls = () => pollsOf(isc.slice(scheduledFrom), latency);
		// A scan starts with a request for offset 0 after one past it.
		const scanStarts = () => {
			const starts: number[] = [];
			let previous = -1;
			for (const request of isc.slice(scheduledFrom)) {
				const offset = Number(new URLSearchParams(request.query).get('offset') ?? 0);
				if (offset === 0 && previous !== 0) starts.push(request.at);
				previous = offset;
			}
			return starts;
		};
		// Work items created while the first scheduled scan (the one that records what exists) is
		// under way: at the end of the listing, so a later poll of that scan finds them; their
		// `created` is after the scan began, so each is emitted once as new.
		await waitUntil(() => scanStarts().length >= 1, 120_000, 'the first scheduled poll');
		const duringFirstScan = [sandbox.isc.addWorkItem({ created: new Date().toISOString() }).id];
		sandbox.isc.addWorkItem({ ownerId: ISC_OWNERS[1].id, created: new Date().toISOString() });
		await pause(POLL_EVERY_S * 1000);
		duringFirstScan.push(sandbox.isc.addWorkItem({ created: new Date().toISOString() }).id);
		assert.equal(scanStarts().length, 1, 'both added while the first scheduled scan was under way');
		await waitUntil(() => scanStarts().length >= 2, 600_000, 'the first scheduled scan to end');
		const [firstScan, secondScan] = scanStarts();
		const pollsPerScan = polls().filter((poll) => poll.start >= firstScan && poll.start < secondScan).length;
		// New work items arrive during the next scans, one every other poll; some old ones are
		// decided meanwhile, so the listing shifts under the cursor.
		const added: string[] = [...duringFirstScan];
		for (let round = 0; round < 6; round++) {
			added.push(sandbox.isc.addWorkItem().id);
			sandbox.isc.addWorkItem({ ownerId: ISC_OWNERS[1].id });
			if (round % 2 === 0) {
				const old = sandbox.isc.workItems.find((item) => item.state === 'PENDING' && !added.includes(item.id))!;
				sandbox.isc.finish(old.id);
			}
			await pause(2 * POLL_EVERY_S * 1000);
		}
		const lastAdded = Date.now();
		await waitSlowly(async () => (await emitted.all()).length >= added.length, 2 * pollsPerScan * POLL_EVERY_S * 1000 + 60_000, 'the added work items');
		const pollsToEmit = polls().filter((poll) => poll.start >= lastAdded).length;
		// One more whole scan: nothing comes twice.
		const scansBefore = scanStarts().length;
		await waitUntil(() => scanStarts().length >= scansBefore + 2, 2 * pollsPerScan * POLL_EVERY_S * 1000 + 60_000, 'one more whole scan');
		await pause(2_000);
		const items = await emitted.all();
		const keys = items.map((entry) => entry.key);
		const scheduled = polls();
		const longest = Math.max(...scheduled.map((poll) => poll.end - poll.start));
		process.stdout.write(
			`    ${WORK_ITEMS} work items (${pending} pending); publishing (its poll read everything) made ${publicationRequests} requests in ${publishedMs} ms\n` +
				`    ${scheduled.length} scheduled polls, ${pollsPerScan} per scan (${WORK_ITEMS / pollsPerScan | 0} work items a poll), longest ${longest} ms (budget ${BUDGET_MS} ms)\n` +
				`    ${duringFirstScan.length} added during the first scan, ${added.length - duringFirstScan.length} after it; ${keys.length} emitted (${new Set(keys).size} distinct) in ${new Set(items.map((entry) => entry.execution)).size} executions; all emitted within ${pollsToEmit} polls of the last addition\n` +
				describeAbandoned(abandonedPolls(WORK_ITEMS_WORKFLOW, scheduled)),
		);
		assert.deepEqual(duplicates(keys), [], 'no work item emitted twice');
		assert.deepEqual([...keys].sort(), [...added].sort(), 'each added work item once (those added during the first scan too), nothing else');
		assert.ok(items.every((entry) => entry.event === 'new'));
		assert.ok(pollsPerScan >= 3, `a scan takes several polls: ${pollsPerScan}`);
		assert.ok(pollsToEmit <= 2 * pollsPerScan + 1, `emitted within two scans: ${pollsToEmit} polls`);
		// Every poll's reading (first request to last answer, as the sandbox saw it) fits its budget.
		for (const poll of scheduled) assert.ok(poll.end - poll.start <= BUDGET_MS, `a poll read for ${poll.end - poll.start} ms, past its ${BUDGET_MS} ms budget`);
		await rest.deactivate(WORK_ITEMS_WORKFLOW);
		sandbox.latencyMs = 0;
	});

	run.test(`${TICKETS.toLocaleString('en')} tickets, ${BUDGET_MS} ms budget: a burst of ${BURST} new tickets is read over several polls (a call per ticket's details), each emitted exactly once within a bounded number of polls, each poll's reading within its budget`, async () => {
		sandbox.tpp.tickets.clear();
		for (const ticket of seedTickets()) sandbox.tpp.tickets.set(ticket.GUID.toLowerCase(), ticket);
		while (sandbox.tpp.tickets.size < TICKETS) sandbox.tpp.addTicket({ Blocking: NEW_CERT });
		sandbox.latencyMs = LATENCY_MS;
		const before = await rest.latestExecutionId();
		const emitted = new Emitted(rest, TICKETS_WORKFLOW, TICKETS_NODE, 'GUID', before);
		await rest.activate(TICKETS_WORKFLOW);
		const scheduledFrom = tpp.length;
		const polls = () => pollsOf(tpp.slice(scheduledFrom), latency);
		const detailsIn = (poll: Poll) => poll.requests.filter((request) => /ticket\/details$/i.test(request.path)).length;
		// The first scheduled poll records the tickets (their GUIDs: one call).
		await waitUntil(() => polls().length >= 1, 60_000, 'the first scheduled poll');
		await pause(POLL_EVERY_S * 1000);
		const added: string[] = [];
		for (let count = 0; count < BURST; count++) added.push(sandbox.tpp.addTicket({ Blocking: NEW_CERT }));
		const burstAt = Date.now();
		await waitSlowly(async () => (await emitted.all()).length >= added.length, 300_000, 'the burst');
		const burstPolls = polls().filter((poll) => poll.start >= burstAt && poll.start < Date.now());
		const late: string[] = [];
		for (let count = 0; count < 5; count++) late.push(sandbox.tpp.addTicket({ Blocking: NEW_CERT }));
		const lateAt = Date.now();
		await waitUntil(() => polls().filter((poll) => poll.start >= lateAt).length >= 3, 60_000, 'three more polls');
		await pause(2_000);
		const items = await emitted.all();
		const keys = items.map((entry) => entry.key);
		const scheduled = polls();
		const longest = Math.max(...scheduled.map((poll) => poll.end - poll.start));
		process.stdout.write(
			`    ${TICKETS} tickets; ${BURST} new at once, emitted over ${burstPolls.length} polls (details read per poll: ${burstPolls.map(detailsIn).join(' ')}); ${late.length} more later\n` +
				`    ${scheduled.length} scheduled polls, longest ${longest} ms (budget ${BUDGET_MS} ms); ${keys.length} emitted (${new Set(keys).size} distinct) in ${new Set(items.map((entry) => entry.execution)).size} executions\n` +
				describeAbandoned(abandonedPolls(TICKETS_WORKFLOW, scheduled)),
		);
		assert.deepEqual(duplicates(keys), [], 'no ticket emitted twice');
		assert.deepEqual([...keys].sort(), [...added, ...late].sort(), 'each new ticket once, nothing else');
		assert.ok(items.every((entry) => entry.event === 'new'));
		assert.ok(burstPolls.length >= 2, 'the burst took several polls');
		// A poll reads ten tickets' details a step, and at least one step unless n8n took the whole budget before it.
		assert.ok(burstPolls.length <= 2 * Math.ceil(BURST / 10) + 2, `the burst emitted within ${2 * Math.ceil(BURST / 10) + 2} polls: ${burstPolls.length}`);
		for (const poll of scheduled) assert.ok(poll.end - poll.start <= BUDGET_MS, `a poll read for ${poll.end - poll.start} ms, past its ${BUDGET_MS} ms budget`);
		await rest.deactivate(TICKETS_WORKFLOW);
		sandbox.latencyMs = 0;
	});
}

async function main(): Promise<void> {
	const started = Date.now();
	const run = new TestRun(`End-to-end: polling triggers within n8n's poll budget (${latestN8n.label}, durable scheduler, poll timeout ${POLL_TIMEOUT_S} s: budget ${BUDGET_MS} ms, sandbox latency ${LATENCY_MS} ms)`);
	stopEverythingOnSignal();
	let session: Session | undefined;
	try {
		session = await startSession({ install: latestN8n, workflows, activate: [], sharedEnv: SCHEDULER_ENV, skipBuild: process.env.E2E_SKIP_BUILD === '1' });
		register(run, session);
		await run.run();
	} catch (error) {
		run.fail('set-up', error);
	} finally {
		const failed = run.failures.length > 0 || process.env.E2E_KEEP_HOME === '1';
		await session?.stop({ keepHome: failed });
		if (failed && session) process.stdout.write(`\nn8n home and logs kept for inspection: ${session.home.userFolder}\n`);
	}
	process.stdout.write(`\nTotal time ${((Date.now() - started) / 1000).toFixed(1)}s\n${run.summary()}\n`);
	process.exitCode = run.failures.length > 0 ? 1 : 0;
}

void main();

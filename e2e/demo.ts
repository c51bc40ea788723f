/*
 * `npm run demo`: the README's "run it". Builds the package, starts the sandbox (stand-ins
 * for Venafi TPP and SailPoint ISC), installs the pinned n8n into e2e/ if missing, loads the
 * packed package into a fresh n8n as a community package, runs the example workflows and
 * prints what each did.
 *
 * `npm run demo -- --editor`: the same n8n, left running with the editor on
 * http://127.0.0.1:5678 (owner account, sandbox credentials and examples ready) until Ctrl-C.
 */
import { ISC_IDENTITY_ID, ISC_TOKEN, PENDING_APPROVAL_INDEX } from '../test/sandbox/isc';
import { ticketGuid } from '../test/sandbox/tpp';
import { APPROVE_PENDING_RUN_NOW, EXAMPLES, loadExamples, SIGN_OFF_RUN_NOW } from './lib/examples';
import { freePort } from '../test/n8n/ports';
import { pinnedN8n } from '../test/n8n/paths';
import { stopEverythingOnSignal } from '../test/n8n/processes';
import { OWNER } from '../test/n8n/rest';
import { startSession, type Session } from '../test/n8n/session';

const editor = process.argv.includes('--editor');
const EDITOR_PORT = Number(process.env.N8N_DEMO_PORT ?? 5678);
const say = (line = '') => process.stdout.write(`${line}\n`);

async function portIsFree(port: number): Promise<boolean> {
	const { createServer } = await import('node:net');
	return await new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

type Json = Record<string, unknown>;

function itemsOf(run: unknown, node: string): Json[] {
	const data = (run as { data?: { resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Json }>> } }>>; error?: { message?: string } } } })?.data;
	if (!data) throw new Error('n8n execute printed no result');
	if (data.resultData?.error) throw new Error(`the workflow failed: ${data.resultData.error.message}`);
	return (data.resultData?.runData?.[node]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
}

async function runExamples(session: Session): Promise<void> {
	const decision = EXAMPLES.ticketDecision;
	say();
	say('1. "Venafi: approve or reject a ticket (webhook)" (examples/venafi-ticket-decision-webhook.json)');
	const calls: Array<{ guid: string; decision: string; explanation?: string }> = [
		{ guid: ticketGuid(1), decision: 'approve', explanation: 'Change CHG-1001 approved by the demo' },
		{ guid: ticketGuid(2), decision: 'reject', explanation: 'Host is not on the approved list' },
		{ guid: ticketGuid(1), decision: 'reject' },
		{ guid: 'not-a-ticket-guid', decision: 'approve' },
	];
	for (const call of calls) {
		const answer = await session.rest.webhook(decision.webhookPath, call);
		const body = answer.body as Json;
		say(`   POST /webhook/${decision.webhookPath} ${JSON.stringify(call)}`);
		say(`     -> ${answer.status}: ${String(body.message ?? answer.text)}`);
	}

	say();
	say('2. "Venafi: report TPP agent work by type" (examples/venafi-agent-work-by-type.json, n8n execute)');
	const work = await session.home.execute(EXAMPLES.agentWorkByType.id);
	for (const line of itemsOf(work.run, 'Report line')) say(`   ${String(line.line)}`);

	say();
	say('3. "SailPoint: digest of pending work items by owner" (examples/sailpoint-pending-work-items-digest.json, n8n execute)');
	const digest = await session.home.execute(EXAMPLES.pendingDigest.id);
	const lines = itemsOf(digest.run, 'Digest line');
	for (const line of lines) say(`   ${String(line.line)}`);
	if (lines.length === 0) say('   (no pending work items)');
	say(`   waiting for your decision: ${pendingApproval(session)}`);

	say();
	say('4. "Venafi: approve routine pending tickets every 15 minutes" (examples/venafi-approve-pending-tickets.json,');
	say('   run now: n8n execute on a copy that starts at a Manual Trigger instead of the schedule)');
	session.sandbox.tpp.addTicket({ Blocking: '\\VED\\Policy\\Certificates\\payments.corp.internal', ApprovalReason: 'New wildcard certificate' });
	const routine = await session.home.execute(APPROVE_PENDING_RUN_NOW);
	for (const ticket of itemsOf(routine.run, 'Approve')) say(`   approved ${String(ticket.GUID)}`);
	for (const line of itemsOf(routine.run, 'Report for a human')) say(`   ${String(line.line)}`);

	say();
	say('5. "SailPoint: summarize each new work item, approve the routine ones" (examples/sailpoint-approve-new-work-items.json,');
	say('   published as is: its Work Items Trigger polls once on publishing; publishing again polls again)');
	const example = EXAMPLES.approveNewWorkItems.id;
	const before = await session.rest.latestExecutionId();
	await session.rest.activate(example);
	const listings = () => session.sandbox.requests.filter((request) => request.path === '/work-items/v1').length;
	await until(() => listings() >= 1);
	const routineItem = session.sandbox.isc.addWorkItem({ approvals: 2 });
	const form = session.sandbox.isc.addWorkItem({ type: 'FORM', approvals: 0 });
	say(`   new in ISC: ${routineItem.name} (${routineItem.id}, an Active Directory access request) and ${form.name} (${form.id}, a form)`);
	await session.rest.deactivate(example);
	await session.rest.activate(example);
	const execution = await session.rest.waitForExecution(example, before, 30_000);
	await session.rest.deactivate(example);
	const runData = execution.data.resultData.runData;
	for (const item of runData['Summary']?.[0]?.data?.main?.[0] ?? []) say(`   ${String(item.json.summary)}`);
	for (const item of runData['Approve all items']?.[0]?.data?.main?.[0] ?? []) say(`   approved: work item ${String(item.json.id)} is now ${String(item.json.state)}`);
	for (const item of runData['Needs a human']?.[0]?.data?.main?.[0] ?? []) say(`   ${String(item.json.line)}`);

	say();
	say('6. "SailPoint: certification helper" (examples/sailpoint-certification-helper.json, published as is: its');
	say('   Certifications Trigger polls on publishing; then the hourly sign-off branch, run now)');
	const helper = EXAMPLES.certificationHelper.id;
	const certifications = session.sandbox.certifications;
	certifications.reseed([]);
	const helperBefore = await session.rest.latestExecutionId();
	await session.rest.activate(helper);
	const certificationListings = () => session.sandbox.requests.filter((request) => request.path === '/certifications/v1').length;
	await until(() => certificationListings() >= 1);
	const assigned = certifications.add({ reviewerId: ISC_IDENTITY_ID, identities: 1, campaign: 0, due: new Date(Date.now() + 20 * 86_400_000).toISOString() });
	say(`   assigned in ISC: "${assigned.name}" (${assigned.items.length} review items, due in 20 days)`);
	await session.rest.deactivate(helper);
	await session.rest.activate(helper);
	const reviewed = await session.rest.waitForExecution(helper, helperBefore, 30_000);
	await session.rest.deactivate(helper);
	const review = reviewed.data.resultData.runData;
	for (const item of review['Approve']?.[0]?.data?.main?.[0] ?? []) say(`   approved by the role model: review item ${String(item.json.reviewItemId)} (${String(item.json.status)})`);
	for (const item of review['Ask the reviewer']?.[0]?.data?.main?.[0] ?? []) say(`   to the reviewer: ${String(item.json.text)}`);
	const rest = assigned.items.filter((item) => item.decision === null).map((item) => ({ id: item.id, decision: 'REVOKE', bulk: false, comments: 'No longer needed' }));
	await fetch(`${session.sandbox.url}/certifications/v1/${assigned.id}/decide`, {
		method: 'POST',
		headers: { authorization: `Bearer ${ISC_TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify(rest),
	});
	say(`   the reviewer revokes the other ${rest.length} in ISC; the hourly branch runs:`);
	const signOff = await session.home.execute(SIGN_OFF_RUN_NOW);
	for (const item of itemsOf(signOff.run, 'Sign off')) say(`   signed off: "${String(item.name)}" is now ${String(item.phase)}`);
}

/** The seed's pending Approval work item of the default identity, as a builder would pick it. */
function pendingApproval(session: Session): string {
	const item = session.sandbox.isc.workItems[PENDING_APPROVAL_INDEX];
	const items = (Array.isArray(item.approvalItems) ? item.approvalItems : [item.approvalItems]).filter(Boolean).length;
	return `"${item.name}" (${item.id}, ${items} approval items; SailPoint Work Items > Approve Item lists it)`;
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('timed out waiting for the trigger to poll');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

async function main(): Promise<void> {
	const started = Date.now();
	if (editor && !(await portIsFree(EDITOR_PORT))) {
		throw new Error(`Port ${EDITOR_PORT} on 127.0.0.1 is in use; stop what uses it or set N8N_DEMO_PORT.`);
	}
	let session: Session | undefined;
	stopEverythingOnSignal(async () => {
		await session?.sandbox.stop();
		session?.home.remove();
	}, editor ? 0 : 130);
	say(editor ? 'Demo: the n8n editor with the Venafi and SailPoint nodes, against the local sandbox' : 'Demo: the example workflows inside a real n8n, against the local sandbox');
	session = await startSession({
		install: pinnedN8n,
		// The editor can run the scheduled example as it is; the run-now copy is for `n8n execute`.
		workflows: editor ? loadExamples().filter((workflow) => workflow.id !== APPROVE_PENDING_RUN_NOW && workflow.id !== SIGN_OFF_RUN_NOW) : loadExamples(),
		activate: [EXAMPLES.ticketDecision.id],
		mainEnv: editor ? { N8N_PORT: String(EDITOR_PORT) } : { N8N_PORT: String(await freePort()) },
	});
	say(`n8n ${session.version} is up (${((Date.now() - started) / 1000).toFixed(0)}s so far); sandbox at ${session.sandbox.url}`);

	if (!editor) {
		try {
			await runExamples(session);
		} finally {
			await session.stop();
		}
		say();
		say(`Done in ${((Date.now() - started) / 1000).toFixed(1)}s. \`npm run demo -- --editor\` opens the same set-up in the n8n editor.`);
		return;
	}

	const url = session.main.url;
	say();
	say('The n8n editor is running:');
	say(`  URL       ${url}`);
	say(`  Email     ${OWNER.email}`);
	say(`  Password  ${OWNER.password}`);
	say();
	say('Credentials "Venafi TPP (sandbox)" and "SailPoint ISC (sandbox)" point at the sandbox;');
	say('the example workflows are imported (Overview). The ticket decision webhook is live:');
	say(`  curl -s -X POST ${url}/webhook/${EXAMPLES.ticketDecision.webhookPath} -H 'content-type: application/json' \\`);
	say(`       -d '{"guid":"${ticketGuid(1)}","decision":"approve","explanation":"looks good"}'`);
	say(`Pending approval work item of the SailPoint credential's identity: ${pendingApproval(session)}`);
	say(`Pending sandbox tickets: ${[...session.sandbox.tpp.tickets.values()].filter((ticket) => ticket.Status === 'Pending').map((ticket) => ticket.GUID).join(', ')}`);
	say();
	say(`n8n home (temporary): ${session.home.userFolder}`);
	say('Ctrl-C stops n8n and the sandbox.');
	await new Promise(() => {});
}

main().catch((error: unknown) => {
	process.stderr.write(`\nDemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
});

import type { DecideResults } from './decideBench';
import type { Machine } from './machine';
import type { N8nProfile } from './profileN8n';
import type { PackageCost } from './packageCost';
import type { RateLimitedCase } from './rateLimitBench';
import { RETURN_ALL_ROUND_TRIP_MS, type ReturnAllResult } from './returnAllBench';
import { count, kb, mb, ratio, seconds, show } from './stats';
import type { TicketCase } from './ticketBench';
import type { TlsCase } from './tlsBench';
import type { ProfileSummary } from './profile';
import type { QueueBenchResults } from './queueBench';

/** bench/results.md: tables a reader can set next to the next run's, and the same as a summary. */

/** What one n8n line (a version of n8n on the Node it needs) measured: parts 1, 1b, 2, 3 and 6. */
export interface LineResults {
	/** E.g. "n8n 2.8.4 on Node 20". */
	label: string;
	n8nVersion?: string;
	tickets?: TicketCase[];
	tls?: TlsCase;
	rateLimited?: { allowedMs: number; limit: string; items: number; cases: RateLimitedCase[] };
	returnAll?: ReturnAllResult;
	queue?: QueueBenchResults;
	decide?: DecideResults;
	n8nProfile?: N8nProfile[];
}

export interface BenchResults {
	date: string;
	machine: Machine;
	settings: { runs: number; items: number; returnAllItems: number; returnAllRuns: number; rateLimitRuns: number; queueRuns: number; decideItems: number; decideRuns: number };
	/** Each n8n line's parts, measured one line after the other in the same run. */
	lines: LineResults[];
	profile?: ProfileSummary;
	/** The 1-minute load average when the bench started and at each part's end (other processes share the machine). */
	load: Array<{ at: string; load: number[] }>;
	packageCost?: PackageCost[];
	durationMs: number;
}

/** The targets of the figures the README's Benchmarks table shows. */
export const TARGETS = { ticketRatio: 0.4, tlsRatio: 0.8, returnAllRatio: 0.8 } as const;

const verdict = (met: boolean) => (met ? 'met' : '**not met**');

export function renderResults(results: BenchResults): string {
	const { machine, settings } = results;
	const lines: string[] = [
		'# Benchmark results',
		'',
		'Produced by `npm run bench` (how to run it: the README\'s Benchmarks section). Every figure is the',
		'median of the runs, with (min-max); ratios are ours / theirs, taken pair by pair (each run of',
		'ours against the run of the other made next to it), then summarised the same way.',
		'',
		'## Machine',
		'',
		'| | |',
		'|---|---|',
		`| Date | ${results.date} |`,
		`| CPU | ${machine.cpu} |`,
		`| Cores | ${machine.cores} |`,
		`| Memory | ${machine.memoryGb} GB |`,
		`| OS | ${machine.os} |`,
		`| Node | ${machine.node} |`,
		`| n8n lines | ${results.lines.map((line) => line.label).join('; ') || 'not started'} |`,
		`| Whole bench run | ${(results.durationMs / 60_000).toFixed(1)} min |`,
		`| Load average (1, 5, 15 min) | ${results.load.map((entry) => `${entry.at}: ${entry.load.map((n) => n.toFixed(2)).join(', ')}`).join('; ')} |`,
		'',
		`The machine has ${machine.cores} cores; a load average above that means other processes competed for them during the run, and`,
		'every figure (ours and the comparisons alike) is slower and noisier than on an idle machine. The ratios, taken run by run, are the',
		'figures to compare.',
		'',
	];

	lines.push(...renderSummary(results));
	for (const line of results.lines) lines.push(...renderLine(line, settings));

	if (results.packageCost) {
		lines.push('## 4. Package cost', '');
		for (const p of results.packageCost) {
			lines.push(
				`### ${p.name}`,
				'',
				'| | |',
				'|---|---|',
				`| Cold load of all ${p.modules} node and credential modules (fresh \`node\`, after n8n-workflow) | ${show(p.oursMs, (n) => `${n.toFixed(1)} ms`)} |`,
				`| n8n-workflow itself in the same process (context; n8n has it loaded already) | ${show(p.n8nWorkflowMs, (n) => `${n.toFixed(1)} ms`)} |`,
				`| Tarball (\`npm pack\`) | ${kb(p.tarballBytes)} (${p.files} files, ${kb(p.unpackedBytes)} unpacked) |`,
				`| Runtime dependencies | ${p.runtimeDependencies.length === 0 ? '0 (target: 0, met)' : `**${p.runtimeDependencies.join(', ')}**`} |`,
				`| Peer dependencies | ${p.peerDependencies.join(', ') || 'none'} (provided by n8n) |`,
				'',
			);
		}
	}
	if (results.profile) {
		const p = results.profile;
		lines.push(
			`## 5. Profile: where one Ticket Details item's time goes`,
			'',
			`${p.runs} runs of ${p.items} items of ours (Ticket Details, defaults, no added latency) in the bench process through n8n-core's`,
			"WorkflowExecute (the test harness), under V8's CPU profiler (200 us samples); each sample's own time goes to the code it was in,",
			'by source file. The sandbox answers from the same process, so its share is server time a real run would not spend here.',
			'The harness has no database: inside n8n a credential read is a SQLite read plus decryption (about 1.0-1.3 ms each),',
			"which ours now pays once per run and the HTTP Request node once per item's request.",
			`Wall time: ${p.perItemMs.toFixed(3)} ms per item.`,
			'',
			'| Where | Share of samples | ms per item |',
			'|---|---|---|',
			...p.buckets.map((entry) => `| ${entry.bucket} | ${(entry.share * 100).toFixed(1)}% | ${entry.perItemMs.toFixed(3)} |`),
			'',
		);
	}
	return `${lines.join('\n')}\n`;
}

/** One n8n line's parts. */
function renderLine(line: LineResults, settings: BenchResults['settings']): string[] {
	const lines: string[] = [];
	if (line.tickets) {
		lines.push(
			`## 1. Venafi Ticket, ${settings.items} items: our node vs the HTTP Request node (inside n8n): ${line.label}`,
			'',
			`Both nodes in the same n8n ${line.n8nVersion ?? ''}, installed as a community package (the e2e set-up); webhook -> Split Out`,
			`-> the node. Time: the node's \`executionTime\` from the execution's runData. HTTP Request v4.2 at its defaults with`,
			'a Header Auth credential (`Authorization: Bearer ...`); ours as the nodes panel adds it: Venafi TPP Ticket version 5 at its',
			'defaults (Items in Flight 1,000; Get Details also reads each distinct approver\'s name once, Identity/Validate).',
			`${settings.runs} runs each, alternating which node runs first; one 100-item warm-up run each, not counted.`,
			'',
			'The last four columns are diagnostics: ours with Options > Request Options > Items in Flight set to 100 (the default of',
			'versions 1-4, which saved workflows keep) and to 10 (the default before that); see the note below.',
			'',
			`| Operation | Added latency | Ours (defaults) | HTTP Request | Ratio ours/HTTP | Target <= ${TARGETS.ticketRatio} | Ours, 100 in flight | Ratio | Ours, 10 in flight | Ratio |`,
			'|---|---|---|---|---|---|---|---|---|---|',
		);
		for (const entry of line.tickets) {
			lines.push(
				`| ${entry.operation} | ${entry.latencyMs} ms | ${show(entry.ours)} | ${show(entry.http)} | ${show(entry.ratio, ratio)} | ${verdict(entry.ratio.median <= TARGETS.ticketRatio)} | ${show(entry.oursAt100)} | ${show(entry.ratioAt100, ratio)} | ${show(entry.oursAt10)} | ${show(entry.ratioAt10, ratio)} |`,
			);
		}
		const notes = line.tickets.flatMap((entry) => entry.notes.map((note) => `${entry.operation} @${entry.latencyMs} ms: ${note}`));
		lines.push(
			'',
			'Note: with 10 items\' requests in flight 1,000 items take at least 100 round trips one after another (at 20 ms each,',
			'2 s before any CPU work). With 100 in flight the floor is 10 round trips, yet n8n then does its per-request work (a new',
			'agent and connection per request, axios, the expression for each item) in smaller bursts with idle gaps between them:',
			'a plain axios loop measured on this machine shows the same, 1,000 requests at 20 ms took 610-680 ms with 100 in flight',
			'and 435-465 ms with 1,000. So version 5 sends up to 1,000 at once, as the HTTP Request node sends all input items.',
			'What is left is per-request work in n8n (section 5b). Ours reads and decrypts the credential once per run and hands it',
			'to n8n with every request (`credentialsDecrypted`); the HTTP Request node has n8n read and decrypt its credential for',
			'every item\'s request.',
		);
		lines.push('', notes.length === 0 ? `Every run of every node put out all items with no error and made exactly one ticket request per item; ours also read approver names ${[...new Set(line.tickets.flatMap((entry) => entry.nameReads))].join(' or ')} time(s) per run.` : `Irregular runs:\n${notes.map((note) => `- ${note}`).join('\n')}`, '');
	}

	if (line.decide) {
		const d = line.decide;
		lines.push(
			`## 7. Deciding ${d.items} certification review items: ${line.label}`,
			'',
			`One certification of ${d.items} review items in the sandbox (${d.latencyMs} ms added latency); the webhook gets one entry per review item`,
			'(`{ id, certificationId }`, what Get Many Review Items puts out) and each way approves them all, with a comment. Ours:',
			'SailPoint Certifications > Decide once (Execute Once) for the IDs of every item, which it sends 250 per request (the most',
			'the decide call takes, one request after the other). HTTP Request v4.2 at its defaults with a Header Auth credential: once',
			'per item (one decision per request), or after a Code node that builds batches of 250 decisions (once per batch). Time: the',
			'executionTime of the nodes doing the work (Code node + HTTP Request for the last). Runs alternate the order.',
			'',
			'| Way | Time | Ratio ours/this | Requests | Review items decided |',
			'|---|---|---|---|---|',
			...d.ways.map((way) => `| ${way.way} | ${show(way.ms)} | ${show(way.ratio, ratio)} | ${show(way.requests, count)} | ${show(way.decided, count)} |`),
			'',
		);
		const notes = d.ways.flatMap((way) => way.notes.map((note) => `${way.way}: ${note}`));
		lines.push(notes.length === 0 ? 'Every run of every way decided all review items with no error.' : `Irregular runs:\n${notes.map((note) => `- ${note}`).join('\n')}`, '');
	}

	if (line.n8nProfile && line.n8nProfile.length > 0) {
		const p = line.n8nProfile;
		const first = p[0];
		const buckets = [...new Set(p.flatMap((entry) => entry.buckets.filter((bucket) => bucket.share >= 0.01).map((bucket) => bucket.bucket)))];
		lines.push(
			`## 5b. Profile inside n8n: ${first.items} items at ${first.latencyMs} ms added latency: ${line.label}`,
			'',
			`\`n8n start\` with its inspector on; V8's CPU profiler sampled the n8n process (200 us) over ${first.runs} runs of each node (webhook,`,
			'Split Out, the node, saving the execution); each sample\'s own time goes to the code it was in. "Busy": sampled time that was',
			'not idle, per item, the whole execution included; executionTime is the node\'s alone. ms per item in each cell.',
			'',
			`| Where | ${p.map((entry) => `${entry.operation}, ${entry.who}`).join(' | ')} |`,
			`|---|${p.map(() => '---:').join('|')}|`,
			`| executionTime (median, ms) | ${p.map((entry) => Math.round(entry.nodeMs)).join(' | ')} |`,
			`| n8n busy, ms per item | ${p.map((entry) => entry.busyPerItemMs.toFixed(3)).join(' | ')} |`,
			...buckets.map((bucket) => `| ${bucket} | ${p.map((entry) => (entry.buckets.find((candidate) => candidate.bucket === bucket)?.perItemMs ?? 0).toFixed(3)).join(' | ')} |`),
			'',
		);
	}

	if (line.tls) {
		const t = line.tls;
		lines.push(
			`## 1b. Ticket Details, ${settings.items} items over HTTPS with about ${t.roundTripMs} ms of round trip: ${line.label}`,
			'',
			`The sandbox serving HTTPS with a self-signed certificate, behind a TCP proxy that holds every chunk ${t.roundTripMs / 2} ms each way`,
			'(bench/delayProxy.ts; this kernel has no netem). Ours (Allow Unauthorized Certificates on) and the HTTP Request node',
			'(Ignore SSL Issues on) inside n8n, times from `executionTime`; and two raw clients in the bench process (node:https,',
			'100 requests in flight, as ours): with keep-alive (100 sockets, one TLS handshake each: the floor) and with a new',
			`connection per request (what n8n's request helper does for every node). ${settings.runs} runs, order alternated.`,
			'',
			`| Ours | HTTP Request | Ratio ours/HTTP | Target <= ${TARGETS.tlsRatio} | Raw keep-alive (floor) | Raw, new connection per request | Ours / floor | HTTP Request / floor |`,
			'|---|---|---|---|---|---|---|---|',
			`| ${show(t.ours)} | ${show(t.http)} | ${show(t.ratio, ratio)} | ${verdict(t.ratio.median <= TARGETS.tlsRatio)} | ${show(t.rawKeepAlive)} | ${show(t.rawPerRequest)} | ${show(t.oursOverFloor, ratio)} | ${show(t.httpOverFloor, ratio)} |`,
			'',
			t.notes.length === 0 ? 'Every run put out all items with no error and made exactly one ticket request per item (ours also reads the approvers\' names once per run).' : `Irregular runs:\n${t.notes.map((note) => `- ${note}`).join('\n')}`,
			'',
		);
	}

	if (line.returnAll) {
		const r = line.returnAll;
		const row = (name: string, key: keyof ReturnAllResult['byContender'], ratioCell: string) => {
			const c = r.byContender[key];
			return `| ${name} | ${show(c.ms)} | ${ratioCell} | ${c.cpu ? show(c.cpu) : 'n/a'} | ${show(c.heapGrowth, mb)} | ${show(c.retained, mb)} | ${show(c.maxRss, mb)} | ${c.itemsSeen.join(', ') || 'n/a'} | ${show(c.requests, count)} |`;
		};
		lines.push(
			`## 2. Work Items Return All of ${r.items.toLocaleString('en-US')} items: ${line.label}`,
			'',
			'Each contender in a fresh child process against the same sandbox (no added latency, no rate limit), one listing per',
			'process, modules loaded before the clock starts. Ours: the Work Items node (Get Many, Return All, Pace Requests off)',
			"run in-process by n8n-core's WorkflowExecute through the test harness (test/harness/run.ts's runNode, skipping its",
			"closing secret scan of the whole output). Raw loop: axios, limit 250, offset += 250",
			"until a short page. SDK: sailpoint-api-client's `Paginator.paginate(api, api.listWorkItems)`.",
			'Heap growth: peak heapUsed (sampled every 5 ms) minus heapUsed before the listing, the 100,000 items held at the end;',
			'it moves by several MB between runs with when the collector runs. Retained: heapUsed after a full GC at the end, the',
			'listing still held, minus the same before it: what the result itself costs, the same from run to run.',
			'CPU: user + system time of the contender\'s process during the listing (the sandbox runs in another process,',
			'on the other core): what the listing costs the machine running it, beside the time spent waiting for the server.',
			`${settings.returnAllRuns} runs, order rotated each run.`,
			'',
			'| Contender | Time | Ratio ours/this | CPU | Heap growth | Retained | Peak RSS (process) | Items | Requests |',
			'|---|---|---|---|---|---|---|---|---|',
			row('Ours (Work Items node)', 'ours', '1.00'),
			row('Raw axios offset loop', 'axios', show(r.ratios.axios, ratio)),
			row('sailpoint-api-client Paginator', 'paginator', show(r.ratios.paginator, ratio)),
			'',
			`Our node's own executionTime: ${r.byContender.ours.nodeMs ? show(r.byContender.ours.nodeMs) : 'n/a'}. Target: at most ${TARGETS.returnAllRatio}x the raw loop's time and no more heap than it: ${verdict(r.ratios.axios.median <= TARGETS.returnAllRatio && r.byContender.ours.heapGrowth.median <= r.byContender.axios.heapGrowth.median)}.`,
		);
		if (r.withLatency) {
			const w = r.withLatency;
			lines.push(
				'',
				`With about ${w.roundTripMs} ms of round trip added (bench/delayProxy.ts, ${w.roundTripMs / 2} ms each way; ${settings.returnAllRuns} runs each, order`,
				`alternated), as a tenant on the network answers: ours ${show(w.ours)}, the raw loop ${show(w.axios)}, ratio ours/loop`,
				`${show(w.ratio, ratio)}; items ${w.itemsSeen.join(', ') || 'n/a'}. Ours fetches up to 4 pages at a time once the first page gives the total; the loop one after another.`,
			);
		}
		if (r.failures.length > 0) lines.push('', 'Failures:', ...r.failures.map((failure) => `- ${failure}`));
		lines.push('');
	}

	if (line.rateLimited) {
		const r = line.rateLimited;
		lines.push(
			`## 3. Rate limited: ${r.items} work item reads, sandbox enforcing ${r.limit} per token: ${line.label}`,
			'',
			`Work Items Get Many with Limit 1 once per input item (ours: Pace Requests on, 50 per 1 s; HTTP Request: GET /work-items/v1?limit=1`,
			`at its defaults, and once more with On Error: Continue to count the items that fail). The limit itself allows ${r.items} requests`,
			`in ${seconds(r.allowedMs)}. "Completed": items put out without an error (a failed execution completes none). Time: the node's`,
			`executionTime. ${settings.rateLimitRuns} runs each.`,
			'',
			'| Contender | Completed | Lost / failed | 429s received | Requests | Time | Time / limit | Execution |',
			'|---|---|---|---|---|---|---|---|',
		);
		for (const entry of r.cases) {
			lines.push(
				`| ${entry.contender} | ${show(entry.completed, count)} | ${show(entry.lost, count)} | ${show(entry.rateLimited, count)} | ${show(entry.requests, count)} | ${show(entry.nodeMs, seconds)} | ${show(entry.ofLimit, ratio)} | ${entry.statuses.join(', ')} |`,
			);
		}
		const ours = r.cases[0];
		const met = ours.lost.max === 0 && ours.ofLimit.max <= 1.2;
		lines.push('', `Target (ours completes all, no failure, in <= 1.2x the limit's ${seconds(r.allowedMs)}): ${verdict(met)}.`);
		const errors = r.cases.flatMap((entry) => entry.errors.map((error) => `${entry.contender}: ${error}`));
		if (errors.length > 0) lines.push('', 'Node errors:', ...errors.map((error) => `- ${error}`));
		lines.push('');
	}

	if (line.queue) {
		const q = line.queue;
		const total = q.executions * q.itemsPerExecution;
		lines.push(
			`## 6. Queue mode: ${q.executions} executions of ${q.itemsPerExecution} work item reads started together, one token, ${q.limit}: ${line.label}`,
			'',
			`n8n ${line.n8nVersion ?? ''} in queue mode (Redis, \`n8n start\` enqueues, \`n8n worker\` runs), every worker using the same ISC`,
			`access token; Work Items Get Many with Limit 1 once per item, Pace Requests set to the limit. The limit allows ${total}`,
			`requests in ${seconds(q.allowedMs)}. Each worker paces itself and sees no other worker; a 429 makes it take a smaller share`,
			'of the limit and each quiet window gives some back (shared/transport/pacing.ts). Time: from the first webhook call to',
			`the last execution's answer. ${q.cases[0]?.runs.length ?? 0} runs per set-up.`,
			'',
			'| Set-up | Run | Completed | Lost | 429s / requests | Time | Time / limit | Workers used |',
			'|---|---|---|---|---|---|---|---|',
		);
		for (const entry of q.cases) {
			entry.runs.forEach((run, index) => {
				lines.push(
					`| ${entry.setup} | ${index + 1} | ${run.completed} | ${run.lost} | ${run.rateLimited} / ${run.requests} (${((100 * run.rateLimited) / Math.max(1, run.requests)).toFixed(1)}%) | ${seconds(run.wallMs)} | ${run.ofLimit.toFixed(2)} | ${run.workersUsed} |`,
				);
			});
		}
		const all = q.cases.flatMap((entry) => entry.runs);
		const met = all.every((run) => run.lost === 0 && run.rateLimited < 0.05 * run.requests && run.ofLimit <= 1.25);
		lines.push('', `Target (0 lost, under 5% of requests answered 429, time <= 1.25x the limit's, in every run): ${verdict(met)}.`, '');
	}
	return lines;
}

/** The figures with a target, one column per n8n line: what the README's Benchmarks table shows. */
function renderSummary(results: BenchResults): string[] {
	if (results.lines.length === 0) return [];
	const cell = (figure: string | undefined) => figure ?? 'n/a';
	const rows: Array<[string, string, (line: LineResults) => string | undefined]> = [];
	for (const operation of [...new Set(results.lines.flatMap((line) => (line.tickets ?? []).map((entry) => entry.operation)))]) {
		for (const latency of [0, 20]) {
			rows.push([`${operation}, 1,000 items, ${latency} ms added: ours / HTTP Request node`, `<= ${TARGETS.ticketRatio}`, (line) => {
				const entry = line.tickets?.find((candidate) => candidate.operation === operation && candidate.latencyMs === latency);
				return entry && `${show(entry.ratio, ratio)} ${verdict(entry.ratio.median <= TARGETS.ticketRatio)}`;
			}]);
		}
	}
	rows.push(['Ticket Details over HTTPS: ours / HTTP Request node', `<= ${TARGETS.tlsRatio}`, (line) => line.tls && `${show(line.tls.ratio, ratio)} ${verdict(line.tls.ratio.median <= TARGETS.tlsRatio)}`]);
	rows.push(['Ticket Details over HTTPS: ours / raw keep-alive floor', 'context', (line) => line.tls && show(line.tls.oursOverFloor, ratio)]);
	rows.push(['Return All 100,000 work items: time, ours / raw axios loop', `<= ${TARGETS.returnAllRatio}`, (line) => line.returnAll && `${show(line.returnAll.ratios.axios, ratio)} ${verdict(line.returnAll.ratios.axios.median <= TARGETS.returnAllRatio)}`]);
	rows.push(['Return All: CPU time of the listing process, ours vs raw loop', 'context', (line) => line.returnAll?.byContender.ours.cpu && `${show(line.returnAll.byContender.ours.cpu)} vs ${show(line.returnAll.byContender.axios.cpu)}`]);
	rows.push([`Return All with ${RETURN_ALL_ROUND_TRIP_MS} ms round trip: time, ours / raw loop`, 'context', (line) => line.returnAll?.withLatency && show(line.returnAll.withLatency.ratio, ratio)]);
	rows.push(['Return All: heap growth, ours vs raw loop', 'ours <= loop', (line) => {
		const r = line.returnAll;
		return r && `${show(r.byContender.ours.heapGrowth, mb)} vs ${show(r.byContender.axios.heapGrowth, mb)} ${verdict(r.byContender.ours.heapGrowth.median <= r.byContender.axios.heapGrowth.median)}`;
	}]);
	rows.push(['Return All: heap retained after GC, ours vs raw loop', 'context', (line) => line.returnAll && `${show(line.returnAll.byContender.ours.retained, mb)} vs ${show(line.returnAll.byContender.axios.retained, mb)}`]);
	rows.push(['Return All: peak RSS, ours vs raw loop', 'context', (line) => line.returnAll && `${show(line.returnAll.byContender.ours.maxRss, mb)} vs ${show(line.returnAll.byContender.axios.maxRss, mb)}`]);
	rows.push(['Deciding 10,000 review items: time, ours / HTTP Request once per item; requests', 'context', (line) => {
		const ways = line.decide?.ways;
		return ways && `${show(ways[1].ratio, ratio)}; ${show(ways[0].requests, count)} vs ${show(ways[1].requests, count)}`;
	}]);
	rows.push(['Deciding 10,000 review items: time, ours / Code node batches + HTTP Request; requests', 'context', (line) => {
		const ways = line.decide?.ways;
		return ways && `${show(ways[2].ratio, ratio)}; ${show(ways[0].requests, count)} vs ${show(ways[2].requests, count)}`;
	}]);
	rows.push(['Rate limited (ours): lost; time / limit', '0; <= 1.2', (line) => {
		const ours = line.rateLimited?.cases[0];
		return ours && `${show(ours.lost, count)}; ${show(ours.ofLimit, ratio)} ${verdict(ours.lost.max === 0 && ours.ofLimit.max <= 1.2)}`;
	}]);
	rows.push(['Queue mode: lost; most 429s; most time / limit', '0; < 5%; <= 1.25', (line) => {
		const runs = line.queue?.cases.flatMap((entry) => entry.runs);
		if (!runs || runs.length === 0) return undefined;
		const lost = Math.max(...runs.map((run) => run.lost));
		const share = Math.max(...runs.map((run) => run.rateLimited / Math.max(1, run.requests)));
		const ofLimit = Math.max(...runs.map((run) => run.ofLimit));
		return `${lost}; ${(100 * share).toFixed(1)}%; ${ofLimit.toFixed(2)} ${verdict(lost === 0 && share < 0.05 && ofLimit <= 1.25)}`;
	}]);
	return [
		'## Summary: both n8n lines',
		'',
		`| Figure | Target | ${results.lines.map((line) => line.label).join(' | ')} |`,
		`|---|---|${results.lines.map(() => '---').join('|')}|`,
		...rows.map(([name, target, value]) => `| ${name} | ${target} | ${results.lines.map((line) => cell(value(line))).join(' | ')} |`),
		'',
	];
}


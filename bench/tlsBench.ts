import { Agent, request } from 'node:https';

import { TPP_TOKEN } from '../test/sandbox/tpp';
import { TLS_ONE_WAY_MS, type BenchSession } from './n8nSession';
import { runWorkflow, type ExecutionFigures } from './n8nRuns';
import { pairRatios, spread, type Spread } from './stats';

/**
 * Ticket Details for 1,000 items over HTTPS with about 10 ms of round trip (the sandbox with a
 * self-signed certificate behind the delay proxy): our node and the HTTP Request node inside
 * n8n, and two raw clients in the bench process with the same 100 requests in flight, one with
 * keep-alive (each socket's TLS handshake once: the floor) and one opening a connection per
 * request, as n8n's request helper does for every node.
 */
export interface TlsCase {
	roundTripMs: number;
	ours: Spread;
	http: Spread;
	ratio: Spread;
	rawKeepAlive: Spread;
	rawPerRequest: Spread;
	oursOverFloor: Spread;
	httpOverFloor: Spread;
	/** Connections the sandbox accepted per run: ours, HTTP Request, raw keep-alive. */
	complete: boolean;
	notes: string[];
}

async function rawRun(url: string, guids: string[], keepAlive: boolean): Promise<{ ms: number; failures: number }> {
	const agent = new Agent({ keepAlive, maxSockets: 100, rejectUnauthorized: false });
	let next = 0;
	let failures = 0;
	const post = async (guid: string) =>
		await new Promise<number>((resolve, reject) => {
			const body = JSON.stringify({ GUID: guid });
			const sent = request(
				`${url}/vedsdk/Workflow/Ticket/Details`,
				{
					method: 'POST',
					agent,
					headers: { Authorization: `Bearer ${TPP_TOKEN}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('end', () => {
						JSON.parse(Buffer.concat(chunks).toString('utf8'));
						resolve(res.statusCode ?? 0);
					});
				},
			);
			sent.on('error', reject);
			sent.end(body);
		});
	const started = Date.now();
	await Promise.all(
		Array.from({ length: 100 }, async () => {
			while (next < guids.length) {
				const status = await post(guids[next++]);
				if (status !== 200) failures++;
			}
		}),
	);
	const ms = Date.now() - started;
	agent.destroy();
	return { ms, failures };
}

export async function tlsBench(
	session: BenchSession,
	options: { items: number; runs: number },
	log: (line: string) => void,
): Promise<TlsCase> {
	const { tlsSandbox, tlsProxy, workflows } = session;
	const url = tlsProxy.url('https');
	const guids = Array.from({ length: options.items }, () => tlsSandbox.tpp.addTicket());
	const items = guids.map((guid) => ({ guid }));
	// The executions are counted against the HTTPS sandbox.
	const tlsSession = { ...session, sandbox: tlsSandbox };
	await runWorkflow(tlsSession, workflows.tls.ours, items.slice(0, 100));
	await runWorkflow(tlsSession, workflows.tls.http, items.slice(0, 100));
	await rawRun(url, guids.slice(0, 100), true);
	const ours: ExecutionFigures[] = [];
	const http: ExecutionFigures[] = [];
	const keepAlive: number[] = [];
	const perRequest: number[] = [];
	const notes: string[] = [];
	for (let run = 0; run < options.runs; run++) {
		const steps: Array<() => Promise<void>> = [
			async () => void ours.push(await runWorkflow(tlsSession, workflows.tls.ours, items)),
			async () => void http.push(await runWorkflow(tlsSession, workflows.tls.http, items)),
			async () => {
				const raw = await rawRun(url, guids, true);
				keepAlive.push(raw.ms);
				if (raw.failures > 0) notes.push(`raw keep-alive: ${raw.failures} failures`);
			},
			async () => {
				const raw = await rawRun(url, guids, false);
				perRequest.push(raw.ms);
				if (raw.failures > 0) notes.push(`raw per request: ${raw.failures} failures`);
			},
		];
		if (run % 2 === 1) steps.reverse();
		for (const step of steps) await step();
		log(
			`    HTTPS ~${2 * TLS_ONE_WAY_MS} ms, run ${run + 1}: ours ${ours[run].nodeMs} ms, HTTP Request ${http[run].nodeMs} ms, raw keep-alive ${keepAlive[run]} ms, raw new connection per request ${perRequest[run]} ms`,
		);
	}
	for (const [who, figures] of [['ours', ours], ['HTTP Request', http]] as const) {
		for (const figure of figures) {
			// Ours (version 5) also reads each distinct approver's name once (Identity/Validate).
			const ticketCalls = figure.requests - figure.nameReads;
			if (figure.status !== 'success' || figure.outputItems !== options.items || figure.errorItems > 0 || ticketCalls !== options.items) {
				notes.push(`${who}: ${figure.status}, ${figure.outputItems} items (${figure.errorItems} errors), ${ticketCalls} ticket requests ${figure.error ?? ''}`.trim());
			}
		}
	}
	const oursMs = ours.map((figure) => figure.nodeMs);
	const httpMs = http.map((figure) => figure.nodeMs);
	return {
		roundTripMs: 2 * TLS_ONE_WAY_MS,
		ours: spread(oursMs),
		http: spread(httpMs),
		ratio: spread(pairRatios(oursMs, httpMs)),
		rawKeepAlive: spread(keepAlive),
		rawPerRequest: spread(perRequest),
		oursOverFloor: spread(pairRatios(oursMs, keepAlive)),
		httpOverFloor: spread(pairRatios(httpMs, keepAlive)),
		complete: notes.length === 0,
		notes,
	};
}

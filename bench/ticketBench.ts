import type { BenchSession } from './n8nSession';
import { runWorkflow, type ExecutionFigures } from './n8nRuns';
import { pairRatios, spread, type Spread } from './stats';
import type { BenchWorkflow, TicketSet } from './workflows';

/**
 * Part 1: Ticket Details and UpdateStatus for 1,000 items, our node vs the HTTP Request node,
 * inside the same n8n, at 0 and at 20 ms added latency. Runs alternate which node goes first;
 * each ratio is taken between the two runs of one pair.
 */

export interface TicketCase {
	operation: string;
	latencyMs: number;
	ours: Spread;
	http: Spread;
	ratio: Spread;
	/** Diagnostic: ours with Request Options > Items in Flight 10 (the former default). */
	oursNarrow: Spread;
	narrowRatio: Spread;
	/** Diagnostic: ours with Items in Flight 1,000 (every item at once, as the HTTP Request node). */
	oursWide: Spread;
	wideRatio: Spread;
	/** Every run produced 1,000 items and made 1,000 requests, for both nodes. */
	complete: boolean;
	notes: string[];
}

export async function ticketBench(
	session: BenchSession,
	options: { items: number; runs: number; latencies: number[] },
	log: (line: string) => void,
): Promise<TicketCase[]> {
	const { sandbox, workflows } = session;
	const guids = Array.from({ length: options.items }, () => ({ guid: sandbox.tpp.addTicket() }));
	const operations: Array<[string, TicketSet]> = [
		['Ticket Details', workflows.ticketGet],
		['UpdateStatus', workflows.ticketUpdate],
	];
	const cases: TicketCase[] = [];
	for (const latencyMs of options.latencies) {
		sandbox.latencyMs = latencyMs;
		for (const [operation, pair] of operations) {
			// Warm-up (not counted): n8n loads the node types and compiles expressions on first use.
			await runWorkflow(session, pair.ours, guids.slice(0, 100));
			await runWorkflow(session, pair.http, guids.slice(0, 100));
			await runWorkflow(session, pair.oursNarrow, guids.slice(0, 100));
			await runWorkflow(session, pair.oursWide, guids.slice(0, 100));
			const ours: ExecutionFigures[] = [];
			const http: ExecutionFigures[] = [];
			const oursNarrow: ExecutionFigures[] = [];
			const oursWide: ExecutionFigures[] = [];
			for (let run = 0; run < options.runs; run++) {
				const order: Array<[BenchWorkflow, ExecutionFigures[]]> = [
					[pair.ours, ours],
					[pair.http, http],
					[pair.oursNarrow, oursNarrow],
					[pair.oursWide, oursWide],
				];
				if (run % 2 === 1) order.reverse();
				for (const [bench, into] of order) into.push(await runWorkflow(session, bench, guids));
				log(
					`    ${operation} @${latencyMs} ms, run ${run + 1}: ours ${ours[run].nodeMs} ms, HTTP Request ${http[run].nodeMs} ms, ours with 10 in flight ${oursNarrow[run].nodeMs} ms, with 1,000 in flight ${oursWide[run].nodeMs} ms`,
				);
			}
			const notes: string[] = [];
			const check = (who: string, figures: ExecutionFigures[]) => {
				for (const figure of figures) {
					if (figure.status !== 'success' || figure.outputItems !== options.items || figure.errorItems > 0 || figure.requests !== options.items) {
						notes.push(`${who}: ${figure.status}, ${figure.outputItems} items (${figure.errorItems} errors), ${figure.requests} requests ${figure.error ?? ''}`.trim());
					}
				}
			};
			check('ours', ours);
			check('HTTP Request', http);
			check('ours, 10 in flight', oursNarrow);
			check('ours, 1,000 in flight', oursWide);
			const oursMs = ours.map((figure) => figure.nodeMs);
			const httpMs = http.map((figure) => figure.nodeMs);
			const narrowMs = oursNarrow.map((figure) => figure.nodeMs);
			const wideMs = oursWide.map((figure) => figure.nodeMs);
			cases.push({
				operation,
				latencyMs,
				ours: spread(oursMs),
				http: spread(httpMs),
				ratio: spread(pairRatios(oursMs, httpMs)),
				oursNarrow: spread(narrowMs),
				narrowRatio: spread(pairRatios(narrowMs, httpMs)),
				oursWide: spread(wideMs),
				wideRatio: spread(pairRatios(wideMs, httpMs)),
				complete: notes.length === 0,
				notes,
			});
		}
	}
	sandbox.latencyMs = 0;
	return cases;
}

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
	/** Diagnostic: ours with Items in Flight 100 (the default of versions 1-4, kept by saved workflows). */
	oursAt100: Spread;
	ratioAt100: Spread;
	/** Diagnostic: ours with Items in Flight 10 (the default before 100). */
	oursAt10: Spread;
	ratioAt10: Spread;
	/** Every run produced 1,000 items and made one ticket request per item, for both nodes. */
	complete: boolean;
	/** Ours' reads of approver names (Identity/Validate) per run: once per distinct approver. */
	nameReads: number[];
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
			await runWorkflow(session, pair.oursAt100, guids.slice(0, 100));
			await runWorkflow(session, pair.oursAt10, guids.slice(0, 100));
			const ours: ExecutionFigures[] = [];
			const http: ExecutionFigures[] = [];
			const oursAt100: ExecutionFigures[] = [];
			const oursAt10: ExecutionFigures[] = [];
			for (let run = 0; run < options.runs; run++) {
				const order: Array<[BenchWorkflow, ExecutionFigures[]]> = [
					[pair.ours, ours],
					[pair.http, http],
					[pair.oursAt100, oursAt100],
					[pair.oursAt10, oursAt10],
				];
				if (run % 2 === 1) order.reverse();
				for (const [bench, into] of order) into.push(await runWorkflow(session, bench, guids));
				log(
					`    ${operation} @${latencyMs} ms, run ${run + 1}: ours ${ours[run].nodeMs} ms, HTTP Request ${http[run].nodeMs} ms, ours with 100 in flight ${oursAt100[run].nodeMs} ms, with 10 in flight ${oursAt10[run].nodeMs} ms`,
				);
			}
			const notes: string[] = [];
			const check = (who: string, figures: ExecutionFigures[]) => {
				for (const figure of figures) {
					const ticketCalls = figure.requests - figure.nameReads;
					if (figure.status !== 'success' || figure.outputItems !== options.items || figure.errorItems > 0 || ticketCalls !== options.items) {
						notes.push(`${who}: ${figure.status}, ${figure.outputItems} items (${figure.errorItems} errors), ${ticketCalls} ticket requests ${figure.error ?? ''}`.trim());
					}
				}
			};
			check('ours', ours);
			check('HTTP Request', http);
			check('ours, 100 in flight', oursAt100);
			check('ours, 10 in flight', oursAt10);
			const oursMs = ours.map((figure) => figure.nodeMs);
			const httpMs = http.map((figure) => figure.nodeMs);
			const at100Ms = oursAt100.map((figure) => figure.nodeMs);
			const at10Ms = oursAt10.map((figure) => figure.nodeMs);
			cases.push({
				operation,
				latencyMs,
				ours: spread(oursMs),
				http: spread(httpMs),
				ratio: spread(pairRatios(oursMs, httpMs)),
				oursAt100: spread(at100Ms),
				ratioAt100: spread(pairRatios(at100Ms, httpMs)),
				oursAt10: spread(at10Ms),
				ratioAt10: spread(pairRatios(at10Ms, httpMs)),
				complete: notes.length === 0,
				notes,
				nameReads: ours.map((figure) => figure.nameReads),
			});
		}
	}
	sandbox.latencyMs = 0;
	return cases;
}

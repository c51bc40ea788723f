import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Workflow } from '../../test/n8n/builder';
import { examplesDir } from '../../test/n8n/paths';

/**
 * The example workflows as files in examples/ (no ids, so they import anywhere); the scripts
 * import copies with fixed ids so that they can run and open them.
 */
export const EXAMPLES = {
	ticketDecision: { file: 'venafi-ticket-decision-webhook.json', id: 'exTicketDecision', webhookPath: 'venafi-ticket-decision' },
	agentWorkByType: { file: 'venafi-agent-work-by-type.json', id: 'exAgentWorkByTyp' },
	pendingDigest: { file: 'sailpoint-pending-work-items-digest.json', id: 'exSailPointDiges' },
	approvePending: { file: 'venafi-approve-pending-tickets.json', id: 'exApprovePending' },
	approveNewWorkItems: { file: 'sailpoint-approve-new-work-items.json', id: 'exApproveNewWork' },
	accessRequestApprovals: { file: 'sailpoint-access-request-approvals.json', id: 'exAccessReqApprv' },
	preApproval: { file: 'sailpoint-access-request-pre-approval.json', id: 'exPreApprovalEvt' },
	certificationHelper: { file: 'sailpoint-certification-helper.json', id: 'exCertHelper0001' },
} as const;

export function loadExample(key: keyof typeof EXAMPLES): Workflow {
	const { file, id } = EXAMPLES[key];
	const workflow = JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as Workflow;
	return { ...workflow, id, active: false };
}

/** Every example, plus run-now copies of the scheduled ones. */
export function loadExamples(): Workflow[] {
	return [
		...(Object.keys(EXAMPLES) as Array<keyof typeof EXAMPLES>).map(loadExample),
		runnableCopy(loadExample('approvePending'), APPROVE_PENDING_RUN_NOW),
		runnableCopy(loadExample('certificationHelper'), SIGN_OFF_RUN_NOW, { branchOf: 'Every hour' }),
	];
}

export const APPROVE_PENDING_RUN_NOW = 'exApprovePendNow';
/** The certification helper's hourly sign-off branch, run now (its Schedule Trigger as a Manual one). */
export const SIGN_OFF_RUN_NOW = 'exCertSignOffNow';

/**
 * `n8n execute` only starts at a Manual (or Execute Workflow) Trigger. To run a scheduled
 * example now, the suite imports a copy whose Schedule Trigger is swapped for a Manual Trigger
 * of the same name; every other node and connection is the example's own. With `branchOf`, the
 * copy keeps only that trigger's branch (an example with a second trigger would otherwise start
 * from whichever trigger n8n picks).
 */
export function runnableCopy(example: Workflow, id: string, options: { branchOf?: string } = {}): Workflow {
	const keep = options.branchOf === undefined ? undefined : reachableFrom(example, options.branchOf);
	return {
		...example,
		id,
		name: `${example.name} (run now)`,
		nodes: example.nodes
			.filter((node) => keep === undefined || keep.has(node.name))
			.map((node) =>
				node.type === 'n8n-nodes-base.scheduleTrigger'
					? { ...node, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} }
					: node,
			),
		connections: keep === undefined ? example.connections : Object.fromEntries(Object.entries(example.connections).filter(([from]) => keep.has(from))),
	};
}

/** The node and every node its main outputs lead to. */
function reachableFrom(example: Workflow, start: string): Set<string> {
	const seen = new Set([start]);
	const queue = [start];
	while (queue.length > 0) {
		for (const target of (example.connections[queue.shift()!]?.main ?? []).flat()) {
			if (!seen.has(target.node)) {
				seen.add(target.node);
				queue.push(target.node);
			}
		}
	}
	return seen;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Workflow } from './builder';
import { examplesDir } from './paths';

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
} as const;

export function loadExample(key: keyof typeof EXAMPLES): Workflow {
	const { file, id } = EXAMPLES[key];
	const workflow = JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as Workflow;
	return { ...workflow, id, active: false };
}

/** Every example, plus a run-now copy of the scheduled one. */
export function loadExamples(): Workflow[] {
	return [...(Object.keys(EXAMPLES) as Array<keyof typeof EXAMPLES>).map(loadExample), runnableCopy(loadExample('approvePending'), APPROVE_PENDING_RUN_NOW)];
}

export const APPROVE_PENDING_RUN_NOW = 'exApprovePendNow';

/**
 * `n8n execute` only starts at a Manual (or Execute Workflow) Trigger. To run a scheduled
 * example now, the suite imports a copy whose Schedule Trigger is swapped for a Manual Trigger
 * of the same name; every other node and connection is the example's own.
 */
export function runnableCopy(example: Workflow, id: string): Workflow {
	return {
		...example,
		id,
		name: `${example.name} (run now)`,
		nodes: example.nodes.map((node) =>
			node.type === 'n8n-nodes-base.scheduleTrigger'
				? { ...node, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} }
				: node,
		),
	};
}

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
} as const;

export function loadExample(key: keyof typeof EXAMPLES): Workflow {
	const { file, id } = EXAMPLES[key];
	const workflow = JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as Workflow;
	return { ...workflow, id, active: false };
}

export function loadExamples(): Workflow[] {
	return (Object.keys(EXAMPLES) as Array<keyof typeof EXAMPLES>).map(loadExample);
}

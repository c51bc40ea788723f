import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { ILoadOptionsFunctions } from 'n8n-workflow';

/**
 * The Venafi pickers list objects and identities with calls whose token scope is
 * "Configuration" (Config/FindObjectsOfClass, Identity/Browse). The credential's default Scope
 * (agent;certificate:approve) does not include it, and changing that default would change the
 * scope every credential saved with the default asks for (n8n stores only values that differ
 * from the defaults), which an API integration without "configuration" would refuse at sign-in.
 * So a picker refused for want of that scope says so in one line, naming the scope to add and
 * the typed mode that works without it, instead of TPP's 403.
 */
export const CONFIGURATION_SCOPE_NEEDED =
	'This list needs the token scope "configuration": add it to the credential\'s Scope (e.g. agent;certificate:approve;configuration), or choose By ID and type the value.';

/** Whether TPP refused the call for a scope the token lacks (HTTP 403 insufficient_scope). */
export function isInsufficientScope(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	return (
		String(error.httpCode) === '403' &&
		/insufficient_scope/i.test(`${error.message} ${error.description ?? ''}`)
	);
}

/** Runs a picker's listing; a missing "configuration" scope becomes the one-line reason. */
export async function needingConfigurationScope<T>(
	context: ILoadOptionsFunctions,
	list: () => Promise<T>,
): Promise<T> {
	return await list().catch((error: unknown) => {
		// Any other failure (already a node error naming its cause) goes on as it is.
		throw isInsufficientScope(error)
			? new NodeOperationError(context.getNode(), CONFIGURATION_SCOPE_NEEDED)
			: error;
	});
}

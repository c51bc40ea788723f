import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { refreshPermissions } from './tickets';

/** One refresh serves every item of a run: it reloads the token's rights on the server. */
const refreshed = new WeakMap<object, Promise<void>>();

/** Calls GET Permissions/Refresh once per node run when the item's options ask for it. */
export async function refreshPermissionsIfAsked(
	context: IExecuteFunctions,
	options: IDataObject,
	itemIndex: number,
): Promise<void> {
	if (options.refreshPermissions !== true) return;
	let pending = refreshed.get(context);
	if (!pending) {
		pending = refreshPermissions(context, itemIndex);
		refreshed.set(context, pending);
	}
	await pending;
}

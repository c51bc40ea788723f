import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import type { IscApiVersion } from '../../packages/sailpoint-isc/nodes/SailPoint/transport/apiPaths';
import { iscPath } from '../../packages/sailpoint-isc/nodes/SailPoint/transport/apiPaths';
import { WorkItems } from '../../packages/sailpoint-isc/nodes/SailPoint/WorkItems/WorkItems.node';
import type { RetrySettings } from '../../shared/transport/retry';
import { runNode } from '../harness/run';
import { ISC_IDENTITY_ID, ISC_TOKEN } from '../sandbox/isc';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';

/**
 * Starts a fresh sandbox for the test file; each test starts from 40 seeded work items. The
 * credential uses `apiVersion` (v3 unless the file asks otherwise, so that the older files keep
 * asserting the /v3 paths they were written for; a file may change it between tests). `retry`
 * is handed to the Work Items nodes that getAll runs.
 */
export function useIscSandbox(
	options: SandboxOptions & { apiVersion?: IscApiVersion } = {},
	retry: Partial<RetrySettings> = {},
) {
	const context = {
		sandbox: undefined as unknown as Sandbox,
		apiVersion: options.apiVersion ?? ('v3' as IscApiVersion),
		credentials(overrides: ICredentialDataDecryptedObject = {}) {
			return {
				sailPointIscApi: { baseUrl: context.sandbox.url, accessToken: ISC_TOKEN, apiVersion: context.apiVersion, ...overrides },
			};
		},
		/** The path of a logical endpoint (`work-items/count`) under the file's API Version, with a leading slash. */
		path(endpoint: string): string {
			return `/${iscPath(context.apiVersion, endpoint)}`;
		},
		/** Runs Work Items → Get Many with the given parameters. */
		async getAll(
			parameters: INodeParameters,
			run: Parameters<typeof runNode>[2] = {},
			retrySettings: Partial<RetrySettings> = retry,
		) {
			// Pacing to ISC's limit is tested on its own; here it would only slow the paging tests.
			const pacingOff = { requestOptions: { paceRequests: false } };
			return await runNode(new WorkItems(retrySettings), { operation: 'getAll', ...pacingOff, ...parameters }, { credentials: context.credentials(), ...run });
		},
		/** The query of each request the sandbox saw, parsed. */
		queries(): URLSearchParams[] {
			return context.sandbox.requests.map((request) => new URLSearchParams(request.query));
		},
		/** Ids of the seeded work items the token's identity (the admin) owns, in server order. */
		ownIds(): string[] {
			return context.sandbox.isc.workItems.filter((item) => item.ownerId === ISC_IDENTITY_ID).map((item) => item.id);
		},
	};
	beforeAll(async () => {
		context.sandbox = await startSandbox(options);
	});
	afterAll(async () => await context.sandbox.stop());
	beforeEach(() => {
		context.sandbox.isc.reset();
		context.sandbox.isc.reseed(40);
		context.sandbox.clearLog();
	});
	return context;
}

/** Gives every seeded work item to the token's identity, so a plain listing sees all `count`. */
export const ownedByMe = [{ id: ISC_IDENTITY_ID, name: 'Jason Smith' }];

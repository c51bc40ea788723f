import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';
import { TPP_TOKEN } from '../sandbox/tpp';

/** Starts a fresh sandbox for the test file and gives credentials pointing at it. */
export function useTppSandbox(options: SandboxOptions = {}) {
	const context = {
		sandbox: undefined as unknown as Sandbox,
		credentials(overrides: ICredentialDataDecryptedObject = {}) {
			return {
				venafiTppApi: {
					baseUrl: context.sandbox.url,
					accessToken: TPP_TOKEN,
					allowUnauthorizedCerts: false,
					...overrides,
				},
			};
		},
	};
	beforeAll(async () => {
		context.sandbox = await startSandbox(options);
	});
	afterAll(async () => await context.sandbox.stop());
	beforeEach(() => context.sandbox.clearLog());
	return context;
}

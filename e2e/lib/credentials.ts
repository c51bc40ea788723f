import { ISC_TOKEN } from '../../test/sandbox/isc';
import { TPP_TOKEN } from '../../test/sandbox/tpp';
import { SAILPOINT_CREDENTIAL, SAILPOINT_WRONG_TOKEN, VENAFI_CREDENTIAL, VENAFI_WRONG_TOKEN } from './builder';

/** Tokens a wrong-token test uses; neither may show up in any output, error or log. */
export const WRONG_TPP_TOKEN = 'wrong-tpp-token-NotKnownToTheSandbox42';
export const WRONG_ISC_TOKEN = 'wrong-isc-token-NotKnownToTheSandbox42';
export const SECRETS = [TPP_TOKEN, ISC_TOKEN, WRONG_TPP_TOKEN, WRONG_ISC_TOKEN];

/** The credentials `n8n import:credentials` takes: plain fields, pointing at the sandbox. */
export function sandboxCredentials(sandboxUrl: string, options: { withWrongTokens?: boolean } = {}): object[] {
	const tpp = (ref: { id: string; name: string }, accessToken: string) => ({
		...ref,
		type: 'venafiTppApi',
		data: { baseUrl: sandboxUrl, accessToken, allowUnauthorizedCerts: false },
	});
	const isc = (ref: { id: string; name: string }, accessToken: string) => ({
		...ref,
		type: 'sailPointIscApi',
		data: { baseUrl: sandboxUrl, accessToken },
	});
	const credentials = [tpp(VENAFI_CREDENTIAL, TPP_TOKEN), isc(SAILPOINT_CREDENTIAL, ISC_TOKEN)];
	if (options.withWrongTokens) {
		credentials.push(tpp(VENAFI_WRONG_TOKEN, WRONG_TPP_TOKEN), isc(SAILPOINT_WRONG_TOKEN, WRONG_ISC_TOKEN));
	}
	return credentials;
}

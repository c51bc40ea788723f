import { ISC_TOKEN } from '../sandbox/isc';
import { ISC_CLIENT_ID, ISC_CLIENT_SECRET } from '../sandbox/iscAuth';
import { TPP_TOKEN } from '../sandbox/tpp';
import { TPP_CLIENT_ID, TPP_PASSWORD, TPP_USERNAME } from '../sandbox/tppAuth';
import {
	SAILPOINT_CREDENTIAL,
	SAILPOINT_OAUTH,
	SAILPOINT_V3,
	SAILPOINT_WRONG_TOKEN,
	VENAFI_CREDENTIAL,
	VENAFI_OAUTH,
	VENAFI_WRONG_TOKEN,
} from './builder';

/** Tokens a wrong-token test uses; neither may show up in any output, error or log. */
export const WRONG_TPP_TOKEN = 'wrong-tpp-token-NotKnownToTheSandbox42';
export const WRONG_ISC_TOKEN = 'wrong-isc-token-NotKnownToTheSandbox42';
export const SECRETS = [TPP_TOKEN, ISC_TOKEN, WRONG_TPP_TOKEN, WRONG_ISC_TOKEN, TPP_PASSWORD, ISC_CLIENT_SECRET];

/** The credentials `n8n import:credentials` takes: plain fields, pointing at the sandbox. */
export function sandboxCredentials(sandboxUrl: string, options: { testVariants?: boolean } = {}): Array<{ type: string }> {
	const tpp = (ref: { id: string; name: string }, data: Record<string, unknown>) => ({
		...ref,
		type: 'venafiTppApi',
		data: { authentication: 'accessToken', baseUrl: sandboxUrl, allowUnauthorizedCerts: false, ...data },
	});
	const isc = (ref: { id: string; name: string }, data: Record<string, unknown>) => ({
		...ref,
		type: 'sailPointIscApi',
		data: { authentication: 'accessToken', baseUrl: sandboxUrl, ...data },
	});
	const credentials = [tpp(VENAFI_CREDENTIAL, { accessToken: TPP_TOKEN }), isc(SAILPOINT_CREDENTIAL, { accessToken: ISC_TOKEN })];
	if (options.testVariants) {
		credentials.push(
			tpp(VENAFI_WRONG_TOKEN, { accessToken: WRONG_TPP_TOKEN }),
			isc(SAILPOINT_WRONG_TOKEN, { accessToken: WRONG_ISC_TOKEN }),
			tpp(VENAFI_OAUTH, {
				authentication: 'oauth',
				clientId: TPP_CLIENT_ID,
				username: TPP_USERNAME,
				password: TPP_PASSWORD,
				scope: 'agent;certificate:approve',
			}),
			isc(SAILPOINT_OAUTH, { authentication: 'clientCredentials', clientId: ISC_CLIENT_ID, clientSecret: ISC_CLIENT_SECRET }),
			// The other credentials have no apiVersion, as saved before the field existed: n8n gives them Current.
			isc(SAILPOINT_V3, { accessToken: ISC_TOKEN, apiVersion: 'v3' }),
		);
	}
	return credentials;
}

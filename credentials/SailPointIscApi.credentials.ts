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

import { iscPreAuthentication } from '../nodes/SailPoint/transport/auth';

const withClientCredentials = { show: { authentication: ['clientCredentials'] } };

export class SailPointIscApi implements ICredentialType {
	name = 'sailPointIscApi';

	displayName = 'SailPoint Identity Security Cloud API';

	icon: Icon = { light: 'file:../icons/sailpoint.svg', dark: 'file:../icons/sailpoint.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-venafi-sailpoint#sailpoint-isc-credential';

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
					description: 'A bearer token you obtained and renew yourself',
				},
				{
					name: 'Client Credentials (Personal Access Token)',
					value: 'clientCredentials',
					description: 'n8n gets tokens with a personal access token\'s client ID and secret, and renews them by itself',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://acme.api.identitynow.com',
			description: 'The tenant\'s API URL. A trailing slash or /v3 is accepted and ignored.',
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
					description: 'The older shared /v3 paths, for a tenant or network policy that still needs them',
				},
			],
			hint: 'Credentials saved before this field existed use Current too (n8n gives them the default). Generic approvals exist only as /generic-approvals/v1. The Test button calls the chosen work items path.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['accessToken'] } },
			description: 'A bearer access token for the tenant. It expires (typically after 12 minutes to a few hours): Client Credentials renew by themselves.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: withClientCredentials,
			description: 'The client ID of a personal access token (ISC: Preferences → Personal Access Tokens). Work Items needs the scope "idn:work-item:read" (and "idn:work-item:update" to act on them: complete, forward, approve, reject).',
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
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return await iscPreAuthentication(this, credentials);
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					'={{"Bearer " + ($credentials.authentication === "clientCredentials" ? $credentials.sessionToken : $credentials.accessToken)}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/v3$/i, "")}}',
			url: '={{$credentials.apiVersion === "v3" ? "/v3/work-items" : "/work-items/v1"}}',
			qs: { limit: 1 },
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'The tenant did not answer the chosen API Version\'s work items path (Current: /work-items/v1, V3: /v3/work-items). Check the Base URL, or try the other API Version.',
				},
			},
		],
	};
}

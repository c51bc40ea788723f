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
			url: '/v3/work-items',
			qs: { limit: 1 },
			method: 'GET',
		},
	};
}

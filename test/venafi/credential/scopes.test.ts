import type { INodeParameters, INodeType } from 'n8n-workflow';

import { VenafiTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiTicket/VenafiTicket.node';
import { VenafiWork } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiWork/VenafiWork.node';
import { forgetRenewals } from '../../../shared/transport/auth/renewalLock';
import { expectNoSecrets } from '../../harness/assertions';
import { runNode } from '../../harness/run';
import { TPP_CLIENT_ID, TPP_PASSWORD, TPP_USERNAME } from '../../sandbox/tppAuth';
import { TPP_CERTIFICATE_ONLY_TOKEN, ticketGuid } from '../../sandbox/tpp';
import { useTppSandbox } from '../context';

/**
 * Each TPP call needs a token scope (its reference page's "Token scope"); a token without it
 * gets 403 "Your grant doesn't have the scope required for this call", and the node says which
 * scope to add.
 */
const tpp = useTppSandbox();

const CREATE: INodeParameters = {
	operation: 'create',
	objectDn: '\\VED\\Policy\\Certificates\\scoped.example',
	workflowDn: '\\VED\\Policy\\Workflows\\Stage 100',
	approvers: ['local:admin'],
};

test.each<[string, INodeType, INodeParameters, string]>([
	['Venafi Work (needs Agent)', new VenafiWork(), { operation: 'getAll' }, '(Agent)'],
	['Update Status (needs any:Approve)', new VenafiTicket(), { operation: 'updateStatus', guid: ticketGuid(1), status: 'Approved' }, '(any:Approve)'],
	['Create (needs Configuration:Manage)', new VenafiTicket(), CREATE, '(Configuration:Manage)'],
	['Delete (needs Configuration:Delete)', new VenafiTicket(), { operation: 'delete', guid: ticketGuid(1) }, '(Configuration:Delete)'],
])('%s with a certificate-only token fails with HTTP 403 and a scope hint', async (_label, node, parameters, scope) => {
	const result = await runNode(node, parameters, { credentials: tpp.credentials({ accessToken: TPP_CERTIFICATE_ONLY_TOKEN }) });
	expectNoSecrets(result, TPP_CERTIFICATE_ONLY_TOKEN);
	expect(result.error?.message).toContain('refused the request (HTTP 403');
	expect(result.error?.description).toContain('scope');
	expect(tpp.sandbox.requests.at(-1)?.path).toMatch(/^\/vedsdk\//);
	expect(JSON.stringify(result.error)).toContain(scope);
	expect(tpp.sandbox.tpp.tickets.get(ticketGuid(1))?.Status).toBe('Pending');
});

test('reads that take any scope work with a certificate-only token', async () => {
	const result = await runNode(new VenafiTicket(), { operation: 'get', guid: ticketGuid(1) }, {
		credentials: tpp.credentials({ accessToken: TPP_CERTIFICATE_ONLY_TOKEN }),
	});
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.GUID).toBe(ticketGuid(1));
});

test('an OAuth sign-in gets the scope it asks for: the default approves, creating needs configuration:manage', async () => {
	const oauth = (scope: string) =>
		tpp.credentials({
			authentication: 'oauth',
			clientId: TPP_CLIENT_ID,
			username: TPP_USERNAME,
			password: TPP_PASSWORD,
			scope,
			accessToken: '',
		});
	const approve = await runNode(new VenafiTicket(), { operation: 'updateStatus', guid: ticketGuid(2), status: 'Approved' }, { credentials: oauth('agent;certificate:approve') });
	expect(approve.error).toBeUndefined();
	const refused = await runNode(new VenafiTicket(), CREATE, { credentials: oauth('agent;certificate:approve') });
	expect(refused.error?.message).toContain('HTTP 403');
	// A credential with another scope is another sign-in (not one shared with the first).
	forgetRenewals();
	const created = await runNode(new VenafiTicket(), CREATE, { credentials: oauth('certificate:approve;configuration:manage') });
	expect(created.error).toBeUndefined();
	expect(created.items[0].json.GUID).toMatch(/^[0-9a-f-]{36}$/);
});

import assert from 'node:assert/strict';

import { ISC_IDENTITY_ID } from '../../../test/sandbox/isc';
import { workItemsClientCredentials, workItemsV3, workItemsGetAll } from '../../workflows';
import { items, requestsTo, succeeded, trigger, type CaseFamily } from '../context';

/** The SailPoint ISC credential: client credentials reused, the API Version field. */
export const credentialCases: CaseFamily = (test, session) => {
	const { sandbox } = session;

	test('SailPoint client-credentials credential: n8n gets a token once and reuses it', async () => {
		const issued = sandbox.iscAuth.issued.length;
		for (let run = 1; run <= 2; run++) {
			const { execution } = await trigger(session, workItemsClientCredentials, {});
			succeeded(execution);
			assert.equal(items(execution, 'Work Items').length, 3);
		}
		assert.equal(sandbox.iscAuth.issued.length - issued, 1, 'one token for two runs');
		assert.equal(requestsTo(sandbox, '/work-items/v1')[0].authorization, `Bearer ${sandbox.iscAuth.issued.at(-1)}`);
	});

	test('API Version: credentials without the field (saved before it existed) use /work-items/v1; a v3 credential /v3/work-items', async () => {
		const current = await trigger(session, workItemsGetAll, { limit: 2 });
		succeeded(current.execution);
		const v3 = await trigger(session, workItemsV3, {});
		succeeded(v3.execution);
		assert.equal(items(v3.execution, 'Work Items').length, sandbox.isc.workItems.filter((item) => item.ownerId === ISC_IDENTITY_ID).length);
		assert.deepEqual(
			sandbox.requests.filter((request) => request.path.includes('work-items')).map((request) => request.path),
			['/work-items/v1', '/v3/work-items'],
		);
	});
};

import assert from 'node:assert/strict';

import { seedWork, TPP_TOKEN } from '../../../test/sandbox/tpp';
import { SECRETS, WRONG_TPP_TOKEN } from '../../../test/n8n/credentials';
import { venafiWorkGetAll, venafiWorkWrongToken } from '../../workflows';
import { failureText, items, requestsTo, succeeded, trigger, type CaseFamily } from '../context';

/** Venafi TPP Agent Work (Client/Work): listing, filtering, an empty answer, a wrong token. */
export const workCases: CaseFamily = (test, session) => {
	const { sandbox } = session;

	test('Venafi Work: Get Many returns every agent work entry', async () => {
		const { answer, execution } = await trigger(session, venafiWorkGetAll, { workType: '' });
		succeeded(execution);
		const work = items(execution, 'Venafi Work');
		assert.equal(work.length, seedWork().length);
		assert.deepEqual(new Set(work.map((item) => item.json.WorkDn)), new Set(seedWork().map((entry) => entry.WorkDn)));
		assert.ok(Array.isArray(answer.body) && answer.body.length === work.length, 'the webhook answered with the work entries');
		const [request] = requestsTo(sandbox, '/vedsdk/Client/Work/');
		assert.equal(request.authorization, `Bearer ${TPP_TOKEN}`);
		assert.equal(request.query, '', 'no WorkType filter sent for "All"');
	});

	test('Venafi Work: Get Many filtered by Work Type', async () => {
		const { execution } = await trigger(session, venafiWorkGetAll, { workType: 'Client Agent Configuration Work' });
		succeeded(execution);
		const work = items(execution, 'Venafi Work');
		assert.equal(work.length, 2);
		for (const item of work) assert.equal(item.json.WorkType, 'Client Agent Configuration Work');
		assert.match(requestsTo(sandbox, '/vedsdk/Client/Work/')[0].query, /WorkType=Client(\+|%20)Agent(\+|%20)Configuration(\+|%20)Work/);
	});

	test('Venafi Work: no work of that type (TPP answers 204) is an empty, successful result', async () => {
		const { execution } = await trigger(session, venafiWorkGetAll, { workType: 'Client User Certificate Work' });
		succeeded(execution);
		assert.equal(items(execution, 'Venafi Work').length, 0);
	});

	test('Wrong token (Venafi): the run fails with a clear 401 message and no token in it', async () => {
		const { answer, execution } = await trigger(session, venafiWorkWrongToken, {});
		const message = failureText(execution);
		assert.match(message, /401/);
		assert.match(message, /token/i);
		for (const secret of SECRETS) assert.ok(!message.includes(secret), 'the error shows no token');
		assert.ok(answer.status >= 500, `webhook answered ${answer.status}`);
		const [request] = requestsTo(sandbox, '/vedsdk/Client/Work/');
		assert.equal(request.authorization, `Bearer ${WRONG_TPP_TOKEN}`, 'the wrong credential was the one sent');
	});
};

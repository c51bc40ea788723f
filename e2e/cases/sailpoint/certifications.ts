import assert from 'node:assert/strict';

import { ISC_IDENTITY_ID } from '../../../test/sandbox/isc';
import { certificationDecide, certificationGetMany, certificationReviewItems, certificationSignOff } from '../../workflows';
import { items, succeeded, trigger, type CaseFamily } from '../context';

/** SailPoint Certifications: a reviewer lists, reads, decides and signs off, in a real n8n. */
export const certificationCases: CaseFamily = (test, session) => {
	const { sandbox } = session;

	test('SailPoint Certifications: list mine, read the review items, sign off refused while undecided, decide all, sign off', async () => {
		sandbox.certifications.reseed();
		const listed = await trigger(session, certificationGetMany, {});
		succeeded(listed.execution);
		const mine = sandbox.certifications.certifications.filter((entry) => entry.reviewer.id === ISC_IDENTITY_ID);
		assert.deepEqual(items(listed.execution, 'Get Many').map((item) => item.json.id), mine.map((entry) => entry.id));
		const target = mine.find((entry) => entry.phase === 'ACTIVE')!;
		assert.ok(target, 'the seed gives the admin an ACTIVE certification');

		const read = await trigger(session, certificationReviewItems, { certificationId: target.id });
		succeeded(read.execution);
		const reviewItems = items(read.execution, 'Review Items').map((item) => String(item.json.id));
		assert.deepEqual(reviewItems, target.items.map((item) => item.id));

		const refused = await trigger(session, certificationSignOff, { certificationId: target.id });
		assert.equal(
			items(refused.execution, 'Sign Off')[0].json.error,
			`Cannot sign off certification "${target.name}" (${target.id}): ${reviewItems.length} of ${reviewItems.length} review items are undecided`,
		);

		const decided = await trigger(session, certificationDecide, { certificationId: target.id, reviewItemIds: reviewItems, decision: 'APPROVE', comment: 'Matches the role model (e2e)' });
		succeeded(decided.execution);
		assert.deepEqual(
			items(decided.execution, 'Decide').map((item) => [item.json.reviewItemId ?? item.json.id, item.json.status]),
			reviewItems.map((id) => [id, 'decided']),
		);
		const decideCalls = sandbox.requests.filter((request) => request.method === 'POST' && request.path.endsWith(`/${target.id}/decide`));
		assert.equal(decideCalls.length, Math.ceil(reviewItems.length / 250), 'up to 250 decisions per request');

		const signed = await trigger(session, certificationSignOff, { certificationId: target.id });
		succeeded(signed.execution);
		assert.equal(items(signed.execution, 'Sign Off')[0].json.phase, 'SIGNED');
		assert.equal(sandbox.certifications.certifications.find((entry) => entry.id === target.id)!.phase, 'SIGNED');
	});
};

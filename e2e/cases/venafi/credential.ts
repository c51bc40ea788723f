import assert from 'node:assert/strict';

import { seedWork } from '../../../test/sandbox/tpp';
import { ticketGetOAuth, venafiWorkOAuth } from '../../workflows';
import { items, requestsTo, succeeded, trigger, type CaseFamily } from '../context';

/** The Venafi TPP credential's OAuth sign-in: one sign-in reused, renewals during a long run. */
export const credentialCases: CaseFamily = (test, session) => {
	const { sandbox } = session;

	test('Venafi TPP OAuth credential: n8n signs in once and reuses the stored token on the next run', async () => {
		const logins = sandbox.tppAuth.logins;
		for (let run = 1; run <= 2; run++) {
			const { execution } = await trigger(session, venafiWorkOAuth, {});
			succeeded(execution);
			assert.equal(items(execution, 'Venafi Work').length, seedWork().length);
		}
		assert.equal(sandbox.tppAuth.logins - logins, 1, 'one sign-in for two runs (the session token is kept with the credential)');
		const bearer = requestsTo(sandbox, '/vedsdk/Client/Work/').map((request) => request.authorization);
		assert.equal(new Set(bearer).size, 1);
		assert.ok(sandbox.tppAuth.issued.some((token) => bearer[0] === `Bearer ${token}`), 'the token TPP issued was used');
	});

	test('Venafi TPP OAuth credential: tokens that run out during a long run are renewed once each, and n8n stores the rotated refresh token', async () => {
		const guids = Array.from({ length: 1200 }, () => sandbox.tpp.addTicket());
		const logins = sandbox.tppAuth.logins;
		const refreshes = sandbox.tppAuth.refreshes;
		// The stored token (from an earlier run, or none yet) is spent; each new one serves 400
		// requests, four times the 100 items in flight, so it outlives the burst of requests that
		// renewed it (a real token expires by time, hours after its renewal). With 150 uses, newer
		// n8n (2.41: preAuthentication reads and writes the stored credential for each request
		// that renews) hands some requests a token others have spent meanwhile.
		sandbox.tppAuth.expireTokens();
		sandbox.tppAuth.accessTokenUses = 400;
		try {
			const { execution } = await trigger(session, ticketGetOAuth, { items: guids.map((guid) => ({ guid })) });
			succeeded(execution);
			assert.deepEqual(items(execution, 'Get Details').map((item) => item.json.GUID), guids);
			const renewals = sandbox.tppAuth.logins - logins + sandbox.tppAuth.refreshes - refreshes;
			// 1,200 requests at 400 a token: 3 tokens, 4 if the last is spent by the final request. A
			// renewal per item in flight would make hundreds; a reused rotated refresh token, logins.
			assert.ok(renewals >= 3 && renewals <= 4, `${renewals} renewals for 3 tokens' worth of requests`);
			assert.ok(sandbox.tppAuth.logins - logins <= 1, 'no sign-in with the password after the first');
			const bearers = new Set(requestsTo(sandbox, '/vedsdk/Workflow/Ticket/Details').map((request) => request.authorization));
			assert.ok(bearers.size <= 5, `the run's requests used ${bearers.size} tokens`);

			// n8n stored the newest token with the newest refresh token: the next run renews with it.
			sandbox.tppAuth.expireTokens();
			const before = { logins: sandbox.tppAuth.logins, refreshes: sandbox.tppAuth.refreshes };
			const next = await trigger(session, ticketGetOAuth, { items: guids.slice(0, 3).map((guid) => ({ guid })) });
			succeeded(next.execution);
			assert.equal(sandbox.tppAuth.refreshes - before.refreshes, 1, 'one refresh with the stored refresh token');
			assert.equal(sandbox.tppAuth.logins - before.logins, 0, 'no password sign-in: the stored refresh token was the live one');
		} finally {
			sandbox.tppAuth.accessTokenUses = undefined;
		}
	});
};

import axios from 'axios';

import { ISC_CAMPAIGN_READ_TOKEN, ISC_IDENTITY_ID, ISC_NO_CAMPAIGN_TOKEN, ISC_OWNERS, ISC_TOKEN, ISC_USER_ID, ISC_USER_TOKEN } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/** The certifications emulation keeps the contract of idn/apis/certifications (the spec). */

const isc = useIscSandbox({ apiVersion: 'current' });
const certs = () => isc.sandbox.certifications;
beforeEach(() => {
	certs().reseed();
	certs().taskReadsToFinish = 2;
});

async function call(method: 'get' | 'post', path: string, body?: unknown, token = ISC_TOKEN) {
	return await axios.request({
		method,
		url: `${isc.sandbox.url}${path}`,
		data: body,
		headers: { Authorization: `Bearer ${token}` },
		validateStatus: () => true,
	});
}

const first = () => certs().certifications[0];

test('list: reviewer-identity=me, phase and completed filters, sorters; /v3 is the same state', async () => {
	const mine = await call('get', '/certifications/v1?reviewer-identity=me');
	expect(mine.status).toBe(200);
	expect(mine.data.map((entry: { reviewer: { id: string } }) => entry.reviewer.id)).toEqual([ISC_IDENTITY_ID, ISC_IDENTITY_ID, ISC_IDENTITY_ID]);
	expect(mine.data[0]).toMatchObject({ phase: 'ACTIVE', completed: false, decisionsMade: 0, decisionsTotal: 12, identitiesTotal: 3, identitiesCompleted: 0 });
	const active = await call('get', `/v3/certifications?filters=${encodeURIComponent('phase eq "ACTIVE"')}&sorters=-due`);
	expect(active.data.map((entry: { id: string }) => entry.id)).toEqual([certs().certifications[1].id, certs().certifications[0].id, certs().certifications[3].id]);
	const done = await call('get', `/certifications/v1?filters=${encodeURIComponent('completed eq true')}`);
	expect(done.data.map((entry: { phase: string }) => entry.phase)).toEqual(['SIGNED']);
	const unsupported = await call('get', `/certifications/v1?filters=${encodeURIComponent('due gt "2026-01-01"')}`);
	expect(unsupported.status).toBe(400);
	// A plain user sees only their own.
	const user = await call('get', '/certifications/v1', undefined, ISC_USER_TOKEN);
	expect(user.data.map((entry: { reviewer: { id: string } }) => entry.reviewer.id)).toEqual([ISC_USER_ID]);
});

test('review items: the three switches (one at a time), completed and access.type filters', async () => {
	const id = first().id;
	const all = await call('get', `/certifications/v1/${id}/access-review-items`);
	expect(all.data).toHaveLength(12);
	const roles = await call('get', `/certifications/v1/${id}/access-review-items?filters=${encodeURIComponent('access.type eq "ROLE"')}`);
	expect(roles.data.map((item: { accessSummary: { access: { type: string } } }) => item.accessSummary.access.type)).toEqual(['ROLE', 'ROLE', 'ROLE']);
	const roleId = roles.data[0].accessSummary.access.id;
	const switched = await call('get', `/certifications/v1/${id}/access-review-items?roles=${roleId}`);
	expect(switched.data.every((item: { accessSummary: { access: { id: string } } }) => item.accessSummary.access.id === roleId)).toBe(true);
	const both = await call('get', `/certifications/v1/${id}/access-review-items?roles=${roleId}&entitlements=x`);
	expect(both.status).toBe(400);
	expect(both.data.causes[0].text).toMatch(/only one of entitlements, access-profiles or roles/);
});

test('decide: 1-250 decisions, APPROVE or REVOKE, the campaign\'s comment rule, all or nothing', async () => {
	const certification = first();
	const [a, b] = certification.items;
	expect((await call('post', `/certifications/v1/${certification.id}/decide`, [])).status).toBe(400);
	const tooMany = Array.from({ length: 251 }, () => ({ id: a.id, decision: 'APPROVE', bulk: true }));
	expect((await call('post', `/certifications/v1/${certification.id}/decide`, tooMany)).data.causes[0].text).toMatch(/between 1 and 250/);
	// REVOKE_ONLY_DECISIONS: a revoke without a comment refuses the whole call.
	const refused = await call('post', `/certifications/v1/${certification.id}/decide`, [
		{ id: a.id, decision: 'APPROVE', bulk: true },
		{ id: b.id, decision: 'REVOKE', bulk: true },
	]);
	expect(refused.status).toBe(400);
	expect(a.completed).toBe(false);
	const decided = await call('post', `/certifications/v1/${certification.id}/decide`, [
		{ id: a.id, decision: 'APPROVE', bulk: true },
		{ id: b.id, decision: 'REVOKE', bulk: true, comments: 'left the team' },
	]);
	expect(decided.status).toBe(200);
	expect(decided.data).toMatchObject({ id: certification.id, decisionsMade: 2, decisionsTotal: 12 });
	expect(b).toMatchObject({ decision: 'REVOKE', comments: 'left the team', completed: true });
	const undecided = await call('get', `/certifications/v1/${certification.id}/access-review-items?filters=${encodeURIComponent('completed eq false')}`);
	expect(undecided.data).toHaveLength(10);
});

test('sign-off refused with undecided items, then SIGNED; a signed one refuses decisions', async () => {
	const certification = certs().certifications[1];
	const refused = await call('post', `/certifications/v1/${certification.id}/sign-off`);
	expect(refused.status).toBe(400);
	expect(refused.data.causes[0].text).toMatch(/8 review items have no decision/);
	const decisions = certification.items.map((item) => ({ id: item.id, decision: 'APPROVE', bulk: true }));
	expect((await call('post', `/certifications/v1/${certification.id}/decide`, decisions)).status).toBe(200);
	const signed = await call('post', `/certifications/v1/${certification.id}/sign-off`);
	expect(signed.data).toMatchObject({ phase: 'SIGNED', completed: true, signed: expect.any(String) });
	expect((await call('post', `/certifications/v1/${certification.id}/decide`, decisions.slice(0, 1))).status).toBe(400);
});

test('reassign (at most 50) moves items to the new reviewer; reassign-async is a task that ends later', async () => {
	const certification = first();
	const [a] = certification.items;
	const to = ISC_OWNERS[2].id;
	const sync = await call('post', `/certifications/v1/${certification.id}/reassign`, { reassign: [{ id: a.id, type: 'ITEM' }], reassignTo: to, reason: 'on leave' });
	expect(sync.status).toBe(200);
	expect(sync.data.decisionsTotal).toBe(11);
	const target = certs().certifications.find((entry) => entry.reviewer.id === to && entry.campaign.id === certification.campaign.id)!;
	expect(target.items.map((item) => item.id)).toEqual([a.id]);
	const reviewers = await call('get', `/certifications/v1/${certification.id}/reviewers?sorters=name`);
	expect(reviewers.data.map((entry: { id: string }) => entry.id).sort()).toEqual([ISC_IDENTITY_ID, to].sort());
	const fiftyOne = Array.from({ length: 51 }, (_, n) => ({ id: `x${n}`, type: 'ITEM' }));
	expect((await call('post', `/certifications/v1/${certification.id}/reassign`, { reassign: fiftyOne, reassignTo: to, reason: 'r' })).data.causes[0].text).toMatch(/at most 50/);

	const identity = certification.items[0].identitySummary.id;
	const queued = await call('post', `/certifications/v1/${certification.id}/reassign-async`, { reassign: [{ id: identity, type: 'IDENTITY_SUMMARY' }], reassignTo: to, reason: 'on leave' });
	expect(queued.data).toMatchObject({ type: 'REASSIGN', targetType: 'CERTIFICATION', targetId: certification.id, status: 'QUEUED' });
	const pending = await call('get', '/certification-tasks/v1?reviewer-identity=me');
	expect(pending.data.map((task: { id: string }) => task.id)).toEqual([queued.data.id]);
	expect((await call('get', `/certification-tasks/v1/${queued.data.id}`)).data.status).toBe('IN_PROGRESS');
	expect(certification.items.some((item) => item.identitySummary.id === identity)).toBe(true);
	expect((await call('get', `/certification-tasks/v1/${queued.data.id}`)).data.status).toBe('SUCCESS');
	expect(certification.items.some((item) => item.identitySummary.id === identity)).toBe(false);
	expect((await call('get', '/certification-tasks/v1')).data).toEqual([]);
});

test('scopes: reads need idn:campaign:read, decisions idn:campaign:manage (403 otherwise); another reviewer\'s is 403', async () => {
	const own = certs().certifications[3];
	expect((await call('get', `/certifications/v1/${own.id}`, undefined, ISC_CAMPAIGN_READ_TOKEN)).status).toBe(200);
	const decide = await call('post', `/certifications/v1/${own.id}/decide`, [{ id: own.items[0].id, decision: 'APPROVE', bulk: true }], ISC_CAMPAIGN_READ_TOKEN);
	expect(decide.status).toBe(403);
	expect((await call('get', '/certifications/v1', undefined, ISC_NO_CAMPAIGN_TOKEN)).status).toBe(403);
	expect((await call('get', `/certifications/v1/${first().id}`, undefined, ISC_USER_TOKEN)).status).toBe(403);
	expect((await call('get', '/certifications/v1/ef38f94347e94562b5bb8424ffffffff')).status).toBe(404);
});

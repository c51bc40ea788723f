import type { INodeParameters } from 'n8n-workflow';

import { SailPointCertificationsTrigger } from '../../../packages/sailpoint-isc/nodes/SailPoint/SailPointCertificationsTrigger/SailPointCertificationsTrigger.node';
import { PollingTrigger, emitted } from '../../harness/poll';
import { runNode } from '../../harness/run';
import { ISC_IDENTITY_ID, ISC_USER_ID } from '../../sandbox/isc';
import { useIscSandbox } from '../context';

/** SailPoint Certifications Trigger: "a certification was assigned to me / its due date is near". */

const isc = useIscSandbox({ apiVersion: 'current' });
const certs = () => isc.sandbox.certifications;
const FAST = { maxDelayMs: 5, baseDelayMs: 1 };
const trigger = (parameters: INodeParameters = {}) =>
	new PollingTrigger(new SailPointCertificationsTrigger(FAST), { events: ['assigned', 'dueSoon'], dueWithinDays: 3, ...parameters }, { credentials: isc.credentials() });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

beforeEach(() => {
	certs().reseed([
		{ reviewerId: ISC_IDENTITY_ID, identities: 1, due: inDays(20) },
		{ reviewerId: ISC_USER_ID, identities: 1, due: inDays(1) },
	]);
});

test('first activation records; a newly assigned certification is emitted once; other reviewers\' are not', async () => {
	const active = trigger();
	expect(await active.activate()).toBeNull();
	const query = new URLSearchParams(isc.sandbox.requests[0].query);
	expect([query.get('reviewer-identity'), query.get('filters')]).toEqual(['me', 'phase eq "ACTIVE"']);
	expect(await active.poll()).toBeNull();
	const assigned = certs().add({ reviewerId: ISC_IDENTITY_ID, identities: 1, due: inDays(30) });
	certs().add({ reviewerId: ISC_USER_ID, identities: 1, due: inDays(30) });
	const events = emitted(await active.poll());
	expect(events.map((item) => [item.id, item.event])).toEqual([[assigned.id, 'assigned']]);
	expect(await active.poll()).toBeNull();
});

test('Due Soon: emitted once when the due date comes within the window, not for a completed one', async () => {
	const active = trigger();
	await active.activate();
	const [mine] = certs().certifications;
	mine.due = inDays(2);
	const events = emitted(await active.poll());
	expect(events).toEqual([expect.objectContaining({ id: mine.id, event: 'dueSoon', dueInHours: expect.any(Number) })]);
	expect(Number(events[0].dueInHours)).toBeGreaterThan(40);
	expect(await active.poll()).toBeNull();
	const done = certs().add({ reviewerId: ISC_IDENTITY_ID, identities: 1, due: inDays(1), decided: true });
	expect(emitted(await active.poll()).map((item) => [item.id, item.event])).toEqual([[done.id, 'assigned']]);
});

test('Emit Existing; a reviewer by ID; the manual test shows what matches now', async () => {
	const existing = trigger({ reviewer: 'identity', reviewerId: { __rl: true, mode: 'id', value: ISC_USER_ID }, options: { emitExisting: true } });
	const events = emitted(await existing.activate());
	expect(events.map((item) => item.event)).toEqual(['assigned', 'dueSoon']);
	const manual = await runNode(new SailPointCertificationsTrigger(FAST), { events: ['dueSoon'], dueWithinDays: 3 }, { credentials: isc.credentials() });
	expect(manual.error?.message).toBe('No matching ACTIVE certifications yet');
	certs().certifications[0].due = inDays(1);
	const shown = await runNode(new SailPointCertificationsTrigger(FAST), { events: ['dueSoon'], dueWithinDays: 3 }, { credentials: isc.credentials() });
	expect(shown.items.map((item) => item.json.id)).toEqual([certs().certifications[0].id]);
});

import { FaultInjector } from '../sandbox/faults';

test('the fault injector never faults the same request more than maxInARow times running', () => {
	const faults = new FaultInjector({ unavailable: 1, maxInARow: 3 });
	const draws = Array.from({ length: 5 }, () => faults.draw('POST /vedsdk/Workflow/Ticket/UpdateStatus {"GUID":"a"}'));
	expect(draws).toEqual(['unavailable', 'unavailable', 'unavailable', undefined, 'unavailable']);
	// Another request has its own streak.
	expect(faults.draw('POST /vedsdk/Workflow/Ticket/UpdateStatus {"GUID":"b"}')).toBe('unavailable');
	expect(faults.injected.unavailable).toBe(5);
});

test('slow answers still answer, so they end a streak and are counted', () => {
	const faults = new FaultInjector({ slow: 1 });
	expect(faults.draw('GET /work-items/v1')).toBe('slow');
	expect(faults.injected.slow).toBe(1);
	expect(new FaultInjector({}).draw('GET /work-items/v1')).toBeUndefined();
});

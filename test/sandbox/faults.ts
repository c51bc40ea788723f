/**
 * Fault injection for soak and resilience tests: given rates of 429 (with Retry-After), 503,
 * dropped connections and slow answers, drawn from a seeded generator so a run can be repeated.
 */
export interface FaultRates {
	rateLimited?: number;
	unavailable?: number;
	dropped?: number;
	slow?: number;
	/** Retry-After sent with injected 429s, in seconds. */
	retryAfterSeconds?: number;
	/** Delay of a slow answer, in ms. */
	slowMs?: number;
	seed?: number;
	/**
	 * The most times the same request (method, path, query and body) is faulted in a row; the
	 * next attempt goes through. Faults stay transient whatever the order in which concurrent
	 * requests draw, so a client that retries more often than this never loses an item to luck.
	 * Defaults to 3.
	 */
	maxInARow?: number;
}

export type Fault = 'rateLimited' | 'unavailable' | 'dropped' | 'slow';

export class FaultInjector {
	readonly injected: Record<Fault, number> = { rateLimited: 0, unavailable: 0, dropped: 0, slow: 0 };
	private state: number;
	/** Faults each request has met in a row; a request that goes through is forgotten. */
	private readonly streaks = new Map<string, number>();

	constructor(readonly rates: FaultRates) {
		this.state = (rates.seed ?? 20261123) >>> 0;
	}

	/** Which fault (if any) the next request gets; `request` identifies it across retries. */
	draw(request: string): Fault | undefined {
		const roll = this.random();
		let edge = 0;
		let drawn: Fault | undefined;
		for (const fault of ['rateLimited', 'unavailable', 'dropped', 'slow'] as const) {
			edge += this.rates[fault] ?? 0;
			if (roll < edge) {
				drawn = fault;
				break;
			}
		}
		const streak = this.streaks.get(request) ?? 0;
		// A slow answer still answers, so it ends a streak like a clean one.
		if (drawn === undefined || drawn === 'slow' || streak >= (this.rates.maxInARow ?? 3)) {
			this.streaks.delete(request);
			if (drawn === 'slow') this.injected.slow++;
			return drawn === 'slow' ? drawn : undefined;
		}
		this.streaks.set(request, streak + 1);
		this.injected[drawn]++;
		return drawn;
	}

	/** mulberry32: small, fast, good enough to spread faults evenly. */
	private random(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
}

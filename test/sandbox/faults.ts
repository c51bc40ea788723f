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
}

export type Fault = 'rateLimited' | 'unavailable' | 'dropped' | 'slow';

export class FaultInjector {
	readonly injected: Record<Fault, number> = { rateLimited: 0, unavailable: 0, dropped: 0, slow: 0 };
	private state: number;

	constructor(readonly rates: FaultRates) {
		this.state = (rates.seed ?? 20261123) >>> 0;
	}

	/** Which fault (if any) the next request gets. */
	draw(): Fault | undefined {
		const roll = this.random();
		let edge = 0;
		for (const fault of ['rateLimited', 'unavailable', 'dropped', 'slow'] as const) {
			edge += this.rates[fault] ?? 0;
			if (roll < edge) {
				this.injected[fault]++;
				return fault;
			}
		}
		return undefined;
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

/** Medians with their spread, and ratios taken run by run (pair by pair), as the bench reports them. */

export interface Spread {
	median: number;
	min: number;
	max: number;
	runs: number;
}

export function spread(values: readonly number[]): Spread {
	if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 };
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** Ratio of each run of `ours` to the run of `theirs` made next to it. */
export function pairRatios(ours: readonly number[], theirs: readonly number[]): number[] {
	const pairs = Math.min(ours.length, theirs.length);
	return Array.from({ length: pairs }, (_unused, index) => ours[index] / theirs[index]);
}

/** "1234 (1100-1300)" with the given unit formatter. */
export function show(value: Spread, format: (n: number) => string = ms): string {
	if (value.runs === 0) return 'n/a';
	if (value.runs === 1) return format(value.median);
	return `${format(value.median)} (${format(value.min)}-${format(value.max)})`;
}

export const ms = (n: number) => `${Math.round(n)} ms`;
export const seconds = (n: number) => `${(n / 1000).toFixed(2)} s`;
export const ratio = (n: number) => n.toFixed(2);
export const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
export const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
export const count = (n: number) => String(Math.round(n));

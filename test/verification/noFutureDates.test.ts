/**
 * No test depends on today's date (issue 24): the nodes refuse a Scheduled Start/Stop or an
 * Expires in the past, so a literal future date in a test passes until that day and fails from
 * then on (e2e/suite.ts scheduled a ticket for 2026-12-01 and CI went red on that day). Tests
 * compute such times from the run instead (test/harness/dates.ts, e2e/lib/dates.ts).
 *
 * This guard reads the test, e2e, bench and example sources and fails on any literal ISO 8601
 * date (YYYY-MM-DD, with or without a time) later than the run, unless the line is on the short
 * allow-list below of texts that are not a time sent to a node. Dates in the past (seed creation
 * times, an "already expired" case) and impossible dates (month 13, 30 February) stay as they
 * are: they mean the same on any day.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..');
const FOLDERS = ['test', 'e2e', 'bench', 'examples'];
const SKIPPED = new Set(['node_modules', 'package-lock.json']);
const TEXT_FILE = /\.(ts|js|mjs|cjs|json|sh|md|ya?ml)$/;

/** Future dates that are not a time given to a node, each with why. Keep it short. */
const ALLOWED: Array<{ text: string; why: string }> = [
	{
		text: 'such as 2031-11-25T07:15:00Z',
		why: 'the nodes\' example of the format in their error messages ("must be a date and time such as ..."), not a time sent',
	},
];

const ISO_DATE = /(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(?!\d)/g;

interface Finding {
	file: string;
	line: number;
	date: string;
	text: string;
}

/** The literal dates in `source` later than `now` on lines no allow-list entry covers. */
function futureDates(source: string, file: string, now: number, allowed = ALLOWED): Finding[] {
	const findings: Finding[] = [];
	source.split('\n').forEach((text, index) => {
		if (allowed.some((entry) => text.includes(entry.text))) return;
		for (const match of text.matchAll(ISO_DATE)) {
			const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as number[];
			const time = Date.UTC(year, month - 1, day, hour, minute, second);
			const back = new Date(time);
			// An impossible date (month 13, 30 February, hour 25) is refused on any day: not a schedule.
			const possible =
				back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
			if (possible && time > now) findings.push({ file, line: index + 1, date: match[0], text: text.trim() });
		}
	});
	return findings;
}

function sourceFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		if (SKIPPED.has(entry.name) || entry.name.startsWith('.')) return [];
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.isFile() && TEXT_FILE.test(entry.name) ? [path] : [];
	});
}

const scanned = () => FOLDERS.flatMap((folder) => sourceFiles(join(repoRoot, folder)));

test('no test, e2e, bench or example source holds a literal date later than today', () => {
	const now = Date.now();
	const files = scanned();
	expect(files.length).toBeGreaterThan(100);
	const findings = files.flatMap((path) => futureDates(readFileSync(path, 'utf8'), relative(repoRoot, path), now));
	expect(findings.map((entry) => `${entry.file}:${entry.line} ${entry.date} in: ${entry.text}`)).toEqual([]);
});

test('each allow-list entry is still used (the list stays small and true)', () => {
	const sources = scanned().map((path) => readFileSync(path, 'utf8'));
	for (const entry of ALLOWED) expect([entry.text, sources.some((source) => source.includes(entry.text))]).toEqual([entry.text, true]);
});

describe('the scanner', () => {
	const now = Date.now();
	const nextYear = new Date(now).getUTCFullYear() + 1;
	const lastYear = nextYear - 2;

	test('finds a planted future schedule, with or without a time, wherever it is on the line', () => {
		const planted = [
			`const run = await update({ status: 'Approved After', scheduledStart: '${nextYear}-11-25T08:15:00+01:00' });`,
			`await submitForm(page.url, ['Approve in the change window', '${nextYear}-11-29', '${nextYear}-11-30']);`,
			`"expires": "${nextYear}-03-01 10:00"`,
		].join('\n');
		expect(futureDates(planted, 'planted.ts', now).map(({ line, date }) => [line, date])).toEqual([
			[1, `${nextYear}-11-25T08:15:00`],
			[2, `${nextYear}-11-29`],
			[2, `${nextYear}-11-30`],
			[3, `${nextYear}-03-01 10:00`],
		]);
	});

	test('the check is against the run\'s clock: a date is a finding while it is ahead of it', () => {
		const source = "scheduledStop: '2020-06-01T12:00:00Z'";
		expect(futureDates(source, 'planted.ts', now)).toEqual([]);
		expect(futureDates(source, 'planted.ts', Date.UTC(2020, 5, 1, 11, 59))).toHaveLength(1);
	});

	test('past dates, impossible dates, allow-listed texts and look-alikes are not findings', () => {
		const source = [
			`created: '${lastYear}-11-01T09:00:00.000Z'`,
			`scheduledStop: '${nextYear}-13-01T00:00:00Z'`,
			`scheduledStart: '${nextYear}-02-30T10:00:00'`,
			`scheduledStart: '${nextYear}-11-25T25:00:00Z'`,
			`'must be a date and time such as 2031-11-25T07:15:00Z, but it is "x"'`,
			`guid: 'a${nextYear}-11-25', version: 1${nextYear}-11-25`,
		].join('\n');
		expect(futureDates(source, 'planted.ts', now)).toEqual([]);
		// Without the allow-list, the example text is a finding (while its date is ahead of the clock).
		const example = source.split('\n')[4];
		expect(futureDates(example, 'planted.ts', Date.UTC(2026, 0, 1), [])).toHaveLength(1);
	});
});

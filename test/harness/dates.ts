/**
 * Times for schedule and expiry inputs (Scheduled Start/Stop, Not Before, Expires, a summary's
 * From Date), computed from the time of the run: the nodes rightly refuse such times in the past,
 * so a literal date would make a test fail from that day on. test/verification/noFutureDates.test.ts
 * keeps literal future dates out of the tests.
 *
 * A fixed month, day and time in next year's calendar keeps the cases readable and the time-zone
 * cases meaningful ('+01:00' in, one hour earlier in UTC out; a winter and a summer date in
 * Europe/Berlin); it is always between about 1 and 23 months after the run.
 */
export const NEXT_YEAR = new Date().getUTCFullYear() + 1;

/** Next year's date with the given rest: nextYear('11-25T08:15:00+01:00') is 08:15 at +01:00 on 25 November next year. */
export const nextYear = (rest: string): string => `${NEXT_YEAR}-${rest}`;

/** The time `days` days from now, ISO 8601 in UTC (with Z). */
export const daysFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

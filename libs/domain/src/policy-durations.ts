// Policy windows as people write them: ISO-8601 durations in days, hours, minutes and seconds
// ("P5D", "PT12H", "P1DT6H", "PT2.5S"). Years, months and weeks are not accepted: a month has
// no fixed length, and the core counts windows in milliseconds.

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const DURATION = /^P(?:(\d{1,6})D)?(?:T(?:(\d{1,8})H)?(?:(\d{1,10})M)?(?:(\d{1,12})(?:\.(\d{1,3}))?S)?)?$/;

/** Milliseconds of an ISO-8601 duration in days/hours/minutes/seconds, or null when it is not one. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text);
  // "P" and "PT" alone match the pattern but name no amount.
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [, days, hours, minutes, seconds, fraction] = match;
  const ms =
    Number(days ?? 0) * DAY_MS +
    Number(hours ?? 0) * HOUR_MS +
    Number(minutes ?? 0) * MINUTE_MS +
    Number(seconds ?? 0) * SECOND_MS +
    Number((fraction ?? '').padEnd(3, '0'));
  return Number.isSafeInteger(ms) ? ms : null;
}

/** The shortest ISO-8601 duration for a whole number of milliseconds: 432000000 is "P5D", 2500 is "PT2.5S". */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`formatDuration: ${ms} is not a whole, non-negative number of milliseconds`);
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  const millis = ms % MINUTE_MS;
  const seconds = millis % SECOND_MS === 0 ? `${millis / SECOND_MS}` : (millis / SECOND_MS).toFixed(3).replace(/0+$/, '');
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${millis ? `${seconds}S` : ''}`;
  if (!days && !time) return 'PT0S';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

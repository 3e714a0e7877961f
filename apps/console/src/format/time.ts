// Deadlines read "in 2 days (Dec 4, 10:00 UTC)": the distance first, then the exact moment in UTC,
// the zone every party and the mediator share.

const exact = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
const withYear = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

export const exactTime = (iso: string): string => `${exact.format(new Date(iso))} UTC`;
export const dateTime = (iso: string): string => `${withYear.format(new Date(iso))} UTC`;

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "in 2 days", "3 hours ago", "in less than a minute". */
export function fromNow(iso: string, now: number): string {
  const delta = new Date(iso).getTime() - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size) return relative.format(Math.round(delta / size), unit);
  }
  return delta >= 0 ? 'in less than a minute' : 'less than a minute ago';
}

export const deadline = (iso: string, now: number): string => `${fromNow(iso, now)} (${exactTime(iso)})`;

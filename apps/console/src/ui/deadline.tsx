import { useEffect, useState } from 'react';
import { deadline } from '../format/time';

/** The current time, ticking every `everyMs` so countdowns stay true while a page is open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function Deadline({ at }: { at: string }) {
  const now = useNow();
  const passed = new Date(at).getTime() <= now;
  return (
    <time dateTime={at} className={passed ? 'deadline passed' : 'deadline'}>
      {deadline(at, now)}
    </time>
  );
}

// Benchmark (not a test): fold and verify 10,000 events, in events per second.
//   npm run bench:audit            (builds this file with bench/audit/tsconfig.json, then runs it)
//   node dist/bench/audit/fold-verify.js [--events 10000] [--runs 30] [--history lifecycle|messages] [--json]
// Each figure is the median of N timed runs after warm-up, with the spread (fastest, slowest,
// interquartile range) and the best run beside it. The history is, by default, whole disputes
// played from real commands as the bench's lifecycle phase plays them (half settled, half
// through mediation and appeal: offers, rejections, messages, escalation, decisions), about
// 10,000 events in all; `--history messages` is the older single dispute of almost only
// MessagePosted, the cheapest event to fold. The baseline is a plain loop over the same events
// in the same process, so figures from different machines can be put in proportion.
import { parseArgs } from 'node:util';
import { canonicalJson, envelopeJson, hashedFieldsOf, sha256, verifyChain } from '../../libs/audit/src';
import { fold } from '../../libs/domain/src';
import { referenceCanonicalJson } from '../../fixtures/reference-canonical-json';
import { buildLifecycleHistories, buildMessageHistory, type BuiltHistory } from '../../fixtures/history-builder';
import { timeRuns, type RunsSummary } from '../../fixtures/measures/runs';

const TARGETS = { fold: 1_000_000, verify: 400_000 };

function histories(kind: string, events: number): BuiltHistory[] {
  if (kind === 'messages') return [buildMessageHistory(events)];
  if (kind === 'lifecycle') return buildLifecycleHistories(events);
  throw new Error(`--history must be lifecycle or messages, not ${kind}`);
}

/** How many events of each type, most frequent first: what the figures were measured on. */
function eventMix(built: BuiltHistory[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const history of built) for (const event of history.events) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
}

function main(): void {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '10000' }, runs: { type: 'string', default: '30' }, history: { type: 'string', default: 'lifecycle' }, json: { type: 'boolean' } } });
  const runs = Number(values.runs);
  const built = histories(values.history, Number(values.events));
  const count = built.reduce((sum, history) => sum + history.events.length, 0);
  const streams = built.map((history) => history.events);
  const chains = built.map((history) => history.chain);
  const allEvents = streams.flat();
  const allChained = chains.flat();

  // Sanity: the work measured is the real thing and gives the right answers.
  for (const history of built) {
    if (fold(history.events).version !== history.events.length) throw new Error('fold did not replay the whole history');
    const verified = verifyChain(history.chain);
    if (!verified.valid || verified.length !== history.chain.length) throw new Error(`verify failed: ${verified.problem}`);
  }
  const serialised = allChained.map((event) => canonicalJson(hashedFieldsOf(event)));
  const hashedFields = allChained.map(hashedFieldsOf);

  const results = {
    baselineLoop: timeRuns(runs, count, () => {
      let total = 0;
      for (const event of allEvents) total += event.type.length + (event.data.at === null ? 0 : 1);
      return total;
    }),
    fold: timeRuns(runs, count, () => streams.map((events) => fold(events))),
    verify: timeRuns(runs, count, () => chains.map((chain) => verifyChain(chain))),
    envelopeJsonOnly: timeRuns(runs, count, () => {
      let total = 0;
      for (const event of allChained) total += envelopeJson(event)!.length;
      return total;
    }),
    // The same text with one character read, which makes V8 flatten the string it built in pieces, as
    // hashing it does: against the row above, about what the flattening costs verify (a little more:
    // the first read of a string in pieces is a call into the runtime).
    envelopeJsonFlattened: timeRuns(runs, count, () => {
      let total = 0;
      for (const event of allChained) {
        const text = envelopeJson(event)!;
        total += text.charCodeAt(text.length - 1);
      }
      return total;
    }),
    canonicalJsonOnly: timeRuns(runs, count, () => {
      let total = 0;
      for (const event of allChained) total += canonicalJson(hashedFieldsOf(event)).length;
      return total;
    }),
    referenceCanonicalJsonOnly: timeRuns(runs, count, () => {
      let total = 0;
      for (const event of allChained) total += referenceCanonicalJson(hashedFieldsOf(event)).length;
      return total;
    }),
    // A reference, not a way to verify: each event's hashed fields written by V8's own native
    // JSON.stringify (not canonical: keys unsorted) and hashed, the fields picked out beforehand.
    // What a verifier that only had to write some JSON of the same fields and hash it would do.
    stringifyThenSha256: timeRuns(runs, count, () => {
      let total = 0;
      for (const fields of hashedFields) total += sha256(JSON.stringify(fields)).length;
      return total;
    }),
    sha256Only: timeRuns(runs, count, () => {
      let total = 0;
      for (const text of serialised) total += sha256(text).length;
      return total;
    }),
  };

  const history = { kind: values.history, disputes: built.length, mix: eventMix(built) };
  if (values.json) {
    console.log(JSON.stringify({ events: count, runs, node: process.version, targets: TARGETS, history, results }));
    return;
  }
  const line = (label: string, result: RunsSummary, target?: number) =>
    `${label.padEnd(36)} ${result.eventsPerSecond.toLocaleString('en-US').padStart(13)} events/s median (${result.medianMs.toFixed(2)} ms; ` +
    `runs ${result.spreadMs.min.toFixed(2)} to ${result.spreadMs.max.toFixed(2)} ms, IQR ${result.spreadMs.p25.toFixed(2)} to ${result.spreadMs.p75.toFixed(2)}; best ${result.bestEventsPerSecond.toLocaleString('en-US')}/s)` +
    (target ? `  target >= ${target.toLocaleString('en-US')}: ${result.eventsPerSecond >= target ? 'met' : 'MISSED'}` : '');
  const mix = Object.entries(history.mix).map(([type, n]) => `${type} ${n}`).join(', ');
  console.log(`fold/verify benchmark: ${count} events in ${built.length} dispute(s) (${values.history}: ${mix}), median of ${runs} runs, node ${process.version}`);
  console.log(line('baseline (plain loop over the array)', results.baselineLoop));
  console.log(line('fold', results.fold, TARGETS.fold));
  console.log(line('verify', results.verify, TARGETS.verify));
  console.log(line('  of which canonical JSON (envelope)', results.envelopeJsonOnly));
  console.log(line('  canonical JSON (envelope), flattened', results.envelopeJsonFlattened));
  console.log(line('  of which sha256 (of flat strings)', results.sha256Only));
  console.log(line('  reference: JSON.stringify + sha256', results.stringifyThenSha256));
  console.log(line('  canonicalJson, generic path', results.canonicalJsonOnly));
  console.log(line('  canonicalJson, original version', results.referenceCanonicalJsonOnly));
}

main();

// Benchmark (not a test): fold and verify a 10,000-event dispute, in events per second.
//   npm run bench:audit            (builds this file with bench/audit/tsconfig.json, then runs it)
//   node dist/bench/audit/fold-verify.js [--events 10000] [--runs 30] [--json]
// Each figure is the best of N timed runs after warm-up; the baseline is a plain loop over the
// same array in the same process, so figures from different machines can be put in proportion.
import { parseArgs } from 'node:util';
import { canonicalJson, envelopeJson, hashedFieldsOf, sha256, verifyChain } from '../../libs/audit/src';
import { fold } from '../../libs/domain/src';
import { referenceCanonicalJson } from '../../fixtures/reference-canonical-json';
import { buildMessageHistory } from '../../fixtures/history-builder';

const TARGETS = { fold: 1_000_000, verify: 200_000 };

function bestOf(runs: number, count: number, work: () => unknown): { eventsPerSecond: number; bestMs: number } {
  let sink: unknown;
  for (let i = 0; i < Math.max(3, Math.floor(runs / 5)); i += 1) sink = work(); // warm-up
  let best = Infinity;
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    sink = work();
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (elapsed < best) best = elapsed;
  }
  if (sink === undefined) throw new Error('benchmarked work returned nothing');
  return { eventsPerSecond: Math.round((count / best) * 1000), bestMs: best };
}


function main(): void {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '10000' }, runs: { type: 'string', default: '30' }, json: { type: 'boolean' } } });
  const count = Number(values.events);
  const runs = Number(values.runs);
  const { events, chain } = buildMessageHistory(count);

  // Sanity: the work measured is the real thing and gives the right answers.
  const folded = fold(events);
  if (folded.version !== count || folded.messageCount !== count - 4) throw new Error('fold did not replay the whole history');
  const verified = verifyChain(chain);
  if (!verified.valid || verified.length !== count) throw new Error(`verify failed: ${verified.problem}`);
  const serialised = chain.map((event) => canonicalJson(hashedFieldsOf(event)));

  const results = {
    baselineLoop: bestOf(runs, count, () => {
      let total = 0;
      for (const event of events) total += event.type.length + (event.data.at === null ? 0 : 1);
      return total;
    }),
    fold: bestOf(runs, count, () => fold(events)),
    verify: bestOf(runs, count, () => verifyChain(chain)),
    envelopeJsonOnly: bestOf(runs, count, () => {
      let total = 0;
      for (const event of chain) total += envelopeJson(event)!.length;
      return total;
    }),
    canonicalJsonOnly: bestOf(runs, count, () => {
      let total = 0;
      for (const event of chain) total += canonicalJson(hashedFieldsOf(event)).length;
      return total;
    }),
    referenceCanonicalJsonOnly: bestOf(runs, count, () => {
      let total = 0;
      for (const event of chain) total += referenceCanonicalJson(hashedFieldsOf(event)).length;
      return total;
    }),
    sha256Only: bestOf(runs, count, () => {
      let total = 0;
      for (const text of serialised) total += sha256(text).length;
      return total;
    }),
  };

  if (values.json) {
    console.log(JSON.stringify({ events: count, runs, node: process.version, targets: TARGETS, results }));
    return;
  }
  const line = (label: string, result: { eventsPerSecond: number; bestMs: number }, target?: number) =>
    `${label.padEnd(36)} ${result.eventsPerSecond.toLocaleString('en-US').padStart(13)} events/s  (${result.bestMs.toFixed(2)} ms)` +
    (target ? `  target >= ${target.toLocaleString('en-US')}: ${result.eventsPerSecond >= target ? 'met' : 'MISSED'}` : '');
  console.log(`fold/verify benchmark: ${count} events (DisputeOpened, OfferMade, SellerResponded, OfferMade, then MessagePosted), best of ${runs} runs, node ${process.version}`);
  console.log(line('baseline (plain loop over the array)', results.baselineLoop));
  console.log(line('fold', results.fold, TARGETS.fold));
  console.log(line('verify', results.verify, TARGETS.verify));
  console.log(line('  of which canonical JSON (envelope)', results.envelopeJsonOnly));
  console.log(line('  of which sha256 (of flat strings)', results.sha256Only));
  console.log(line('  canonicalJson, generic path', results.canonicalJsonOnly));
  console.log(line('  canonicalJson, original version', results.referenceCanonicalJsonOnly));
}

main();

// Domain benchmark (issue 3): fold a 100,000-event history of one dispute and decide 100,000
// commands against its evolving state. A benchmark, not a test: it prints figures and a
// PASS/MISS against the target, and exits 0 either way.
//
//   npm run build && node dist/bench/domain/fold-decide.js
//
// The history is produced by the real decider (a rejected step aborts), so it is one the rules
// allow: opened, a week of negotiation, mediation with information requests, a decision, an
// appeal ordering a return, the return, a failed and a retried refund, closed. Messages are
// the only thing the rules do not cap, so they fill the history up to the wanted size.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Actor, CommandOf, ReturnAddress, DecisionContext, DisputeCommand, DisputeCommandType, DisputeEvent, DisputeState, UploadedFile } from '../../libs/domain/src';
import { addMs, citedEvidenceIds, CLOCK, decide, defaultPolicy, evolve, fold, initialState } from '../../libs/domain/src';
import { shippedOrder } from '../../fixtures/orders';

const SIZE = 100_000;
const SELLER_RETURNS: ReturnAddress = { name: 'Returns desk', line1: '1 Quay Street', line2: null, city: 'Dublin', region: null, postalCode: 'D02 X285', countryCode: 'IE' };
const TARGET_EVENTS_PER_SECOND = 1_000_000;
const WARMUP_RUNS = 3;
const RUNS = 7;

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const OPENED_AT = '2026-11-25T10:00:00.000Z';

const buyer: Actor = { role: 'BUYER', id: 'buyer-1' };
const seller: Actor = { role: 'SELLER', id: 'seller-1' };
const mediator: Actor = { role: 'MEDIATOR', id: 'mediator-1' };
const appealMediator: Actor = { role: 'MEDIATOR', id: 'mediator-2' };

const order = shippedOrder({ orderId: 'order-1', buyerId: buyer.id, sellerId: seller.id }, { deliveredAt: '2026-11-23T10:00:00.000Z' });

const cmd = <T extends DisputeCommandType>(type: T, actor: Actor, data: CommandOf<T>['data']) => ({ type, actor, data }) as CommandOf<T>;
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const photo = (n: number) => ({ evidenceId: `ev-${n}`, sha256: n.toString(16).padStart(64, '0'), kind: 'PHOTO' as const, description: `Photo ${n}` });
/** What the catalog answers for a command's citations: its author uploaded them (as the API looks them up). */
const uploadsOf = (command: DisputeCommand): UploadedFile[] =>
  citedEvidenceIds(command).map((evidenceId) => ({ evidenceId, sha256: photo(Number(evidenceId.slice(3))).sha256, sizeBytes: 2048, contentType: 'image/jpeg', uploader: command.actor }));

// Varied lengths, so message events are not all the same shape in memory.
const BODIES = [
  'Hello, the screen has a crack across the top left corner.',
  'Could you send a photo of the packaging as well?',
  'The parcel looked fine from the outside; the damage is inside.',
  'We pack every phone in foam, so this is unusual. Let me check with the warehouse and come back to you tomorrow.',
  'OK.',
  'I can offer a partial refund if you keep the phone, or a full refund after you send it back.',
];

function chatter(count: number, speakers: Actor[], tag: string): DisputeCommand[] {
  return Array.from({ length: count }, (_, i) =>
    cmd('PostMessage', speakers[i % speakers.length], { messageId: `${tag}-${i}`, body: BODIES[i % BODIES.length] }),
  );
}

/** Spreads `structural` commands evenly through `filler`, keeping the order of both. */
function interleave(filler: DisputeCommand[], structural: DisputeCommand[]): DisputeCommand[] {
  const out: DisputeCommand[] = [];
  const every = filler.length / (structural.length + 1);
  let next = 0;
  filler.forEach((c, i) => {
    while (next < structural.length && i >= (next + 1) * every) out.push(structural[next++]);
    out.push(c);
  });
  return out.concat(structural.slice(next));
}

interface Phase {
  /** Offsets from OPENED_AT; the phase's commands are spaced evenly across [from, to). */
  from: number;
  to: number;
  commands: DisputeCommand[];
}

/** The dispute's life with `messages` PostMessage commands spread over its phases. */
function lifecycle(messages: number): Phase[] {
  const share = (fraction: number) => Math.floor(messages * fraction);
  const rest = messages - share(0.05) - share(0.4) - share(0.3) - share(0.15);
  const parties = [buyer, seller];

  // Negotiation: each party fills its evidence allowance (the buyer attached one when opening)
  // and makes offers up to the limit (offer #1 is the buyer's request, #2 the seller's counter).
  const negotiation: DisputeCommand[] = [];
  for (let i = 0; i < defaultPolicy.maxEvidencePerParty; i++) {
    negotiation.push(cmd('AddEvidence', seller, { evidence: [photo(100 + i)] }));
    if (i < defaultPolicy.maxEvidencePerParty - 1) negotiation.push(cmd('AddEvidence', buyer, { evidence: [photo(2 + i)] }));
    if (i < 2 * (defaultPolicy.maxOffersPerParty - 1)) {
      const by = i % 2 === 0 ? buyer : seller;
      negotiation.push(cmd('MakeOffer', by, { terms: { kind: 'PARTIAL_REFUND', amount: eur(by === buyer ? 9_000 - i * 100 : 3_500 + i * 100) } }));
    }
  }
  negotiation.push(cmd('RejectOffer', buyer, { offerNumber: 2 * defaultPolicy.maxOffersPerParty, reason: 'Still far too little.' }));

  // Mediation: the mediator asks each party as often as the policy allows; each answers before the next question.
  const mediation: DisputeCommand[] = [];
  for (let i = 0; i < defaultPolicy.maxInformationRequestsPerParty; i++) {
    for (const party of parties) {
      const requestId = `req-${party.role}-${i}`;
      mediation.push(cmd('RequestInformation', mediator, { requestId, from: party.role as 'BUYER' | 'SELLER', question: 'Please describe the packaging.' }));
      mediation.push(cmd('AnswerInformationRequest', party, { requestId, answer: 'It was a padded envelope.' }));
    }
  }

  // A return needs the address the item goes back to (the rulebook's second edition).
  const ruling = { citedEvidenceIds: ['ev-1', 'ev-100'], rationale: 'The photos show damage the packaging cannot explain.' };
  return [
    {
      from: 0,
      to: DAY,
      commands: [
        cmd('OpenDispute', buyer, {
          disputeId: 'dispute-1',
          orderId: order.orderId,
          reason: 'NOT_AS_DESCRIBED',
          subReason: 'DAMAGED',
          description: 'The screen arrived cracked.',
          evidence: [photo(1)],
          requestedResolution: { kind: 'FULL_REFUND' },
        }),
        ...chatter(share(0.05), parties, 'open'),
        cmd('RespondToDispute', seller, { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: eur(3_000) } }),
      ],
    },
    {
      from: DAY,
      to: 7 * DAY, // the negotiation window closes 7 days after the response, which came after opening
      commands: [...interleave(chatter(share(0.4), parties, 'neg'), negotiation), cmd('EscalateDispute', buyer, { note: 'We cannot agree.' })],
    },
    {
      from: 7 * DAY,
      to: 13 * DAY, // inside the 7-day mediation SLA
      commands: [
        cmd('ClaimCase', mediator, {}),
        ...interleave(chatter(share(0.3), [...parties, mediator], 'med'), mediation),
        cmd('IssueDecision', mediator, { outcome: 'PARTIAL_REFUND', amount: eur(5_000), citedPolicyClauses: ['NAD-2'], ...ruling }),
      ],
    },
    {
      from: 13 * DAY + HOUR,
      to: 18 * DAY,
      commands: [
        cmd('FileAppeal', seller, { grounds: 'The courier report shows the parcel was dropped after delivery.' }),
        cmd('ClaimCase', appealMediator, {}),
        ...chatter(share(0.15), [...parties, appealMediator], 'appeal'),
        cmd('DecideAppeal', appealMediator, { outcome: 'RETURN_AND_REFUND', citedPolicyClauses: ['NAD-1'], returnAddress: SELLER_RETURNS, ...ruling }),
      ],
    },
    {
      from: 19 * DAY,
      to: 29 * DAY,
      commands: [
        cmd('MarkReturnShipped', buyer, { carrier: 'DHL', trackingNumber: 'JD0146 0000 1234' }),
        ...chatter(rest, parties, 'return'),
        cmd('ConfirmReturnReceived', seller, {}),
        cmd('RequestRefund', CLOCK, { refundId: 'refund-1' }),
        cmd('RecordRefundFailed', CLOCK, { refundId: 'refund-1', failureReason: 'Provider timeout.' }),
        cmd('RequestRefund', CLOCK, { refundId: 'refund-2' }),
        cmd('RecordRefundSucceeded', CLOCK, { refundId: 'refund-2', providerReference: 'psp-42' }),
      ],
    },
  ];
}

interface Built {
  commands: DisputeCommand[];
  contexts: DecisionContext[];
  events: DisputeEvent[];
}

/** Sends the lifecycle through decide + evolve; any rejection means the script broke a rule. */
function build(messages: number): Built {
  const built: Built = { commands: [], contexts: [], events: [] };
  let state = initialState;
  for (const phase of lifecycle(messages)) {
    const step = (phase.to - phase.from) / phase.commands.length;
    phase.commands.forEach((command, i) => {
      const context: DecisionContext = { now: addMs(OPENED_AT, phase.from + Math.floor(i * step)), order, policy: defaultPolicy, evidenceFiles: uploadsOf(command) };
      const decision = decide(command, state, context);
      if (!decision.ok) throw new Error(`step ${built.commands.length} ${command.type}: ${decision.rejection.code} ${decision.rejection.message}`);
      state = decision.events.reduce(evolve, state);
      built.commands.push(command);
      built.contexts.push(context);
      built.events.push(...decision.events);
    });
  }
  if (state.status !== 'CLOSED') throw new Error(`the lifecycle ended in ${state.status}, not CLOSED`);
  return built;
}

/** Best and median of RUNS timed runs after WARMUP_RUNS untimed ones (JIT warm-up). */
function measure(run: () => unknown): { best: number; median: number } {
  for (let i = 0; i < WARMUP_RUNS; i++) run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    sink = run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { best: times[0], median: times[Math.floor(times.length / 2)] };
}
/** Keeps results alive so the JIT cannot drop the work. */
let sink: unknown;

// The same number of structural (non-message) steps whatever the message count, so one run
// without messages tells how many messages give exactly SIZE events, or SIZE commands.
const skeleton = build(0);
const history = build(SIZE - skeleton.events.length).events;
const { commands, contexts } = build(SIZE - skeleton.commands.length);

// (a) fold: replay the whole history, as auditors and continue-as-new do.
const foldResult = fold(history);
if (foldResult.version !== SIZE || foldResult.status !== 'CLOSED') throw new Error('fold did not reach the closed state');
const folded = measure(() => fold(history));
// Baseline: the cheapest reducer that still reads every event.
const reduced = measure(() => {
  const acc = { version: 0, lastEventAt: '' };
  for (const event of history) {
    acc.version += 1;
    acc.lastEventAt = event.data.at;
  }
  return acc;
});

// (b) decide each command against the state so far, then evolve it, as the workflow does.
const decideAll = (): DisputeState => {
  let state = initialState;
  for (let i = 0; i < commands.length; i++) {
    const decision = decide(commands[i], state, contexts[i]);
    if (!decision.ok) throw new Error(`command ${i} rejected: ${decision.rejection.message}`);
    state = decision.events.reduce(evolve, state);
  }
  return state;
};
const decided = measure(decideAll);
// Baseline: a decider that accepts everything as one event and a reducer that only counts.
const echoed = measure(() => {
  const acc = { version: 0, lastEventAt: '' };
  for (let i = 0; i < commands.length; i++) {
    const event = { type: commands[i].type, data: { ...commands[i].data, at: contexts[i].now } };
    acc.version += 1;
    acc.lastEventAt = event.data.at;
  }
  return acc;
});

const n = (x: number, digits = 0) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const rate = (t: { best: number }) => SIZE / (t.best / 1000);
const typeCounts = new Map<string, number>();
for (const e of history) typeCounts.set(e.type, (typeCounts.get(e.type) ?? 0) + 1);

console.log(`node ${process.version} · ${cpus()[0]?.model ?? 'unknown CPU'} · one thread`);
console.log(`best of ${RUNS} runs after ${WARMUP_RUNS} warm-up runs\n`);
console.log(`history: ${n(history.length)} events of one dispute, OPEN to CLOSED, from ${n(skeleton.commands.length + SIZE - skeleton.events.length)} commands`);
console.log(`  ${[...typeCounts].sort((a, b) => b[1] - a[1]).map(([type, count]) => `${type} ${n(count)}`).join(', ')}\n`);

const rows: [string, { best: number; median: number }, string, { best: number }][] = [
  ['fold 100,000 events', folded, 'events/s', reduced],
  ['  baseline: counting reducer', reduced, 'events/s', reduced],
  ['decide + evolve 100,000 commands', decided, 'commands/s', echoed],
  ['  baseline: echo decider', echoed, 'commands/s', echoed],
];
console.log('| measurement                      | best ms | median ms |                 rate | x baseline time |');
console.log('|----------------------------------|--------:|----------:|---------------------:|----------------:|');
for (const [label, t, unit, base] of rows) {
  const ratio = t === base ? '-' : n(t.best / base.best, 1);
  const cells = [label.padEnd(32), n(t.best, 1).padStart(7), n(t.median, 1).padStart(9), `${n(rate(t))} ${unit}`.padStart(20), ratio.padStart(15)];
  console.log(`| ${cells.join(' | ')} |`);
}
const verdict = rate(folded) >= TARGET_EVENTS_PER_SECOND ? 'PASS' : 'MISS';
console.log(`\ntarget: fold >= ${n(TARGET_EVENTS_PER_SECOND)} events/s on one core: ${verdict} (${n(rate(folded))} events/s)`);
// Read once, so the kept results count as used.
if (sink === undefined) console.log('(no result kept)');

// Turns the measurements into the console table, bench/results/latest.json (the keys issue 7
// asks for, then the detail behind them) and two SVG charts.
import { cpus, loadavg, release, totalmem } from 'node:os';
import type { Plan } from '../plan';
import type { Anatomy } from '../scenarios/anatomy';
import type { LatencyLevel, Summary } from '../scenarios/latency';
import { sustainedLevel, type LifecycleLevel } from '../scenarios/lifecycle';
import type { Replay } from '../scenarios/replay';
import type { Soak } from '../scenarios/soak';
import type { BaselineTimerLag } from '../scenarios/baseline-timers';
import type { TimerLag } from '../scenarios/timer-lag';
import type { Engine } from '../stack';
import { levelAt } from '../../fixtures/measures/levels';
import type { CacheSetting } from '../../fixtures/measures/workflow-cache';
import { ratioOf } from '../../fixtures/measures/proc-cpu';
import type { CpuPerCommand } from '../cpu';
import { lineChart } from './svg';
import { fmt, table } from './table';

export interface Measured {
  plan: Plan;
  warmupErrors: number;
  latency: LatencyLevel[];
  anatomy: Anatomy;
  lifecycle: LifecycleLevel[];
  /** Absent when no lifecycle level ran clean (no capacity to take a share of). */
  soak: Soak | undefined;
  timers: TimerLag;
  /** The same burst on minimal workflows (sleep, insert one row), same server, same run. */
  baselineTimers: BaselineTimerLag;
  /** [open disputes, worker RSS MB] */
  memory: [number, number][];
  /** The timer burst at each workflow cache size, ours and the baseline's alike; `timers` and `baselineTimers` are the one at the production default. */
  timerBursts: TimerBurst[];
  /** Failed openings the memory phase retried (full mode; undefined when the phase did not run). */
  memoryRetries?: number;
  replay: Replay;
}

const r2OrNull = (x: number | undefined) => (x === undefined ? null : r2(x));
const byProcess = (cpu: CpuPerCommand) => ({
  api: r2OrNull(cpu.api),
  worker: r2OrNull(cpu.worker),
  temporal: r2OrNull(cpu.temporal),
  postgres: r2OrNull(cpu.postgres),
  bench: r2OrNull(cpu.bench),
  total: r2OrNull(cpu.ours),
});
const baselineByProcess = (cpu: CpuPerCommand) => ({ ...byProcess(cpu), total: r2OrNull(cpu.baseline) });

/**
 * CPU ms per command at the headline concurrency, by process, for ours (postMessage over
 * GraphQL) and the baseline (a raw Update), and the ratio of their totals; the same for an
 * opening. Ours counts the API, the worker, Temporal and PostgreSQL; the baseline this process
 * (its client and worker), Temporal and PostgreSQL. Absent when the headline level is missing.
 */
const orUndefined = (value: number | null | undefined): number | undefined => value ?? undefined;
/** Met, missed, or undefined when the figure was not measured (null: the CPU of a reused Temporal). */
const atMost = (value: number | null | undefined, target: number): boolean | undefined => (value === null || value === undefined ? undefined : value <= target);

function cpuKeys(headline: LatencyLevel | undefined) {
  const cpu = headline?.cpu;
  if (!cpu?.command || !cpu.baselineCommand || !cpu.open || !cpu.baselineOpen) return undefined;
  const ratio = (ours: number | undefined, baseline: number | undefined) => r2OrNull(ratioOf(ours, baseline));
  // Beside the goal, not in it: the baseline's Update storing its row in its own task.
  const inTask: { baseline_in_task_cpu_ms_per_command?: ReturnType<typeof baselineByProcess>; cpu_ratio_in_task?: ReturnType<typeof ratio> } = cpu.baselineInTaskCommand
    ? { baseline_in_task_cpu_ms_per_command: baselineByProcess(cpu.baselineInTaskCommand), cpu_ratio_in_task: ratio(cpu.command.ours, cpu.baselineInTaskCommand.baseline) }
    : {};
  return {
    cpu_ms_per_command: byProcess(cpu.command),
    baseline_cpu_ms_per_command: baselineByProcess(cpu.baselineCommand),
    cpu_ratio: ratio(cpu.command.ours, cpu.baselineCommand.baseline),
    cpu_ms_per_open: byProcess(cpu.open),
    baseline_cpu_ms_per_open: baselineByProcess(cpu.baselineOpen),
    cpu_ratio_open: ratio(cpu.open.ours, cpu.baselineOpen.baseline),
    ...inTask,
  };
}

/** Every failed operation of the run, retried or not. */
function runErrors(m: Pick<Measured, 'warmupErrors' | 'latency' | 'lifecycle' | 'soak' | 'timerBursts' | 'memoryRetries'>): number {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return (
    m.warmupErrors +
    sum(m.latency.flatMap((l) => [l.open.errors, l.command.errors, l.baselineOpen.errors, l.baselineCommand.errors, l.baselineInTaskCommand?.errors ?? 0])) +
    sum(m.lifecycle.map((l) => l.errors)) +
    (m.soak?.errors ?? 0) +
    sum(m.timerBursts.map((b) => b.timers.disputes - b.timers.escalated + b.baselineTimers.workflows - b.baselineTimers.fired + (b.bareBaselineTimers ? b.bareBaselineTimers.workflows - b.bareBaselineTimers.fired : 0))) +
    (m.memoryRetries ?? 0)
  );
}

export interface TimerBurst {
  setting: CacheSetting;
  /** The cache both workers ran with: our worker's WORKER_MAX_CACHED_WORKFLOWS and the baseline worker's maxCachedWorkflows. */
  maxCachedWorkflows: number;
  timers: TimerLag;
  /** The baseline opened by an Update, then asleep: the row's ratio. */
  baselineTimers: BaselineTimerLag;
  /** The baseline started bare (no Update), measured at the deployed cache only: the ratio of runs before. */
  bareBaselineTimers?: BaselineTimerLag;
}

/** One row per cache size: the memory-for-latency trade in one table. */
function burstTable(bursts: TimerBurst[]) {
  return bursts.map((b) => ({
    cache: b.setting === 'sdk-default' ? 'sdk-default' : String(b.setting),
    max_cached_workflows: b.maxCachedWorkflows,
    disputes: b.timers.disputes,
    escalated: b.timers.escalated,
    timer_lag_p50_ms: r2(b.timers.p50),
    timer_lag_p99_ms: r2(b.timers.p99),
    baseline_workflows: b.baselineTimers.workflows,
    baseline_fired: b.baselineTimers.fired,
    baseline_timer_lag_p50_ms: r2(b.baselineTimers.p50),
    baseline_timer_lag_p99_ms: r2(b.baselineTimers.p99),
    timer_lag_ratio_p99: r2(b.timers.p99 / b.baselineTimers.p99),
    baseline_shape: b.baselineTimers.shape,
    ...(b.bareBaselineTimers ? { baseline_bare_timer_lag_p99_ms: r2(b.bareBaselineTimers.p99), timer_lag_ratio_p99_bare: r2(b.timers.p99 / b.bareBaselineTimers.p99) } : {}),
    worker_rss_mb_after_opening: b.timers.memory.length ? r2(b.timers.memory[b.timers.memory.length - 1][1]) : null,
    // CPU per timer from the due time until the stack is quiet again, by process (bench/cpu.ts).
    ...(b.timers.cpu && b.baselineTimers.cpu
      ? { cpu_ms_per_timer: byProcess(b.timers.cpu), baseline_cpu_ms_per_timer: baselineByProcess(b.baselineTimers.cpu), cpu_ratio_timer: r2OrNull(ratioOf(b.timers.cpu.ours, b.baselineTimers.cpu.baseline)) }
      : {}),
    ...(b.bareBaselineTimers?.cpu ? { baseline_bare_cpu_ms_per_timer: baselineByProcess(b.bareBaselineTimers.cpu) } : {}),
    // When each burst's whole work was done (the stack quiet again), whatever moment its lag was
    // read at: the baseline's lag ends with its activity, before its second workflow task.
    ...(b.timers.drainedMs !== undefined && b.baselineTimers.drainedMs !== undefined
      ? { drained_ms: b.timers.drainedMs, baseline_drained_ms: b.baselineTimers.drainedMs, drained_ratio: b.timers.drainedMs !== null && b.baselineTimers.drainedMs ? r2(b.timers.drainedMs / b.baselineTimers.drainedMs) : null }
      : {}),
  }));
}

export function machine() {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    os: `${process.platform} ${release()}`,
    node: process.version,
    loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
  };
}

// Issue 18 added the CPU ratio (the figure a busy machine cannot move) and the timer burst's ratio to
// the baseline's burst on the same engine (the absolute lag is the engine's as much as ours).
export const TARGETS = { ratio: 1.3, cpuRatio: 1.3, errors: 0, timerLagP99Ms: 1_000, timerLagRatio: 1.2, fold: 1_000_000, verify: 400_000, rssMb: 400 };
const r2 = (x: number) => Math.round(x * 100) / 100;

export function report(m: Measured, host: ReturnType<typeof machine>, seconds: number, engine: Engine = 'dev') {
  const headlineConcurrency = m.plan.latency.headline.concurrency;
  // No fallback to another level: when the headline level is missing, its keys are left out and a note says so.
  const headline = levelAt(m.latency, headlineConcurrency);
  // Throughput at the highest concurrency that ran without errors.
  const sustained = sustainedLevel(m.lifecycle);
  const errors = runErrors(m);
  const cpu = cpuKeys(headline);
  const cpuRatio = cpu?.cpu_ratio;
  const cpuRatioOpen = cpu?.cpu_ratio_open;
  // The bare baseline runs at the deployed cache only, which is the headline's burst.
  const bare = m.timerBursts.find((burst) => burst.bareBaselineTimers)?.bareBaselineTimers;
  const rss10k = m.plan.memory ? m.memory.filter(([open]) => open >= m.plan.memory!.target).map(([, mb]) => mb)[0] : undefined;

  const keys = {
    ...(headline
      ? {
          open_p50_ms: r2(headline.open.p50),
          open_p99_ms: r2(headline.open.p99),
          baseline_open_p50_ms: r2(headline.baselineOpen.p50),
          open_ratio_p50: r2(headline.open.p50 / headline.baselineOpen.p50),
          command_p50_ms: r2(headline.command.p50),
          baseline_command_p50_ms: r2(headline.baselineCommand.p50),
          command_ratio_p50: r2(headline.command.p50 / headline.baselineCommand.p50),
          ...(headline.baselineInTaskCommand
            ? { baseline_in_task_command_p50_ms: r2(headline.baselineInTaskCommand.p50), command_ratio_in_task_p50: r2(headline.command.p50 / headline.baselineInTaskCommand.p50) }
            : {}),
        }
      : {}),
    commands_per_s: r2(sustained?.commandsPerSecond ?? 0),
    errors,
    ...(m.memoryRetries === undefined ? {} : { memory_open_retries: m.memoryRetries }),
    ...cpu,
    ...(m.soak
      ? {
          soak_rate_per_s: r2(m.soak.ratePerSecond),
          soak_duration_s: m.soak.durationS,
          soak_p50_ms: r2(m.soak.p50),
          soak_p99_ms: r2(m.soak.p99),
          soak_errors: m.soak.errors,
          soak_achieved_per_s: r2(m.soak.achievedPerSecond),
        }
      : {}),
    timer_lag_p99_ms: r2(m.timers.p99),
    baseline_timer_lag_p99_ms: r2(m.baselineTimers.p99),
    timer_lag_ratio_p99: r2(m.timers.p99 / m.baselineTimers.p99),
    ...(bare ? { baseline_bare_timer_lag_p99_ms: r2(bare.p99), timer_lag_ratio_p99_bare: r2(m.timers.p99 / bare.p99) } : {}),
    timer_burst_by_cache: burstTable(m.timerBursts),
    // Medians since issue 18 (before: the best of N); the best and the spread stand beside them.
    fold_events_per_s: m.replay.foldEventsPerSecond,
    fold_events_per_s_median: m.replay.fold.eventsPerSecond,
    fold_events_per_s_best: m.replay.fold.bestEventsPerSecond,
    fold_events_per_s_spread: m.replay.fold.spreadEventsPerSecond,
    verify_events_per_s: m.replay.verifyEventsPerSecond,
    verify_events_per_s_median: m.replay.verify.eventsPerSecond,
    verify_events_per_s_best: m.replay.verify.bestEventsPerSecond,
    verify_events_per_s_spread: m.replay.verify.spreadEventsPerSecond,
    replay_history: m.replay.history,
    ...(rss10k === undefined ? {} : { worker_rss_mb_10k_open: r2(rss10k) }),
  };
  const verdicts: [string, number | undefined, string, boolean | undefined][] = [
    ['open_ratio_p50', keys.open_ratio_p50, `<= ${TARGETS.ratio}`, keys.open_ratio_p50 === undefined ? undefined : keys.open_ratio_p50 <= TARGETS.ratio],
    ['command_ratio_p50', keys.command_ratio_p50, `<= ${TARGETS.ratio}`, keys.command_ratio_p50 === undefined ? undefined : keys.command_ratio_p50 <= TARGETS.ratio],
    ['cpu_ratio', orUndefined(cpuRatio), `<= ${TARGETS.cpuRatio}`, atMost(cpuRatio, TARGETS.cpuRatio)],
    ['cpu_ratio_open', orUndefined(cpuRatioOpen), `<= ${TARGETS.cpuRatio}`, atMost(cpuRatioOpen, TARGETS.cpuRatio)],
    ['errors', keys.errors, '= 0', keys.errors === 0],
    ['soak_errors', m.soak?.errors, '= 0', m.soak ? m.soak.errors === 0 : undefined],
    ['timer_lag_p99_ms', keys.timer_lag_p99_ms, `<= ${fmt(TARGETS.timerLagP99Ms)}`, keys.timer_lag_p99_ms <= TARGETS.timerLagP99Ms],
    ['timer_lag_ratio_p99', keys.timer_lag_ratio_p99, `<= ${TARGETS.timerLagRatio}`, keys.timer_lag_ratio_p99 <= TARGETS.timerLagRatio],
    ['fold_events_per_s', keys.fold_events_per_s, `>= ${fmt(TARGETS.fold)}`, keys.fold_events_per_s >= TARGETS.fold],
    ['verify_events_per_s', keys.verify_events_per_s, `>= ${fmt(TARGETS.verify)}`, keys.verify_events_per_s >= TARGETS.verify],
    ['worker_rss_mb_10k_open', rss10k, `<= ${TARGETS.rssMb}`, rss10k === undefined ? undefined : rss10k <= TARGETS.rssMb],
  ];

  const notes = [
    ...(headline ? [] : [`headline figures missing: the latency sweep did not measure concurrency ${headlineConcurrency}`]),
    ...(m.memoryRetries ? [`the memory phase retried ${m.memoryRetries} failed openings; each counts in errors`] : []),
    ...(m.plan.mode === 'quick' ? [`quick mode: fewer operations per concurrency level, shorter lifecycle windows, a ${m.plan.soak.durationMs / 1000}-second soak, no 10,000-dispute memory run`] : []),
    ...(m.soak ? [] : ['soak not run: no lifecycle level ran without errors']),
    ...(headline && (cpuRatio === undefined || cpuRatio === null) ? ['CPU per command not measured: a reused Temporal server (TEMPORAL_ADDRESS) is not a process the bench can read'] : []),
    ...(m.plan.memory && rss10k === undefined ? [`memory run stopped at ${fmt(Math.max(...m.memory.map(([open]) => open)))} open disputes (of ${fmt(m.plan.memory.target)}) after its ${m.plan.memory.maxMs / 60_000}-minute bound`] : []),
    ...(m.timers.disputes < m.plan.timerDisputes ? [`timer scenario scaled down to ${m.timers.disputes} disputes (of ${m.plan.timerDisputes}): more would not open within ${m.plan.timerMaxOpeningMs / 1000} s here`] : []),
  ];
  const s = (x: Summary) => [x.p50, x.p99];
  const text = [
    `${m.plan.mode.toUpperCase()} run on the ${engine === 'cluster' ? 'Temporal cluster (PostgreSQL, 2 nodes, 16 shards)' : 'Temporal dev server (SQLite, 1 shard)'}, ${fmt(seconds)} s, ${host.cpus} x ${host.cpuModel}, node ${host.node}, load average at start ${host.loadAverage.join(' ')}`,
    ...notes,
    '',
    'openDispute and postMessage over GraphQL vs the baseline (raw Temporal Update on a minimal workflow), ms',
    table(
      ['concurrency', 'open p50', 'open p99', 'base open p50', 'base open p99', 'cmd p50', 'cmd p99', 'base cmd p50', 'base cmd p99', 'open/s', 'cmd/s', 'errors'],
      m.latency.map((l) => [String(l.concurrency), ...s(l.open), ...s(l.baselineOpen), ...s(l.command), ...s(l.baselineCommand), l.open.perSecond, l.command.perSecond, l.open.errors + l.command.errors + l.baselineOpen.errors + l.baselineCommand.errors]),
    ),
    '',
    `CPU ms per operation at concurrency ${headlineConcurrency} (API / worker / Temporal / PostgreSQL / bench process = total)`,
    table(
      ['phase', 'API', 'worker', 'Temporal', 'PostgreSQL', 'bench', 'total'],
      headline?.cpu
        ? (
            [
              ['postMessage', headline.cpu.command, 'ours'],
              ['baseline Update', headline.cpu.baselineCommand, 'baseline'],
              ['baseline Update, row in its task', headline.cpu.baselineInTaskCommand, 'baseline'],
              ['openDispute', headline.cpu.open, 'ours'],
              ['baseline open', headline.cpu.baselineOpen, 'baseline'],
            ] as const
          ).map(([name, cpu, side]) => [name, ...(cpu ? [cpu.api, cpu.worker, cpu.temporal, cpu.postgres, cpu.bench, cpu[side]].map((x) => x ?? '-') : ['-', '-', '-', '-', '-', '-'])])
        : [],
    ),
    '',
    `Temporal work for 1 opening + ${m.anatomy.commands - 1} commands (workflow history)`,
    table(
      ['', 'history events', 'workflow tasks', 'activities', 'history bytes', 'payload bytes'],
      [
        ['ours (dispute)', m.anatomy.ours.events, m.anatomy.ours.workflowTasks, m.anatomy.ours.activities, m.anatomy.ours.historyBytes, m.anatomy.ours.payloadBytes],
        ['baseline', m.anatomy.baseline.events, m.anatomy.baseline.workflowTasks, m.anatomy.baseline.activities, m.anatomy.baseline.historyBytes, m.anatomy.baseline.payloadBytes],
      ],
    ),
    '',
    'mixed full-lifecycle load over GraphQL',
    table(
      ['concurrency', 'commands/s', 'p50 ms', 'p99 ms', 'commands', 'disputes done', 'errors', 'CPU ms/cmd API', 'worker', 'Temporal', 'PostgreSQL'],
      m.lifecycle.map((l) => [String(l.concurrency), l.commandsPerSecond, l.p50, l.p99, l.commands, l.disputesCompleted, l.errors, l.cpuMsPerCommand?.api ?? '-', l.cpuMsPerCommand?.worker ?? '-', l.cpuMsPerCommand?.temporal ?? '-', l.cpuMsPerCommand?.postgres ?? '-']),
    ),
    '',
    m.soak
      ? `soak (open loop, fixed rate): ${fmt(m.soak.ratePerSecond)} commands/s (${m.soak.capacityPerSecond > 0 ? fmt((m.soak.ratePerSecond / m.soak.capacityPerSecond) * 100) : '-'} % of ${fmt(m.soak.capacityPerSecond)}) for ${fmt(m.soak.durationS)} s; ${m.soak.succeeded} of ${m.soak.scheduled} answered, ${fmt(m.soak.achievedPerSecond)}/s inside the window; latency from the scheduled send p50 ${fmt(m.soak.p50)} ms, p99 ${fmt(m.soak.p99)} ms, max ${fmt(m.soak.max)} ms; ${m.soak.errors} errors; ${m.soak.disputesOpened} disputes opened, ${m.soak.disputesCompleted} completed; sender at most ${fmt(m.soak.maxSendLagMs)} ms behind schedule`
      : 'soak: not run',
    `timers: ${m.timers.escalated} of ${m.timers.disputes} escalated; due times spread over ${fmt(m.timers.dueSpreadMs)} ms; lag (stored - due) p50 ${fmt(m.timers.p50)} ms, p99 ${fmt(m.timers.p99)} ms, max ${fmt(m.timers.max)} ms; timer fired (workflow time - due) p99 ${fmt(m.timers.firedP99)} ms`,
    `baseline timers (minimal workflows opened by an Update, same burst): ${m.baselineTimers.fired} of ${m.baselineTimers.workflows} fired; lag p50 ${fmt(m.baselineTimers.p50)} ms, p99 ${fmt(m.baselineTimers.p99)} ms, max ${fmt(m.baselineTimers.max)} ms`,
    ...(bare ? [`baseline timers started bare (no Update; the rows' baseline before): ${bare.fired} of ${bare.workflows} fired; lag p50 ${fmt(bare.p50)} ms, p99 ${fmt(bare.p99)} ms; ratio p99 ${fmt(m.timers.p99 / bare.p99)}`] : []),
    'timer burst by workflow cache (ours and the baseline worker set alike), lag p99 ms',
    table(
      ['cache', 'workflows', 'disputes', 'lag p99', 'baseline workflows', 'baseline lag p99', 'ratio p99', 'CPU ms/timer', 'baseline CPU ms/timer'],
      m.timerBursts.map((b) => [b.setting === 'sdk-default' ? 'SDK default' : String(b.setting), b.maxCachedWorkflows, b.timers.disputes, b.timers.p99, b.baselineTimers.workflows, b.baselineTimers.p99, b.timers.p99 / b.baselineTimers.p99, b.timers.cpu?.ours ?? '-', b.baselineTimers.cpu?.baseline ?? '-']),
    ),
    `worker RSS by open disputes: ${m.memory.map(([open, mb]) => `${fmt(open)}: ${fmt(mb)} MB`).join(', ')}`,
    `replay of ${fmt(m.replay.events)} events in ${fmt(m.replay.history.disputes)} disputes (${m.replay.history.kind}), median of ${m.replay.fold.runs} runs: fold ${fmt(m.replay.foldEventsPerSecond)}/s (${fmt(m.replay.fold.spreadEventsPerSecond.min)} to ${fmt(m.replay.fold.spreadEventsPerSecond.max)}), verify ${fmt(m.replay.verifyEventsPerSecond)}/s (${fmt(m.replay.verify.spreadEventsPerSecond.min)} to ${fmt(m.replay.verify.spreadEventsPerSecond.max)}) (plain loop ${fmt(m.replay.baselineLoopEventsPerSecond)}/s)`,
    '',
    table(['figure', 'value', 'target', 'verdict'], verdicts.map(([name, value, target, met]) => [name, value === undefined ? '-' : value, target, met === undefined ? (name === 'worker_rss_mb_10k_open' && !m.plan.memory ? (m.plan.mode === 'quick' ? 'not measured (full mode only)' : 'not measured (--no-memory)') : 'not measured (see above)') : met ? 'met' : 'MISSED'])),
  ].join('\n');

  const json = {
    ...keys,
    mode: m.plan.mode,
    engine,
    ...(notes.length ? { scaled_down: notes } : {}),
    recorded_at: new Date().toISOString(),
    duration_s: Math.round(seconds),
    machine: host,
    targets: TARGETS,
    verdicts: Object.fromEntries(verdicts.filter(([, , , met]) => met !== undefined).map(([name, , , met]) => [name, met ? 'met' : 'missed'])),
    detail: { latency_vs_concurrency: m.latency, temporal_work_per_command: m.anatomy, lifecycle: m.lifecycle, soak: m.soak ?? null, timers: m.timers, baseline_timers: m.baselineTimers, ...(bare ? { baseline_bare_timers: bare } : {}), memory_vs_open: m.memory, replay: m.replay, plan: m.plan },
  };

  const latencySeries = (name: string, colour: string, pick: (l: LatencyLevel) => number) => ({ name, colour, points: m.latency.map((l): [number, number] => [l.concurrency, pick(l)]) });
  const charts = {
    'latency-vs-concurrency.svg': lineChart({
      title: 'p50 latency against concurrency (ours over GraphQL vs raw Temporal)',
      xLabel: 'concurrent clients',
      yLabel: 'p50 ms',
      logX: true,
      series: [
        latencySeries('openDispute', '#c0392b', (l) => l.open.p50),
        latencySeries('baseline open', '#e6a09a', (l) => l.baselineOpen.p50),
        latencySeries('postMessage', '#2c6fbb', (l) => l.command.p50),
        latencySeries('baseline Update', '#9dbce0', (l) => l.baselineCommand.p50),
      ],
    }),
    'memory-vs-open-disputes.svg': lineChart({
      title: 'worker RSS against open disputes',
      xLabel: 'open disputes',
      yLabel: 'RSS MB',
      series: [{ name: 'worker RSS', colour: '#27ae60', points: m.memory }],
      guides: [{ y: TARGETS.rssMb, label: `target ${TARGETS.rssMb} MB` }],
    }),
  };
  return { text, json, charts };
}

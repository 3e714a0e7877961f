// CPU time spent by the stack's processes, read from /proc/<pid>/stat (utime + stime): the figure
// that does not depend on how busy the machine is, unlike latency. Divided by the commands served
// in a phase, it says what one command costs each process, and so how many commands a core buys.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU milliseconds the process has used so far (0 when it is gone or unreadable). */
function cpuMsOf(pid: number): number {
  try {
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The processes measured, by role; Temporal's are re-read at each sample (a cluster node may have restarted). */
export interface StackProcesses {
  api: number;
  worker: number;
  temporal: () => number[];
}

/** CPU ms by role; `temporal` is undefined when the server runs elsewhere (reused through TEMPORAL_ADDRESS) and its processes are not ours to read. */
export interface CpuSample {
  api: number;
  worker: number;
  temporal: number | undefined;
}

export function sampleCpu(processes: StackProcesses): CpuSample {
  return {
    api: cpuMsOf(processes.api),
    worker: cpuMsOf(processes.worker),
    temporal: processes.temporal().length > 0 ? processes.temporal().reduce((sum, pid) => sum + cpuMsOf(pid), 0) : undefined,
  };
}

/** CPU ms per command for each role between two samples. */
export function cpuPerCommand(before: CpuSample, after: CpuSample, commands: number): CpuSample {
  const per = (from: number | undefined, to: number | undefined) => (from === undefined || to === undefined ? undefined : commands > 0 ? (to - from) / commands : 0);
  return { api: per(before.api, after.api) ?? 0, worker: per(before.worker, after.worker) ?? 0, temporal: per(before.temporal, after.temporal) };
}

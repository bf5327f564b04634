/**
 * CPU accounting from /proc (Linux): CPU time used by given processes and by the whole machine.
 * On a shared machine wall-clock figures move with everything else that runs; CPU milliseconds
 * per request of the host and database processes do not, so the benchmark reports both.
 */
import fs from "node:fs";
import os from "node:os";

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a process, in ms; undefined when /proc is not there. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** Busy CPU time of the whole machine (all cores), in ms. */
export function machineBusyMs(): number | undefined {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0];
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = v[3] + (v[4] ?? 0);
    return (v.reduce((a, b) => a + b, 0) - idle) * TICK_MS;
  } catch {
    return undefined;
  }
}

export interface CpuSample {
  at: number;
  processes: (number | undefined)[];
  machine?: number;
  self: number;
}

export function sampleCpu(pids: (number | undefined)[]): CpuSample {
  const u = process.cpuUsage();
  return { at: performance.now(), processes: pids.map(processCpuMs), machine: machineBusyMs(), self: (u.user + u.system) / 1000 };
}

export interface CpuDelta {
  wallMs: number;
  /** CPU ms of each watched process. */
  processes: (number | undefined)[];
  /** CPU ms of this process (the load generator). */
  self: number;
  /** CPU ms of everything else on the machine (other users, Azurite, ...). */
  others?: number;
  cores: number;
}

export function cpuDelta(a: CpuSample, b: CpuSample): CpuDelta {
  const processes = b.processes.map((v, i) => (v !== undefined && a.processes[i] !== undefined ? v - a.processes[i] : undefined));
  const self = b.self - a.self;
  const ours = processes.reduce<number>((s, v) => s + (v ?? 0), 0) + self;
  const machine = b.machine !== undefined && a.machine !== undefined ? b.machine - a.machine : undefined;
  return {
    wallMs: b.at - a.at,
    processes,
    self,
    others: machine !== undefined ? Math.max(0, machine - ours) : undefined,
    cores: os.cpus().length,
  };
}

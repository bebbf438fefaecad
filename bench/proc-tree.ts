/**
 * Memory and CPU time of a process tree from /proc (Linux): the sum of RSS, and of PSS (shared
 * pages split between the processes that share them, a fairer total for Chromium's many
 * processes); the CPU time it has used (exited processes included once reaped).
 *
 * @example
 *   treeMemory(browserPid) // → { processes: 9, rssBytes: 812_000_000, pssBytes: 455_000_000 }
 *   treeCpuMs(browserPid)  // → 5230 (user + system, ms)
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat from field 3 (state) on, or null when the process is gone. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function parentOf(pid: number): number | null {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : null;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

function cpuTicks(pid: number): number {
  const fields = statFields(pid);
  // utime, stime, cutime, cstime: fields 14–17 of proc(5). The children's times keep the CPU of
  // renderers that exited (closed pages) in the total.
  return fields ? Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) : 0;
}

function statusKb(pid: number, file: string, key: string): number {
  try {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The pid and all its descendants. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const parent = parentOf(pid);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

export function treeMemory(root: number): { processes: number; rssBytes: number; pssBytes: number } {
  const pids = processTree(root);
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    rss += statusKb(pid, 'status', 'VmRSS');
    pss += statusKb(pid, 'smaps_rollup', 'Pss');
  }
  return { processes: pids.length, rssBytes: rss * 1024, pssBytes: pss * 1024 };
}

/** CPU time (user + system) used so far by a tree, exited and reaped processes included, in ms. */
export function treeCpuMs(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + cpuTicks(pid), 0) * (1000 / TICKS_PER_SECOND);
}

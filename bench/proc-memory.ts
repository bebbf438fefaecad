/**
 * Memory of a process tree from /proc (Linux): the sum of RSS, and of PSS (shared pages split
 * between the processes that share them, a fairer total for Chromium's many processes).
 *
 * @example
 *   treeMemory(browserPid) // → { processes: 9, rssBytes: 812_000_000, pssBytes: 455_000_000 }
 */
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return null;
  }
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

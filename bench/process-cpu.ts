import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time, in ms, of this process (every thread) and of its child processes: the ones it waited
 * for (the bare circom2 CLI) and the ones still running (the toolchains' compiler processes). A
 * figure the machine's other load hardly moves, unlike wall time. Linux (/proc).
 */
export function processTreeCpuMs(): number {
  const own = process.cpuUsage();
  // /proc/<pid>/stat after the command name: utime, stime, cutime, cstime are fields 11–14, ppid field 1.
  const fields = (pid: number | string) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  };
  const self = fields('self');
  let ticks = Number(self[13]) + Number(self[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const child = fields(entry);
      if (Number(child[1]) === process.pid) ticks += Number(child[11]) + Number(child[12]);
    } catch {
      // gone since the listing
    }
  }
  return (own.user + own.system) / 1000 + ticks * 10;
}

import { appendFileSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { afterAll, expect } from 'vitest';

/**
 * With ZKCODER_TEST_CPU_LOG=FILE, every test file appends one JSON line to FILE: the CPU seconds its
 * test process spent (worker threads included) and those of the processes it ran and waited for
 * (the CLI, npm), with its wall seconds. On a shared machine wall time says little; summing `cpu`
 * and `childCpu` over a run says what the suite costs, and which files to make cheaper.
 * Linux only (it reads /proc/self/stat); without the variable it does nothing.
 */
const logFile = process.env.ZKCODER_TEST_CPU_LOG;

/** utime, stime, cutime, cstime of this process, in seconds. */
function cpuTimes(): number[] {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime field 14.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.slice(11, 15).map((ticks) => Number(ticks) / 100);
}

if (logFile && process.platform === 'linux') {
  // Setup files run before the test file is imported: its imports and top-level work count too.
  const start = cpuTimes();
  const started = performance.now();
  afterAll(() => {
    const file = relative(process.cwd(), expect.getState().testPath ?? '?');
    const [utime, stime, cutime, cstime] = cpuTimes().map((value, k) => value - start[k]);
    const line = { file, cpu: +(utime + stime).toFixed(2), childCpu: +(cutime + cstime).toFixed(2), wall: +((performance.now() - started) / 1000).toFixed(2) };
    appendFileSync(logFile, `${JSON.stringify(line)}\n`);
  });
}

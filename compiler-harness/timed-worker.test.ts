import { describe, expect, it } from 'vitest';
import { LIFTOFF_ONLY, MANY_COMPILES, TIER_UP_HOT, TimedWorker, toolchainFlags } from './timed-worker.js';

const probe = new URL('../test/fixtures/workers/probe-worker.ts', import.meta.url);

interface Described {
  pid: number;
  execArgv: string[];
  env: Record<string, string>;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('TimedWorker in a child process', () => {
  it('runs with its V8 flags, without the user keys in its environment, and passes bytes through', async () => {
    process.env.ZKCODER_TEST_SECRET_KEY = 'sk-do-not-pass';
    const worker = new TimedWorker(probe, { process: { v8Flags: LIFTOFF_ONLY } });
    try {
      const described = await worker.run<Described>('describe', {}, 30_000);
      if (described.timedOut) throw new Error('timed out');
      expect(described.value.pid).not.toBe(process.pid);
      expect(described.value.execArgv).toContain('--liftoff-only');
      expect(described.value.env.ZKCODER_TEST_SECRET_KEY).toBeUndefined();
      expect(Object.keys(described.value.env).every((name) => ['PATH', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'LC_ALL', 'SYSTEMROOT'].includes(name))).toBe(true);
      const echoed = await worker.run<{ bytes: Uint8Array; big: bigint }>('echo', { bytes: new Uint8Array([1, 2, 3]), big: 7n }, 30_000);
      expect(echoed).toEqual({ timedOut: false, value: { bytes: new Uint8Array([1, 2, 3]), big: 7n } });
      await expect(worker.run('fail', {}, 30_000)).rejects.toThrow('the job failed');
    } finally {
      delete process.env.ZKCODER_TEST_SECRET_KEY;
      await worker.terminate();
    }
  });

  it('kills a job past its time limit and starts a fresh process for the next; terminate leaves none behind', async () => {
    const worker = new TimedWorker(probe, { process: { v8Flags: [] } });
    const first = await worker.run<Described>('describe', {}, 30_000);
    if (first.timedOut) throw new Error('timed out');
    expect(await worker.run('hang', {}, 500)).toEqual({ timedOut: true });
    await expect.poll(() => alive(first.value.pid)).toBe(false);
    const second = await worker.run<Described>('describe', {}, 30_000);
    if (second.timedOut) throw new Error('timed out');
    expect(second.value.pid).not.toBe(first.value.pid);
    // Killed from outside between jobs: the next job starts a fresh process instead of failing.
    process.kill(second.value.pid, 'SIGKILL');
    await expect.poll(() => alive(second.value.pid)).toBe(false);
    const third = await worker.run<Described>('describe', {}, 30_000);
    if (third.timedOut) throw new Error('timed out');
    expect(third.value.pid).not.toBe(second.value.pid);
    await worker.terminate();
    expect(alive(third.value.pid)).toBe(false);
  });
});

describe('a released child process', () => {
  const pidOf = async (worker: TimedWorker) => {
    const described = await worker.run<Described>('describe', {}, 30_000);
    if (described.timedOut) throw new Error('timed out');
    return described.value.pid;
  };

  it('serves the next worker of the same module and flags, not one with other flags, and only while alive', async () => {
    const flags = ['--stack-size=1000'];
    const first = new TimedWorker(probe, { process: { v8Flags: flags } });
    const kept = await pidOf(first);
    await first.release();
    expect(alive(kept)).toBe(true);
    const other = new TimedWorker(probe, { process: { v8Flags: ['--stack-size=1001'] } });
    const next = new TimedWorker(probe, { process: { v8Flags: flags } });
    try {
      expect(await pidOf(other)).not.toBe(kept);
      expect(await pidOf(next)).toBe(kept);
      // Job ids stay unique across owners, so a reply can never reach the wrong caller.
      expect(await next.run('echo', 'mine', 30_000)).toEqual({ timedOut: false, value: 'mine' });
      await next.release();
      process.kill(kept, 'SIGKILL');
      await expect.poll(() => alive(kept)).toBe(false);
      const after = new TimedWorker(probe, { process: { v8Flags: flags } });
      const fresh = await pidOf(after);
      expect(fresh).not.toBe(kept);
      await after.terminate();
      expect(alive(fresh)).toBe(false);
    } finally {
      await other.terminate();
    }
  });

  it('is not kept while a job of its owner still runs', async () => {
    const flags = ['--stack-size=1002'];
    const busy = new TimedWorker(probe, { process: { v8Flags: flags } });
    const pid = await pidOf(busy);
    const hanging = busy.run('hang', {}, 2_000).catch((error: Error) => error);
    await busy.release();
    await expect.poll(() => alive(pid)).toBe(false);
    await hanging; // ends at its time limit (or with the exit), never with an answer
    const next = new TimedWorker(probe, { process: { v8Flags: flags } });
    expect(await pidOf(next)).not.toBe(pid);
    await next.terminate();
  });
});

describe('toolchainFlags', () => {
  it('runs a compiler baseline-only for a check, and optimises its hot code for a long session', () => {
    expect(toolchainFlags()).toEqual(LIFTOFF_ONLY);
    expect(toolchainFlags(MANY_COMPILES - 1)).toEqual(LIFTOFF_ONLY);
    expect(toolchainFlags(MANY_COMPILES)).toEqual(TIER_UP_HOT);
    expect(TIER_UP_HOT.join(' ')).not.toContain('liftoff');
  });
});

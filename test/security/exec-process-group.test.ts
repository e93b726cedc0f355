import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createExecModel } from '../../agent/model/providers/exec.js';

/**
 * An exec "model" is a program the user named; its children must not outlive a time limit or a
 * Ctrl-C. The command leaves `sleep 30` behind holding stdout, which kept the old provider waiting
 * for the whole 30 s and never killed the sleeper.
 */
function sleeperCommand(pidFile: string): string {
  return `sleep 30 & echo $! > '${pidFile}'; wait`;
}

async function pidWritten(file: string): Promise<number> {
  for (let tries = 0; tries < 200 && !(existsSync(file) && readFileSync(file, 'utf8').trim()); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Number(readFileSync(file, 'utf8').trim());
}

/** Running, that is: a killed child whose parent is gone may stay a zombie when init does not reap it. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

async function gone(pid: number): Promise<boolean> {
  for (let tries = 0; tries < 100 && alive(pid); tries += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  return !alive(pid);
}

describe('exec provider: the command runs in its own process group', () => {
  it('kills the whole group on timeout, child holding stdout included, and returns promptly', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'zkcoder-exec-')), 'child.pid');
    const model = createExecModel({ command: sleeperCommand(pidFile), name: 'sleeper', timeoutMs: 2_000 });
    const started = Date.now();
    const failure = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error);
    const elapsed = Date.now() - started;
    expect((failure as { kind: string }).kind).toBe('timeout');
    expect(elapsed).toBeLessThan(5_000);
    const child = await pidWritten(pidFile);
    expect(child).toBeGreaterThan(0);
    expect(await gone(child)).toBe(true);
  }, 15_000);

  it('kills the whole group when the request is aborted (Ctrl-C)', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'zkcoder-exec-')), 'child.pid');
    const model = createExecModel({ command: sleeperCommand(pidFile), name: 'sleeper', timeoutMs: 60_000 });
    const controller = new AbortController();
    const started = Date.now();
    const pending = model.generate({ messages: [{ role: 'user', content: 'x' }], signal: controller.signal }).catch((error: unknown) => error);
    const child = await pidWritten(pidFile);
    controller.abort();
    const failure = await pending;
    expect((failure as { kind: string }).kind).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await gone(child)).toBe(true);
  }, 15_000);

  it('kills a child that ignores SIGTERM', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'zkcoder-exec-')), 'child.pid');
    const command = `sh -c 'trap "" TERM; echo $$ > "${pidFile}"; sleep 30; sleep 30' & wait`;
    const model = createExecModel({ command, name: 'stubborn', timeoutMs: 1_000 });
    const started = Date.now();
    const failure = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error);
    expect((failure as { kind: string }).kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(await gone(await pidWritten(pidFile))).toBe(true);
  }, 15_000);

  it('kills the group when zkcoder itself exits mid-request (a second Ctrl-C calls process.exit)', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'zkcoder-exec-')), 'child.pid');
    const provider = new URL('../../agent/model/providers/exec.ts', import.meta.url).href;
    const script = [
      `const { createExecModel } = await import(${JSON.stringify(provider)});`,
      `const { existsSync, readFileSync } = await import('node:fs');`,
      `const model = createExecModel({ command: ${JSON.stringify(sleeperCommand(pidFile))}, timeoutMs: 60000 });`,
      `model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch(() => {});`,
      `const written = () => existsSync(${JSON.stringify(pidFile)}) && readFileSync(${JSON.stringify(pidFile)}, 'utf8').trim() !== '';`,
      `const wait = () => (written() ? process.exit(130) : setTimeout(wait, 10));`,
      `wait();`,
    ].join('\n');
    await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 60_000 }).catch((error: { code?: number }) => {
      if (error.code !== 130) throw error;
    });
    expect(await gone(await pidWritten(pidFile))).toBe(true);
  }, 70_000);
});

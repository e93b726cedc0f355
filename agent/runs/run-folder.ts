import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomicInsideSync } from '../../compiler-harness/files/write-gate.js';
import { redactedJson } from '../model/redaction.js';

/**
 * What agent runs (`.zkcoder/runs`) and eval runs (`.zkcoder/evals`) share: a folder named by a run
 * id, holding a `state.json` that names the same id, saved atomically and redacted.
 */

/** A run id as `newRunId` makes them: `20260102-130405-a1b2c3` (UTC time and 3 random bytes). */
export const RUN_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{6}$/;

/** A run named by anything other than a run id (a path, `..`): the CLI turns it into exit 2. */
export class RunIdError extends Error {
  override name = 'RunIdError';
}

/**
 * Throws unless `id` is a run id: `--resume` and `runs show` never take a path. `whereToFind` tells
 * the user where the ids are listed (generate's runs: `zkcoder runs list`).
 */
export function assertRunId(id: string, whereToFind = 'see zkcoder runs list'): void {
  if (!RUN_ID_PATTERN.test(id)) throw new RunIdError(`"${id}" is not a run id (like 20260102-130405-a1b2c3; ${whereToFind})`);
}

export function newRunId(now: Date): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')}-${randomBytes(3).toString('hex')}`;
}

/**
 * The folder and state of run `id` under `root`. An id, never a path: a folder elsewhere with a
 * state.json must not become this run, nor may a state.json copied in from another run speak for it.
 */
export function openRunFolder<S extends { id: string }>(
  root: string,
  id: string,
  read: (file: string) => S,
  names: { run: string; whereToFind: string },
): { dir: string; state: S } {
  assertRunId(id, names.whereToFind);
  const dir = join(root, id);
  const file = join(dir, 'state.json');
  if (!existsSync(file)) throw new Error(`no ${names.run} "${id}" in ${root} (${names.whereToFind})`);
  const state = read(file);
  if (state?.id !== id) throw new Error(`${file}: its state names another ${names.run} (${String(state?.id)})`);
  return { dir, state };
}

/** Save a run's state (with `updatedAt` set now), atomically and redacted. */
export function saveRunState(dir: string, state: { updatedAt: string }): void {
  state.updatedAt = new Date().toISOString();
  writeAtomicInsideSync(dir, 'state.json', redactedJson(state, 2));
}

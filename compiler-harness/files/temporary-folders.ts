/**
 * Private build folders (`/tmp/zkcoder-*`): made here, removed by their owner when done, and all
 * removed at once when the process ends early (the CLI calls `removeTemporaryFolders` on SIGINT /
 * SIGTERM and before exit), so none are left behind to accumulate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<string>();

/** A fresh folder `<tmp>/zkcoder-<name>-XXXXXX`, registered for removal. */
export function createTemporaryFolder(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `zkcoder-${name}-`));
  live.add(dir);
  return dir;
}

/** Remove one folder made by `createTemporaryFolder` (a missing one is fine). */
export async function removeTemporaryFolder(dir: string): Promise<void> {
  live.delete(dir);
  await rm(dir, { recursive: true, force: true });
}

/** Remove every folder still registered; synchronous so it can run in a signal or exit handler. */
export function removeTemporaryFolders(): void {
  for (const dir of live) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort at exit: a folder that cannot be removed must not hide the real outcome.
    }
    live.delete(dir);
  }
}

/** Folders not yet removed (tests check that a run leaves none). */
export function liveTemporaryFolders(): string[] {
  return [...live];
}

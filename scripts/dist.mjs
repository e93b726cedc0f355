// Which code zkcoder runs: the built JavaScript in dist/ when it is there and up to date, otherwise
// the TypeScript sources through tsx (development without a build). An installed package has no
// sources, so it always runs dist/; a checkout runs dist/ only while no source is newer than the
// build, so a stale build is never used by mistake. Checking takes a few milliseconds (one stat per file).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const SOURCE_FOLDERS = ['zksl', 'compiler-harness', 'knowledge-base', 'agent', 'eval', 'prover', 'op', 'cli'];
export const STAMP = 'dist/.build-stamp.json';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newerThan(folder, time) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() ? newerThan(path, time) : statSync(path).mtimeMs > time) return true;
  }
  return false;
}

/** Whether dist/ exists and no source file changed after it was built. */
export function distIsCurrent() {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp)) return false;
  const builtAt = statSync(stamp).mtimeMs;
  return !SOURCE_FOLDERS.some((folder) => existsSync(join(root, folder)) && newerThan(join(root, folder), builtAt));
}

let tsxRegistered;

/** Imports `source` (a path like 'cli/main.ts' from the package root) from dist/ or through tsx. */
export async function importModule(source) {
  if (process.env.ZKCODER_FROM_SOURCE !== '1' && distIsCurrent()) {
    return import(pathToFileURL(join(root, 'dist', source.replace(/\.tsx?$/, '.js'))).href);
  }
  tsxRegistered ??= import('tsx/esm/api').then(({ register }) => {
    register();
  });
  await tsxRegistered;
  return import(pathToFileURL(join(root, source)).href);
}

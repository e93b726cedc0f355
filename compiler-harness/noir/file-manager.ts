/**
 * The file manager noir_wasm reads a project through: the compiler sees the circuit's own files
 * and nothing else of the host. Used inside the toolchain process only (it loads noir_wasm).
 */
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { createFileManager } from '@noir-lang/noir_wasm';

/**
 * noir_wasm's file manager "writes to a specific directory but reads globally": a `path =`
 * dependency could name any folder of the host. Reads outside `root` (after symlinks) fail.
 */
export function confinedFileManager(projectDir: string, root: string): ReturnType<typeof createFileManager> {
  const fm = createFileManager(projectDir);
  const realRoot = realpathSync(root);
  const inside = (name: string) => {
    const full = resolve(projectDir, name);
    const real = existsSync(full) ? realpathSync(full) : full;
    const rel = relative(realRoot, real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  const refuse = (name: string) => new Error(`${name} is outside the circuit's files: the compiler reads nothing else`);
  const { readFile, readdir, hasFileSync } = fm;
  Object.assign(fm, {
    readFile: (name: string, encoding?: 'utf-8') => (inside(name) ? readFile.call(fm, name, encoding as 'utf-8') : Promise.reject(refuse(name))),
    readdir: (dir: string, options?: { recursive: boolean }) => (inside(dir) ? readdir.call(fm, dir, options) : Promise.reject(refuse(dir))),
    hasFileSync: (name: string) => inside(name) && hasFileSync.call(fm, name),
  });
  return fm;
}

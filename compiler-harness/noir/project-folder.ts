/**
 * The private folder a Nargo project is compiled in (noir_wasm reads it through the confined file
 * manager of file-manager.ts, inside the toolchain process).
 */
import { existsSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { createTemporaryFolder, removeTemporaryFolder } from '../files/temporary-folders.js';
import { WriteRefused, writeInsideSync } from '../files/write-gate.js';
import type { Diagnostic, TargetCircuit } from '../types.js';
import { dependencyProblem } from './dependencies.js';
import { nargoManifest, packageName } from './manifest.js';

export type NargoProject = { ok: true; buildDir: string; root: string } | { ok: false; diagnostic: Diagnostic };

/**
 * Write the circuit as a Nargo project in a fresh private folder, adding a `Nargo.toml` when the
 * circuit has none. noir_wasm compiles `src/main.nr` of a `bin` package, so that is the entry.
 * Files of a path dependency beside the project (`../shared/src/lib.nr`, loaded with
 * `--allow-path-deps`) are written beside it too: the project sits as many folders deep in the
 * build folder as its deepest `..`, so every file stays inside the build folder.
 */
export function writeNargoProject(circuit: TargetCircuit): NargoProject {
  const files = { ...circuit.files };
  let depth = 0;
  for (const path of Object.keys(files)) {
    const normal = posix.normalize(path);
    const ups = normal.split('/').filter((s) => s === '..').length;
    if (path.startsWith('/') || normal.split('/').some((s) => NESTING.test(s)) || !normal.startsWith('../'.repeat(ups))) {
      return { ok: false, diagnostic: { severity: 'error', message: `file path ${path} must be relative, beside or inside the project` } };
    }
    depth = Math.max(depth, ups);
  }
  const dependency = dependencyProblem(files);
  if (dependency) return { ok: false, diagnostic: dependency };
  if (files['src/main.nr'] === undefined) {
    const message =
      circuit.entry !== 'src/main.nr'
        ? `a Noir circuit's entry must be src/main.nr (got ${circuit.entry})`
        : 'src/main.nr is not among the circuit files';
    return { ok: false, diagnostic: { severity: 'error', file: 'src/main.nr', message } };
  }
  const name = packageName(circuit.name ?? 'main');
  files['Nargo.toml'] ??= nargoManifest(name);
  // Registered for removal, so an interrupted run leaves no folder behind; the owner removes `root`.
  const outer = createTemporaryFolder(`noir-${name}`);
  const buildDir = join(outer, ...Array.from({ length: depth }, (_, i) => `.zk${i + 1}`));
  try {
    for (const [path, source] of Object.entries(files)) writeInsideSync(outer, posix.join(relative(outer, buildDir), path), source);
  } catch (error) {
    void removeTemporaryFolder(outer);
    if (error instanceof WriteRefused) {
      return { ok: false, diagnostic: { severity: 'error', message: `file path ${error.path} must be relative, beside or inside the project` } };
    }
    throw error;
  }
  return { ok: true, buildDir, root: outer };
}

/** Names of the folders a project is nested in; no file of the circuit may use one. */
const NESTING = /^\.zk\d+$/;

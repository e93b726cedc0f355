import { existsSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { findIncludes, isWithin, libraryPath } from '../compiler-harness/circom/includes.js';
import type { TargetCircuit } from '../compiler-harness/types.js';
import { FatalError } from './fatal.js';
import { loadNoirProject, posixPath, shown } from './load-noir.js';

export interface CircuitSelection {
  template?: string;
  params?: string[];
  publicInputs?: string[];
  /** Noir: load `path =` dependencies outside the project folder (`--allow-path-deps`). */
  allowPathDeps?: boolean;
}

/**
 * Load what the user pointed at: a `.circom` file (with the project files it includes) or a Noir
 * project folder (Nargo.toml + src/, with its path dependencies). Anything else is refused with a
 * one-line reason.
 */
export async function loadCircuit(path: string, selection: CircuitSelection = {}): Promise<TargetCircuit> {
  const full = resolve(path);
  if (!existsSync(full)) throw new FatalError(`${path}: no such file or folder`);
  if (statSync(full).isDirectory()) return loadNoirProject(full, path, { allowPathDeps: selection.allowPathDeps });
  if (full.endsWith('.circom')) return loadCircomFile(full, selection);
  if (full.endsWith('.nr')) throw new FatalError(`${path}: give the Noir project folder (the one with Nargo.toml), not a .nr file`);
  throw new FatalError(`${path}: not a Circom file (.circom) or a Noir project folder`);
}

async function loadCircomFile(full: string, selection: CircuitSelection): Promise<TargetCircuit> {
  const project = projectFolder(dirname(full));
  const sources = await readCircomSources(full, project);
  const root = commonFolder([...sources.keys()]);
  const files = Object.fromEntries([...sources].map(([file, text]) => [relative(root, file).split(sep).join('/'), text]));
  const params = selection.params?.map((p) => {
    if (!/^-?\d+$/.test(p)) throw new FatalError(`--params: "${p}" is not an integer`);
    return BigInt(p);
  });
  return {
    lang: 'circom',
    files,
    entry: relative(root, full).split(sep).join('/'),
    template: selection.template,
    params,
    publicInputs: selection.publicInputs,
    name: full.split(sep).pop()!.replace(/\.circom$/, ''),
  };
}

/**
 * The file and every project file it includes, transitively. An include that leads outside the
 * project (absolute, `..` above it, or a symlink out of it) is an input error naming its line;
 * circomlib includes and includes of files that don't exist are left to the harness, which maps
 * the first to the packaged circomlib and lets circom report the second.
 */
async function readCircomSources(entry: string, project: string): Promise<Map<string, string>> {
  const realProject = realpathSync(project);
  const sources = new Map<string, string>();
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop()!;
    if (sources.has(file)) continue;
    const source = await readCircomFile(file);
    sources.set(file, source);
    for (const include of findIncludes(source)) {
      const at = `${shown(file)}:${include.line}: include "${include.path}"`;
      const local = resolve(dirname(file), include.path);
      const inside = isWithin(project, local);
      if (libraryPath(include.path, posixPath(relative(project, local)))) {
        // A circomlib spelling (node_modules/circomlib/…, circomlib/…, a bare circomlib name): the
        // packaged circomlib, unless the project has its own file there.
        if (!inside || !existsSync(local) || /(^|\/)node_modules\/circomlib\//.test(include.path)) continue;
      }
      if (isAbsolute(include.path) && inside) throw new FatalError(`${at}: write the path relative to the including file (the compiler does not see absolute paths)`);
      if (!inside) throw new FatalError(`${at} leads outside the project folder ${shown(project)}: circom may read only the project's files and circomlib`);
      if (!existsSync(local)) continue;
      if (!isWithin(realProject, realpathSync(local))) {
        throw new FatalError(`${at} is a link to ${realpathSync(local)}, outside the project folder ${shown(project)}`);
      }
      pending.push(local);
    }
  }
  return sources;
}

const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

async function readCircomFile(file: string): Promise<string> {
  const stats = statSync(file);
  if (!stats.isFile()) throw new FatalError(`${shown(file)}: not a regular file`);
  if (stats.size > MAX_SOURCE_BYTES) throw new FatalError(`${shown(file)}: ${stats.size} bytes is too large for a circuit source (limit ${MAX_SOURCE_BYTES})`);
  return readFile(file, 'utf8');
}

/**
 * The project a circuit file belongs to: the nearest folder above it that holds a package.json,
 * a .git or a zkcoder.config.json (never the home folder or `/`), else the file's own folder.
 */
export function projectFolder(start: string): string {
  const stops = new Set([homedir(), parse(start).root]);
  for (let dir = start; !stops.has(dir); dir = dirname(dir)) {
    if (PROJECT_MARKERS.some((marker) => existsSync(join(dir, marker)))) return dir;
    if (dirname(dir) === dir) break;
  }
  return start;
}

const PROJECT_MARKERS = ['package.json', '.git', 'zkcoder.config.json'];

/** The deepest folder holding every file (all absolute); `/` at worst, never a loop. */
function commonFolder(files: string[]): string {
  let root = dirname(files[0]);
  while (!files.every((f) => isWithin(root, f)) && dirname(root) !== root) root = dirname(root);
  return root;
}

import { existsSync, realpathSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { isWithin } from '../compiler-harness/circom/includes.js';
import { offlineProblem, readDependencies } from '../compiler-harness/noir/dependencies.js';
import type { TargetCircuit } from '../compiler-harness/types.js';
import { FatalError } from './fatal.js';

export interface NoirLoadOptions {
  /** Also load `path =` dependencies outside the project folder (`--allow-path-deps`). */
  allowPathDeps?: boolean;
}

/**
 * Load a Noir project folder (Nargo.toml + src/) with its path dependencies, keyed by their path
 * relative to the project (`../shared/src/lib.nr` for one beside it). A `git =` dependency is
 * refused (zkcoder compiles offline), and so is a `path =` one outside the project unless the user
 * allowed it: a cloned project must not make zkcoder read the rest of the disk.
 */
export async function loadNoirProject(full: string, shownPath: string, options: NoirLoadOptions = {}): Promise<TargetCircuit> {
  const main = join(full, 'src', 'main.nr');
  if (!existsSync(main)) {
    throw new FatalError(`${shownPath}: not a Noir project (no src/main.nr${existsSync(join(full, 'Nargo.toml')) ? '' : ' and no Nargo.toml'})`);
  }
  const files: Record<string, string> = {};
  const loader = { project: full, realProject: realpathSync(full), files, seen: new Set<string>(), allowPathDeps: options.allowPathDeps ?? false };
  await readPackage(loader, full);
  return { lang: 'noir', files, entry: 'src/main.nr', name: full.split(sep).pop() };
}

interface Loader {
  project: string;
  realProject: string;
  files: Record<string, string>;
  /** Real paths of the packages read, so a dependency cycle or a shared dependency is read once. */
  seen: Set<string>;
  allowPathDeps: boolean;
}

async function readPackage(loader: Loader, dir: string): Promise<void> {
  const real = realpathSync(dir);
  if (loader.seen.has(real)) return;
  loader.seen.add(real);
  const key = (file: string) => posixPath(relative(loader.project, file));
  const manifestFile = join(dir, 'Nargo.toml');
  if (existsSync(manifestFile)) {
    const manifest = await readFile(manifestFile, 'utf8');
    loader.files[key(manifestFile)] = manifest;
    for (const dependency of await dependenciesOf(manifestFile, manifest, loader)) await readPackage(loader, dependency);
  }
  if (!existsSync(join(dir, 'src'))) throw new FatalError(`${shown(dir)}: a Noir package without a src folder`);
  for (const file of await listFiles(join(dir, 'src'), real)) {
    if (file.endsWith('.nr')) loader.files[key(file)] = await readFile(file, 'utf8');
  }
}

/** The folders of a manifest's dependencies, after checking each is allowed; errors name the line. */
async function dependenciesOf(manifestFile: string, manifest: string, loader: Loader): Promise<string[]> {
  const { dependencies, problems } = readDependencies(manifest);
  const at = (line: number) => `${shown(manifestFile)}:${line}`;
  if (problems.length) throw new FatalError(`${at(problems[0].line)}: ${problems[0].message}`);
  const folders: string[] = [];
  for (const dependency of dependencies) {
    const problem = offlineProblem(dependency);
    if (problem) throw new FatalError(`${at(dependency.line)}: ${problem}`);
    const folder = join(manifestFile, '..', dependency.path!);
    const what = `dependency "${dependency.name}" (path = "${dependency.path}")`;
    if (!existsSync(join(folder, 'Nargo.toml'))) throw new FatalError(`${at(dependency.line)}: ${what}: no Nargo.toml in ${shown(folder)}`);
    const inside = isWithin(loader.project, folder) && isWithin(loader.realProject, realpathSync(folder));
    if (!inside && !loader.allowPathDeps) {
      throw new FatalError(`${at(dependency.line)}: ${what} is outside the project folder ${shown(loader.project)}; pass --allow-path-deps to compile it`);
    }
    folders.push(folder);
  }
  return folders;
}

/** Every file under `dir`, following links only while they stay inside `bound` (a real path). */
async function listFiles(dir: string, bound: string, visited = new Set<string>()): Promise<string[]> {
  const found: string[] = [];
  visited.add(realpathSync(dir));
  for (const entry of await readdir(dir)) {
    const path = join(dir, entry);
    const real = realpathSync(path);
    if (!isWithin(bound, real)) throw new FatalError(`${shown(path)} is a link to ${real}, outside its package ${shown(bound)}`);
    if (!statSync(real).isDirectory()) found.push(path);
    else if (!visited.has(real)) found.push(...(await listFiles(path, bound, visited)));
  }
  return found;
}

/** A path as the user would type it: relative to the working folder when inside it. */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

export function posixPath(path: string): string {
  return path.split(sep).join('/');
}

import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { TargetCircuit } from '../compiler-harness/types.js';
import { FatalError } from './fatal.js';

export interface CircuitSelection {
  template?: string;
  params?: string[];
  publicInputs?: string[];
}

/**
 * Load what the user pointed at: a `.circom` file (with the local files it includes) or a Noir
 * project folder (Nargo.toml + src/). Anything else is refused with a one-line reason.
 */
export async function loadCircuit(path: string, selection: CircuitSelection = {}): Promise<TargetCircuit> {
  const full = resolve(path);
  if (!existsSync(full)) throw new FatalError(`${path}: no such file or folder`);
  if (statSync(full).isDirectory()) return loadNoirProject(full, path);
  if (full.endsWith('.circom')) return loadCircomFile(full, selection);
  if (full.endsWith('.nr')) throw new FatalError(`${path}: give the Noir project folder (the one with Nargo.toml), not a .nr file`);
  throw new FatalError(`${path}: not a Circom file (.circom) or a Noir project folder`);
}

async function loadCircomFile(full: string, selection: CircuitSelection): Promise<TargetCircuit> {
  const sources = new Map<string, string>();
  const pending = [full];
  while (pending.length) {
    const file = pending.pop()!;
    if (sources.has(file)) continue;
    const source = await readFile(file, 'utf8');
    sources.set(file, source);
    for (const m of source.matchAll(/^\s*include\s+"([^"]+)"\s*;/gm)) {
      const local = resolve(dirname(file), m[1]);
      // Includes that don't exist beside the file are left to circom's library path (circomlib).
      if (existsSync(local)) pending.push(local);
    }
  }
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

async function loadNoirProject(full: string, shown: string): Promise<TargetCircuit> {
  const main = join(full, 'src', 'main.nr');
  if (!existsSync(main)) {
    throw new FatalError(`${shown}: not a Noir project (no src/main.nr${existsSync(join(full, 'Nargo.toml')) ? '' : ' and no Nargo.toml'})`);
  }
  const files: Record<string, string> = {};
  if (existsSync(join(full, 'Nargo.toml'))) files['Nargo.toml'] = await readFile(join(full, 'Nargo.toml'), 'utf8');
  for (const file of await listFiles(join(full, 'src'))) {
    if (file.endsWith('.nr')) files[relative(full, file).split(sep).join('/')] = await readFile(file, 'utf8');
  }
  return { lang: 'noir', files, entry: 'src/main.nr', name: full.split(sep).pop() };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat();
}

function commonFolder(files: string[]): string {
  let root = dirname(files[0]);
  while (!files.every((f) => f.startsWith(root + sep))) root = dirname(root);
  return root;
}

/**
 * bb.js's WebAssembly, inflated once into `$ZKCODER_HOME/bb-wasm/`. bb.js ships it gzipped and
 * inflates it with pako on every `Barretenberg.new`: 0.26 s of CPU each time, in every Noir
 * check, proof and verification. Given the path of an inflated copy, it reads the file as is.
 *
 * The copy is named by the SHA-256 of bb.js's own gzipped file, so another bb.js version gets a
 * copy of its own, and it has a digest sidecar like the other cached setup material: a damaged
 * copy is deleted and inflated again. Whatever goes wrong here (no writable home, a bb.js laid
 * out differently), bb.js's own loading is used instead.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { recordDigest, verifyCached } from '../files/digest.js';
import { mkdirInside, writeAtomicInside } from '../files/write-gate.js';
import { zkcoderHome } from '../home.js';

const inflate = promisify(gunzip);

/** Where bb.js 0.86's node build keeps its wasm (its fetch_code reads `../../barretenberg-threads.wasm.gz`). */
function bundledWasm(): string {
  return join(dirname(fileURLToPath(import.meta.resolve('@aztec/bb.js'))), 'barretenberg_wasm', 'barretenberg-threads.wasm.gz');
}

const paths = new Map<string, Promise<string | undefined>>();

/** The inflated copy's path (made on first use), or undefined to let bb.js load its own. */
export async function bbWasmPath(home?: string): Promise<string | undefined> {
  const root = join(zkcoderHome(home), 'bb-wasm');
  const earlier = paths.get(root);
  if (earlier) {
    const known = await earlier;
    // Checked on each use: a home emptied while the process runs gets its copy made again.
    if (known === undefined || existsSync(known)) return known;
    const again = paths.get(root);
    if (again && again !== earlier) return again;
  }
  const made = inflatedCopy(root).catch(() => undefined);
  paths.set(root, made);
  return made;
}

async function inflatedCopy(root: string): Promise<string | undefined> {
  const source = bundledWasm();
  if (!existsSync(source)) return undefined;
  const gzipped = await readFile(source);
  const name = `${createHash('sha256').update(gzipped).digest('hex').slice(0, 24)}.wasm`;
  const path = join(root, name);
  if (existsSync(path) && (await verifyCached(root, [path], 'bb.js wasm')).ok) return path;
  await mkdirInside(root, '.');
  await writeAtomicInside(root, name, await inflate(gzipped));
  await recordDigest(root, path);
  return path;
}

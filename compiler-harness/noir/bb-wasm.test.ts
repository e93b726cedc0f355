import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { bbWasmPath } from './bb-wasm.js';

const homes: string[] = [];
const home = () => {
  const dir = mkdtempSync(join(tmpdir(), 'zkcoder-bb-wasm-'));
  homes.push(dir);
  return dir;
};
afterAll(() => homes.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const gzipped = readFileSync(join(dirname(fileURLToPath(import.meta.resolve('@aztec/bb.js'))), 'barretenberg_wasm', 'barretenberg-threads.wasm.gz'));
const inflated = gunzipSync(gzipped);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const cachedName = `${sha256(gzipped).slice(0, 24)}.wasm`;

describe("bb.js's wasm, inflated once into the zkcoder home", () => {
  it('is written under bb-wasm/, named by the digest of the bundled file, with its digest beside it, and reused', async () => {
    const dir = home();
    const path = await bbWasmPath(dir);
    expect(path).toBe(join(dir, 'bb-wasm', cachedName));
    const bytes = readFileSync(path!);
    expect(bytes.equals(inflated)).toBe(true);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('\0asm');
    expect(readFileSync(`${path}.sha256`, 'utf8').trim()).toBe(sha256(inflated));
    const written = statSync(path!).mtimeMs;
    expect(await bbWasmPath(dir)).toBe(path);
    expect(statSync(path!).mtimeMs).toBe(written);
  });

  it('is made again when the copy disappears while the process runs', async () => {
    const dir = home();
    const path = (await bbWasmPath(dir))!;
    rmSync(path);
    expect(await bbWasmPath(dir)).toBe(path);
    expect(readFileSync(path).equals(inflated)).toBe(true);
  });

  it('replaces a damaged copy left by an earlier run instead of handing it to bb.js', async () => {
    const dir = home();
    const path = join(dir, 'bb-wasm', cachedName);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, inflated.subarray(0, 1000)); // a copy cut short
    writeFileSync(`${path}.sha256`, `${sha256(inflated)}\n`);
    expect(await bbWasmPath(dir)).toBe(path);
    expect(readFileSync(path).equals(inflated)).toBe(true);
  });

  it('leaves bb.js to load its own wasm when the home cannot hold a copy', async () => {
    const dir = home();
    writeFileSync(join(dir, 'bb-wasm'), 'a file where the folder should be');
    expect(await bbWasmPath(dir)).toBeUndefined();
    expect(existsSync(join(dir, 'bb-wasm', cachedName))).toBe(false);
  });
});

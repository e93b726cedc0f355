import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { readR1cs, type R1csField } from 'r1csfile';

/**
 * Test support: compile a Circom fixture with circom2 in-process and return the artefact paths the
 * analysis takes. The harness's CircomBackend does this for real; the soundness tests use their own
 * few lines so they depend on nothing but the toolchain. Builds are cached by source hash, which
 * keeps repeated test runs (and the mutant sweep) fast.
 */

const require = createRequire(import.meta.url);
const { CircomRunner, bindings } = require('circom2') as typeof import('circom2');
const nodeModules = dirname(dirname(require.resolve('circomlib/package.json')));
const fixturesDir = new URL('./fixtures/', import.meta.url).pathname;

export interface CircomArtefacts {
  r1csPath: string;
  symPath: string;
  wasmPath: string;
  source: Record<string, string>;
}

export function readFixture(name: string): string {
  return fs.readFileSync(join(fixturesDir, name), 'utf8');
}

/** Compile `source` (a file with `component main`, may include circomlib by bare name). */
export async function compileCircom(fileName: string, source: string): Promise<CircomArtefacts> {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const buildDir = join(tmpdir(), 'zkcoder-soundness-fixtures', `${basename(fileName, '.circom')}-${hash}`);
  const name = basename(fileName, '.circom');
  const artefacts: CircomArtefacts = {
    r1csPath: join(buildDir, 'out', `${name}.r1cs`),
    symPath: join(buildDir, 'out', `${name}.sym`),
    wasmPath: join(buildDir, 'out', `${name}_js`, `${name}.wasm`),
    source: { [fileName]: source },
  };
  if (fs.existsSync(artefacts.wasmPath) && fs.existsSync(artefacts.symPath)) return artefacts;
  fs.mkdirSync(join(buildDir, 'out'), { recursive: true });
  fs.writeFileSync(join(buildDir, fileName), source);
  const output = await runCircom(buildDir, [fileName, '--r1cs', '--wasm', '--sym', '-l', 'lib/circomlib/circuits', '-o', 'out']);
  if (!fs.existsSync(artefacts.wasmPath)) throw new Error(`circom failed on ${fileName}:\n${output}`);
  return artefacts;
}

async function runCircom(cwd: string, args: string[]): Promise<string> {
  let output = '';
  const writeSync = fs.writeSync;
  // circom prints through fs.writeSync(1|2): capture it, tests print nothing.
  (fs as { writeSync: unknown }).writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd !== 1 && fd !== 2) return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
    const text = typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString();
    output += text;
    return Buffer.byteLength(text);
  };
  try {
    const runner = new CircomRunner({
      args,
      env: {},
      preopens: { '.': cwd, lib: nodeModules },
      bindings: {
        ...bindings,
        fs,
        exit(code: number) {
          throw Object.assign(new Error(`circom exited with ${code}`), { code });
        },
      },
    });
    await runner.execute(fs.readFileSync(require.resolve('circom2/circom.wasm')));
  } catch (error) {
    output += `\n${(error as Error).message}`;
  } finally {
    (fs as { writeSync: unknown }).writeSync = writeSync;
  }
  // eslint-disable-next-line no-control-regex
  return output.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Compile a fixture file from ./fixtures by name. */
export function compileFixture(name: string): Promise<CircomArtefacts> {
  return compileCircom(name, readFixture(name));
}

/** Instantiate a library template as main, e.g. `circomlibMain('comparators.circom', 'LessThan(8)')`. */
export function circomlibMain(include: string, instance: string): string {
  return `pragma circom 2.0.0;\ninclude "${include}";\ncomponent main = ${instance};\n`;
}

/**
 * Test support: an independent check of a counterexample witness. It reads the r1cs with iden3's
 * r1csfile (not our reader) and evaluates A·w × B·w = C·w with plain bigints, so a bug in the
 * analysis's own parser or arithmetic cannot make a forged witness look valid.
 */
export async function witnessSatisfies(r1csPath: string, witness: (string | bigint)[]): Promise<boolean> {
  const field = (p: bigint): R1csField<bigint> => ({
    p,
    fromRprLE(buffer: Uint8Array, offset: number) {
      let value = 0n;
      for (let i = 31; i >= 0; i--) value = (value << 8n) | BigInt(buffer[offset + i]);
      return value;
    },
  });
  const r1cs = await readR1cs<bigint>(r1csPath, { loadConstraints: true, loadMap: false, singleThread: true, getFieldFromPrime: field });
  const p = r1cs.prime;
  const w = witness.map((v) => BigInt(v));
  if (w.length !== r1cs.nVars || w[0] !== 1n) return false;
  const value = (lc: Record<string, bigint>) => Object.entries(lc).reduce((sum, [i, c]) => (sum + c * w[Number(i)]) % p, 0n);
  return r1cs.constraints.every(([a, b, c]) => (value(a) * value(b) - value(c)) % p === 0n);
}

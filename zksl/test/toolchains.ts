/**
 * Test-only access to the real toolchains, used directly (circom2 CLI + the generated witness
 * calculator, noir_wasm + noir_js) so the differential tests do not depend on the harness.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { compile, createFileManager } from '@noir-lang/noir_wasm';
import { Noir, type CompiledCircuit } from '@noir-lang/noir_js';
import { toField } from '../core/field.js';
import type { LoweredCircuit } from '../lower/common.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const CIRCOM = join(dirname(require.resolve('circom2/package.json')), 'cli.js');

function writeFolder(lowered: LoweredCircuit): string {
  const dir = mkdtempSync(join(tmpdir(), `zksl-${lowered.lang}-`));
  for (const [path, text] of Object.entries(lowered.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export interface CircomProgram {
  /** Throws on a failing constraint; returns the witness. */
  witness(inputs: Record<string, unknown>): Promise<bigint[]>;
  outputCount: number;
  constraints: number;
}

export async function compileCircom(lowered: LoweredCircuit): Promise<CircomProgram> {
  const dir = writeFolder(lowered);
  const { stdout } = await run(process.execPath, [CIRCOM, lowered.entry, '--r1cs', '--wasm', '-o', '.'], { cwd: dir });
  const clean = stdout.replace(/\u001b\[[0-9;]*m/g, '');
  const constraints = [...clean.matchAll(/(?:non-linear|linear) constraints: (\d+)/g)].reduce((a, m) => a + Number(m[1]), 0);
  const outputCount = Number(/public outputs: (\d+)/.exec(clean)?.[1] ?? 0);
  const base = lowered.entry.replace(/\.circom$/, '');
  const wasm = readFileSync(join(dir, `${base}_js`, `${base}.wasm`));
  const builder = require(join(dir, `${base}_js`, 'witness_calculator.js')) as (code: Buffer) => Promise<{ calculateWitness(input: unknown, sanity: boolean): Promise<bigint[]> }>;
  const calculator = await builder(wasm);
  // everything needed is in memory now
  rmSync(dir, { recursive: true, force: true });
  return {
    outputCount,
    constraints,
    witness: (inputs) => calculator.calculateWitness(fieldInputs(inputs), true),
  };
}

export interface NoirProgram {
  /** Throws on a failing assert; returns the return value as canonical field elements (flattened). */
  execute(inputs: Record<string, unknown>): Promise<bigint[]>;
}

export async function compileNoir(lowered: LoweredCircuit): Promise<NoirProgram> {
  const dir = writeFolder(lowered);
  // noir_wasm announces every compile and its dependencies on stdout
  const saved = { log: console.log, info: console.info, debug: console.debug };
  console.log = console.info = console.debug = () => undefined;
  let program: CompiledCircuit;
  try {
    program = ((await compile(createFileManager(dir))) as { program: CompiledCircuit }).program;
  } catch (error) {
    throw new Error(`noir compile failed: ${(error as Error).message}\n${lowered.files[lowered.entry]}`);
  } finally {
    Object.assign(console, saved);
    rmSync(dir, { recursive: true, force: true });
  }
  const noir = new Noir(program);
  return {
    execute: async (inputs) => {
      const { returnValue } = await noir.execute(fieldInputs(inputs) as never);
      return [returnValue].flat(8).filter((v) => v !== undefined && v !== null).map((v) => toField(v as string));
    },
  };
}

/**
 * Boundary values (numbers, negatives) as canonical decimal strings, arrays kept; a value that is
 * no number at all (a reject vector's "zero") is passed on as it is, for the target to refuse.
 */
export function fieldInputs(inputs: Record<string, unknown>): Record<string, unknown> {
  const canonical = (v: unknown): unknown => {
    try {
      return toField(v).toString();
    } catch {
      return v;
    }
  };
  const convert = (v: unknown): unknown => (Array.isArray(v) ? v.map(convert) : canonical(v));
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, convert(v)]));
}

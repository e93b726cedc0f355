/**
 * Seeded random inputs and the checker-program differential: the lowered checker (Circom or Noir)
 * must accept the interpreter's honest outputs and reject every forge vector. Execution equality
 * (interpreter = Circom = Noir on random inputs) runs through the harness in harness.ts.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { forgeOutputs, runWitness } from '../core/run.js';
import { inputSpec, scalarOf, type ScalarType, type SignalType } from '../core/types.js';
import type { Example } from '../examples/index.js';
import { lowerToCircom, lowerToNoir } from '../index.js';
import type { Backend, TargetCircuit } from '../../compiler-harness/types.js';
import { fieldInputs } from './toolchains.js';

/** Deterministic PRNG (mulberry32) so a failing case can be replayed from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomScalar(type: ScalarType, random: () => number): number | string {
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  switch (type.kind) {
    case 'field':
      return int(0, 300);
    case 'bool':
      return int(0, 1);
    case 'uint':
      return int(0, 2 ** Math.min(type.bits, 30) - 1);
    case 'sint':
    case 'fixed': {
      const half = 2 ** (Math.min(type.bits, 30) - 1);
      return int(-half, half - 1);
    }
    default:
      return type satisfies never;
  }
}

/** Random inputs from the declared input types (some will be refused: that is compared too). */
export function randomInputs(example: Example, random: () => number): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const [name, declared] of Object.entries(example.sketch.inputs(example.sketch.params))) {
    const { scalar, shape } = scalarOf(inputSpec(declared as SignalType).type);
    const make = (depth: number): unknown => (depth === shape.length ? randomScalar(scalar, random) : Array.from({ length: shape[depth] }, () => make(depth + 1)));
    inputs[name] = make(0);
  }
  return inputs;
}

/**
 * The checker program (outputs as parameters, see `checkOutputs`) in one language: it accepts the
 * interpreter's honest outputs and rejects every forge vector. Unlike the harness's witness
 * editing, hints after a forged output re-run on it, as in the interpreter's forge.
 */
export async function compileChecker(example: Example, backend: Backend): Promise<(inputs: Record<string, unknown>) => Promise<void>> {
  const source = { text: readFileSync(new URL(`../examples/${example.file}`, import.meta.url), 'utf8'), file: example.file };
  const lower = backend.lang === 'circom' ? lowerToCircom : lowerToNoir;
  const compiled = await backend.compile(lower(example.sketch, undefined, { source, checkOutputs: true }) as TargetCircuit);
  if (!compiled.compiled) throw new Error(`${example.file}: checker does not compile: ${compiled.rawOutput}`);
  const circuit = compiled.compiled;
  return async (inputs) => {
    const run = await backend.execute(circuit, fieldInputs(inputs));
    if (!run.ok) throw new Error(run.failure.message);
  };
}

async function rejects(run: () => Promise<void>): Promise<boolean> {
  try {
    await run();
    return false;
  } catch {
    return true;
  }
}

/** Honest outputs (accept vectors + seeded random inputs) pass the checker; every forge fails it. */
export async function checkerDifferential(
  example: Example,
  backend: Backend,
  options: { seed: number; randomCases: number },
): Promise<{ honest: number; forged: number }> {
  const lang = backend.lang;
  const check = await compileChecker(example, backend);
  const random = seeded(options.seed);
  const tally = { honest: 0, forged: 0 };
  const cases = [...example.vectors.accept.map((v) => v.inputs), ...Array.from({ length: options.randomCases }, () => randomInputs(example, random))];
  for (const inputs of cases) {
    const honest = runWitness(example.sketch, { inputs });
    if (!honest.ok) continue;
    expect(await rejects(() => check({ ...inputs, ...honest.outputs })), `${example.file} ${lang}: honest outputs refused for ${JSON.stringify(inputs)}`).toBe(false);
    tally.honest++;
  }
  for (const vector of example.vectors.forge) {
    const honest = runWitness(example.sketch, { inputs: vector.inputs });
    if (!honest.ok) throw new Error(`${example.file}: forge vector has bad honest inputs`);
    expect(forgeOutputs(example.sketch, { inputs: vector.inputs, outputs: vector.outputs }).accepted).toBe(false);
    const claimed = { ...vector.inputs, ...honest.outputs, ...vector.outputs };
    expect(await rejects(() => check(claimed)), `${example.file} ${lang}: forge accepted (${vector.reason})`).toBe(true);
    tally.forged++;
  }
  return tally;
}

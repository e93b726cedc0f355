/**
 * The checker-program differential: the lowered checker (Circom or Noir) must accept the
 * interpreter's honest outputs and reject every forge vector. Execution equality (interpreter =
 * Circom = Noir on property-based inputs) is differential.test.ts.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { forgeOutputs, runWitness } from '../core/run.js';
import type { Example } from '../examples/index.js';
import { lowerToCircom, lowerToNoir } from '../index.js';
import type { Backend, TargetCircuit } from '../../compiler-harness/types.js';
import { sampleInputs } from './arbitrary-inputs.js';
import { fieldInputs } from './toolchains.js';

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

/** Honest outputs (accept vectors + seeded fast-check inputs) pass the checker; every forge fails it. */
export async function checkerDifferential(
  example: Example,
  backend: Backend,
  options: { seed: number; sampled: number },
): Promise<{ honest: number; forged: number }> {
  const lang = backend.lang;
  const check = await compileChecker(example, backend);
  const tally = { honest: 0, forged: 0 };
  const sampled = sampleInputs(example.sketch, { seed: options.seed, count: options.sampled });
  const cases = [...example.vectors.accept.map((v) => v.inputs), ...sampled];
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

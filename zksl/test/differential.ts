/**
 * Differential checks through the project's compiler harness (the `Backend` interface): the
 * interpreter, the harness's Circom backend and its Noir backend agree on vectors and seeded random
 * inputs, and every forge vector is rejected by all three.
 */
import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import type { Backend, CompiledCircuit, TargetCircuit } from '../../compiler-harness/types.js';
import { toField } from '../core/field.js';
import { forgeOutputs, runWitness, type Value } from '../core/run.js';
import type { Example } from '../examples/index.js';
import { lowerToCircom, lowerToNoir } from '../index.js';
import { randomInputs, seeded } from './checker.js';
import { fieldInputs } from './toolchains.js';

/**
 * The harness backend, or why there is none. Only a missing harness skips these tests; a harness
 * that is present but fails to load fails them.
 */
export async function loadBackend(lang: 'circom' | 'noir'): Promise<Backend | string> {
  const entry = new URL('../../compiler-harness/index.ts', import.meta.url);
  if (!existsSync(entry)) return 'compiler-harness/index.ts does not exist yet';
  const harness = (await import('../../compiler-harness/index.js')) as { createBackend(lang: string): Promise<Backend> };
  return harness.createBackend(lang);
}

const flatten = (value: unknown): bigint[] => [value].flat(16).map((v) => toField(v));

/** Noir returns one value: the single output, or a tuple of the outputs in declaration order. */
function harnessOutputs(lang: 'circom' | 'noir', outputs: Record<string, Value>): Record<string, unknown> {
  if (lang === 'circom') return outputs;
  const values = Object.values(outputs);
  return { return: values.length === 1 ? values[0] : values };
}

export async function harnessDifferential(
  backend: Backend,
  example: Example,
  options: { seed: number; randomCases: number; forgeLimit?: number },
): Promise<{ accepted: number; rejected: number; forged: number }> {
  const lang = backend.lang;
  const lowered = lang === 'circom' ? lowerToCircom(example.sketch) : lowerToNoir(example.sketch);
  const compiled = await backend.compile(lowered as TargetCircuit);
  expect(compiled.ok, `${example.file} ${lang}: ${compiled.rawOutput}`).toBe(true);
  const circuit = compiled.compiled as CompiledCircuit;
  const random = seeded(options.seed);
  const cases = [
    ...example.vectors.accept.map((v) => v.inputs),
    ...example.vectors.reject.map((v) => v.inputs),
    ...Array.from({ length: options.randomCases }, () => randomInputs(example, random)),
  ];
  const tally = { accepted: 0, rejected: 0, forged: 0 };
  for (const inputs of cases) {
    const interpreted = runWitness(example.sketch, { inputs });
    const label = `${example.file} ${lang} ${JSON.stringify(inputs)}`;
    let executed;
    try {
      executed = await backend.execute(circuit, fieldInputs(inputs));
    } catch (error) {
      // malformed inputs (a wrong array length) may be refused before execution
      executed = { ok: false as const, failure: { kind: 'input', message: String(error) } };
    }
    if (!interpreted.ok) {
      expect(executed.ok, `${label}: interpreter refused (${interpreted.failure.message}), target accepted`).toBe(false);
      tally.rejected++;
      continue;
    }
    expect(executed.ok ? flatten(Object.values(executed.outputs)) : executed.failure.message, label).toEqual(
      flatten(Object.values(interpreted.outputs)),
    );
    tally.accepted++;
  }
  // Noir forging proves with bb.js (seconds each); the direct checker tests cover every forge vector
  for (const vector of example.vectors.forge.slice(0, options.forgeLimit ?? Infinity)) {
    const honest = runWitness(example.sketch, { inputs: vector.inputs });
    if (!honest.ok) throw new Error(`${example.file}: forge vector with bad honest inputs`);
    const claimed = Object.fromEntries(
      Object.entries({ ...honest.outputs, ...vector.outputs }).map(([k, v]) => [k, fieldInputs({ v }).v as Value]),
    );
    expect(forgeOutputs(example.sketch, { inputs: vector.inputs, outputs: vector.outputs }).accepted).toBe(false);
    const verdict = await backend.forge(circuit, fieldInputs(vector.inputs), harnessOutputs(lang, claimed));
    expect(verdict.accepted, `${example.file} ${lang}: forge accepted (${vector.reason}): ${verdict.detail}`).toBe(false);
    tally.forged++;
  }
  return tally;
}

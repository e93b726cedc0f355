/**
 * Differential checks through the project's compiler harness (the `Backend` interface): the
 * interpreter, the harness's Circom backend and its Noir backend compute the same outputs (or all
 * refuse), and every forge vector is rejected by the interpreter and by the harness's witness
 * editing (`forge`).
 */
import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import type { Backend, CompiledCircuit, TargetCircuit } from '../../compiler-harness/types.js';
import { forgeOutputs, runWitness } from '../core/run.js';
import type { Example } from '../examples/index.js';
import { firstDisagreement, lowerToCircom, lowerToNoir, outputsByName, type LoweredCircuit } from '../index.js';
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

/** One example compiled by one backend, compiled once and executed many times. */
export interface Target {
  backend: Backend;
  lowered: LoweredCircuit;
  circuit: CompiledCircuit;
}

export async function compileTarget(backend: Backend, example: Example): Promise<Target> {
  const lowered = backend.lang === 'circom' ? lowerToCircom(example.sketch) : lowerToNoir(example.sketch);
  const compiled = await backend.compile(lowered as TargetCircuit);
  expect(compiled.ok, `${example.file} ${backend.lang}: ${compiled.rawOutput}`).toBe(true);
  return { backend, lowered, circuit: compiled.compiled as CompiledCircuit };
}

/** What the lowered programs cost: Circom R1CS constraints, Noir ACIR opcodes and UltraHonk gates. */
export function loweredSize(circom: Target, noir: Target): { circom: number; noirOpcodes: number; noirGates: number | undefined } {
  return { circom: circom.circuit.constraintCount, noirOpcodes: noir.circuit.constraintCount, noirGates: noir.circuit.gateCount };
}

/**
 * Run `inputs` through the interpreter and every target: all must refuse, or all must return the
 * interpreter's outputs. Throws a message naming the target, the output and both values otherwise.
 */
export async function agreeOn(example: Example, targets: Target[], inputs: Record<string, unknown>): Promise<'valid' | 'refused'> {
  const interpreted = runWitness(example.sketch, { inputs });
  const where = `${example.file} on ${JSON.stringify(inputs)}`;
  for (const { backend, lowered, circuit } of targets) {
    const executed = await backend.execute(circuit, fieldInputs(inputs));
    if (!interpreted.ok) {
      if (executed.ok) throw new Error(`${where}: the interpreter refuses (${interpreted.failure.message}) but ${backend.lang} returns ${JSON.stringify(executed.outputs)}`);
      continue;
    }
    if (!executed.ok) throw new Error(`${where}: the interpreter accepts but ${backend.lang} refuses: ${executed.failure.message}`);
    const differs = firstDisagreement(interpreted.outputs, outputsByName(lowered, executed.outputs));
    if (differs) throw new Error(`${where}: output ${differs.output}: interpreter ${differs.expected}, ${backend.lang} ${differs.got}`);
  }
  return interpreted.ok ? 'valid' : 'refused';
}

/**
 * Every forge vector of `example`: the interpreter's forge and the harness's witness editing on
 * `target` both reject it. The harness gets the complete claimed outputs (honest values for the
 * outputs a vector leaves out), in the target's own output shape.
 */
export async function forgeEveryVector(example: Example, target: Target): Promise<string[]> {
  const details: string[] = [];
  for (const vector of example.vectors.forge) {
    const label = `${example.file} ${target.backend.lang} forge (${vector.reason})`;
    expect(forgeOutputs(example.sketch, { inputs: vector.inputs, outputs: vector.outputs }).accepted, `${label}: interpreter`).toBe(false);
    const honest = runWitness(example.sketch, { inputs: vector.inputs });
    if (!honest.ok) throw new Error(`${label}: the honest inputs are refused: ${honest.failure.message}`);
    const claimed = fieldInputs({ ...honest.outputs, ...vector.outputs });
    const shaped = target.backend.lang === 'circom' ? claimed : { return: target.lowered.outputNames.length === 1 ? claimed[target.lowered.outputNames[0]] : target.lowered.outputNames.map((n) => claimed[n]) };
    const verdict = await target.backend.forge(target.circuit, fieldInputs(vector.inputs), shaped);
    expect(verdict.accepted, `${label}: ${verdict.detail}`).toBe(false);
    details.push(verdict.detail);
  }
  return details;
}

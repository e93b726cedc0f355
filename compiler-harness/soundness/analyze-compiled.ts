import type { CircomCompiled } from '../circom/backend.js';
import type { CompiledCircuit, Inputs } from '../types.js';
import { analyzeNoir, analyzeR1csIsolated, disposeIsolatedAnalysis } from './isolated.js';
import { disposeSmt } from './smt.js';
import type { InputPrecondition, SoundnessReport } from './types.js';
import { proportionalBudgetMs, SOUNDNESS_BUDGET_CAP_MS } from './budget.js';

/** The most a default budget grows to (see budget.ts: without an explicit budget it scales with the circuit). */
export const DEFAULT_SOUNDNESS_BUDGET_MS = SOUNDNESS_BUDGET_CAP_MS;

/**
 * The soundness attack on a circuit the harness compiled, starting from honest inputs (an accept
 * vector). Circom: on the R1CS, in a worker under a hard limit. Noir: on its unconstrained hints.
 */
export async function analyzeCompiled(
  compiled: CompiledCircuit,
  inputs: Inputs,
  /** Omitted: in proportion to the circuit's size, at most DEFAULT_SOUNDNESS_BUDGET_MS (budget.ts). */
  budgetMs: number = proportionalBudgetMs(compiled.lang, compiled.constraintCount),
  /** Stated preconditions (`--assume`, see assumptions.ts); Circom only for now. */
  preconditions?: Record<string, InputPrecondition>,
): Promise<SoundnessReport> {
  const start = performance.now();
  try {
    return await analyze(compiled, inputs, budgetMs, preconditions);
  } catch (error) {
    // The attacker failing (z3 out of memory, a worker crash) is not a verdict on the circuit: say
    // the analysis is incomplete and why, and let the rest of the check stand.
    await disposeSoundnessAnalysis().catch(() => undefined);
    const message = (error as Error).message.split('\n')[0];
    return { verdict: 'no-finding', lints: [], tried: [], incomplete: `the analysis itself failed: ${message}`, durationMs: performance.now() - start };
  }
}

async function analyze(compiled: CompiledCircuit, inputs: Inputs, budgetMs: number, preconditions?: Record<string, InputPrecondition>): Promise<SoundnessReport> {
  if (compiled.lang === 'circom') {
    const circom = compiled as CircomCompiled;
    return analyzeR1csIsolated({
      r1csPath: circom.r1csPath,
      symPath: circom.symPath,
      wasmPath: circom.wasmPath,
      inputs,
      source: circom.files,
      budgetMs,
      preconditions,
    });
  }
  return analyzeNoir({ files: compiled.circuit.files, inputs, budgetMs });
}

/** Release the analysis worker and z3's threads so the process can exit. */
export async function disposeSoundnessAnalysis(): Promise<void> {
  await disposeIsolatedAnalysis();
  await disposeSmt();
}

/**
 * Soundness analysis: an attacker for Circom circuits (on the R1CS) and Noir programs (on their
 * unconstrained hints), usable without a spec. `unsound` always comes with a counterexample that
 * satisfies every constraint; lints are separate warnings.
 *
 * - `analyzeR1cs(options)` — in-process Circom analysis (r1cs + sym + wasm + honest inputs).
 * - `analyzeR1csIsolated(options)` — the same in a worker thread with a hard time limit.
 * - `analyzeNoir(options)` — Noir analysis (always in the worker: it compiles and runs user hints).
 * - `disposeSoundness()` / `disposeIsolatedAnalysis()` — release z3 threads / the worker.
 */
export { analyzeR1cs } from './analyze-circom.js';
export { analyzeNoir, analyzeR1csIsolated, disposeIsolatedAnalysis } from './isolated.js';
export { disposeSmt as disposeSoundness } from './smt.js';
export type {
  CircomAnalysisOptions,
  Counterexample,
  CounterexampleKind,
  DifferingValue,
  InputPrecondition,
  Lint,
  LintCode,
  NoirAnalysisOptions,
  SoundnessReport,
  SoundnessVerdict,
} from './types.js';

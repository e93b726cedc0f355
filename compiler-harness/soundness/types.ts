/**
 * What the soundness analysis reports. A verdict is `unsound` only when a counterexample was found
 * and re-checked against every constraint; everything weaker (suspicious patterns, intermediate
 * signals with several values) is a lint, never a verdict.
 */

export type SoundnessVerdict = 'unsound' | 'no-finding';

export interface DifferingValue {
  /** Signal name (`main.out`) or, for Noir, `return` / `return[0]` / a hint call. */
  name: string;
  honest: string;
  alternative: string;
}

export type CounterexampleKind =
  /** Two witnesses satisfy every constraint with the same inputs but different outputs. */
  | 'different-outputs'
  /** The source rejects these inputs (an `assert` fails) yet a witness satisfies every constraint. */
  | 'assert-bypass'
  /** The inputs violate a stated precondition (`preconditions`) yet a witness satisfies every constraint. */
  | 'precondition-bypass';

export interface Counterexample {
  kind: CounterexampleKind;
  /** The inputs both witnesses share (for `assert-bypass`: the inputs the source rejects). */
  inputs: Record<string, unknown>;
  /** Outputs that differ between the honest and the alternative witness. */
  outputs: DifferingValue[];
  /** Every differing signal (capped at 50), outputs included. */
  signals: DifferingValue[];
  /** One sentence for the repair loop. */
  explanation: string;
  /** Circom: the full alternative witness, decimal strings by wire index, for independent re-checking. */
  witness?: string[];
  /** Noir: the hint answers that produced it. */
  hintAnswers?: { call: string; honest: string[]; alternative: string[] }[];
  /**
   * Noir: the alternative witness (noir_js compressed witness stack, base64) from the execution with
   * those answers. Only unconstrained code was rewritten, so it can be checked with bb.js against
   * the original program: an independent confirmation that every constraint holds.
   */
  noirWitness?: string;
}

export type LintCode =
  | 'unconstrained-hint'
  | 'signal-in-no-constraint'
  | 'hint-in-one-constraint'
  | 'division-without-nonzero-check'
  | 'quotient-without-range-check'
  | 'comparator-input-unchecked'
  | 'unused-component-output'
  | 'ambiguous-intermediate'
  | 'unconstrained-result-unasserted';

export interface Lint {
  code: LintCode;
  message: string;
  file?: string;
  line?: number;
  signal?: string;
}

export interface SoundnessReport {
  verdict: SoundnessVerdict;
  counterexample?: Counterexample;
  /** Warnings with a location; never a verdict. */
  lints: Lint[];
  /** What was attempted, in order, so `no-finding` says how hard we looked. */
  tried: string[];
  /** Set when the analysis could not run to completion (budget spent, honest witness invalid, …). */
  incomplete?: string;
  durationMs: number;
}

export interface CircomAnalysisOptions {
  r1csPath: string;
  /** Needed for signal names; without it names are `w<index>`. */
  symPath?: string;
  /** The witness generator circom wrote (`<name>_js/<name>.wasm`). */
  wasmPath: string;
  /** Honest inputs (circom input JSON: numbers, decimal strings, bigints, nested arrays). */
  inputs: Record<string, unknown>;
  /** The user's sources (path → text), for lints and to locate failing asserts. Library files are not linted. */
  source?: Record<string, string>;
  /** Wall-clock budget, ms (default 10 000). */
  budgetMs?: number;
  /** Seed for the random alternatives, so reports are reproducible (default 1). */
  seed?: number;
  /** Use z3 on the undetermined sub-system (default true). */
  smt?: boolean;
  /** Class 3: compare witnesses across neighbouring inputs (`cross-witness.ts`, default true). */
  crossWitness?: boolean;
  /** Class 5: bounded search over the factors of products z3 relaxes (`nonlinear-search.ts`, default true). */
  nonlinearSearch?: boolean;
  /**
   * Stated preconditions on inputs, by input name (every element of an array input): the task
   * says "x is 8-bit", the circuit should refuse anything else. Circom `assert`s are used as well.
   */
  preconditions?: Record<string, InputPrecondition>;
}

/** Integer bounds on an input's field elements, read as integers in [0, p). */
export interface InputPrecondition {
  bits?: number;
  min?: number | string | bigint;
  max?: number | string | bigint;
  /** Values the input must not take (`y != 0`). */
  notEqual?: (number | string | bigint)[];
  /** The input bounded, when the record key is not its name (assumptions are keyed by their text). */
  input?: string;
  /** Which elements of an array input: indices, `'*'` for every one; absent means every element. */
  path?: (number | '*')[];
}

export interface NoirAnalysisOptions {
  /** Project files: `src/main.nr` and other `src/*.nr`; `Nargo.toml` optional. */
  files: Record<string, string>;
  /** Honest inputs for `main`. */
  inputs: Record<string, unknown>;
  budgetMs?: number;
}

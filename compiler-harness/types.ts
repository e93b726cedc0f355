/**
 * The harness contract shared by both languages. Expected failures (a compile error, a failing
 * assert, a forged witness that is rejected) are results, never exceptions: an exception means the
 * environment or zkcoder itself is broken.
 */

export type Lang = 'circom' | 'noir';

/** A circuit held in memory; the harness writes it into a private build folder. */
export interface TargetCircuit {
  lang: Lang;
  /** Relative path → source text. Circom: any `.circom` files; Noir: `src/*.nr` (+ optional `Nargo.toml`). */
  files: Record<string, string>;
  /** Circom: the file holding (or to hold) `component main`; Noir: `src/main.nr`. */
  entry: string;
  /** Circom only: instantiate this template as main when the entry has no `component main`. */
  template?: string;
  /** Circom only: template parameters for `template`. */
  params?: (number | bigint)[];
  /** Circom only: input signals made public in the generated `component main {public [...]}`. */
  publicInputs?: string[];
  /** Short name used for build folders and reports. */
  name?: string;
  /** Noir: names of the returned values in return order, so named vector outputs map onto a returned tuple. */
  returnNames?: string[];
}

export type Severity = 'error' | 'warning' | 'info';

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, when the toolchain gives one. */
  column?: number;
}

export interface Diagnostic {
  file?: string;
  line?: number;
  column?: number;
  /** Toolchain code, e.g. circom `P1008`, `T3001`, `CA02`. */
  code?: string;
  severity: Severity;
  message: string;
  /** The offending source line, when known. */
  sourceLine?: string;
}

/** A value at the circuit boundary: field elements as decimal strings, arrays nested, Noir structs as objects. */
export type Value = string | Value[] | { [field: string]: Value };
export type Inputs = Record<string, unknown>;

export interface CompileResult<C = CompiledCircuit> {
  ok: boolean;
  lang: Lang;
  diagnostics: Diagnostic[];
  /** The toolchain's own text, ANSI stripped. */
  rawOutput: string;
  durationMs: number;
  timedOut?: boolean;
  /** Present when ok. */
  compiled?: C;
}

export interface CompiledCircuit {
  lang: Lang;
  circuit: TargetCircuit;
  /** Private folder holding the written sources and artefacts. */
  buildDir: string;
  /** Circom: R1CS constraints; Noir: ACIR opcodes. */
  constraintCount: number;
  /** Noir: UltraHonk gates, when measured. */
  gateCount?: number;
  /** Names of the public/private inputs and of the outputs (Circom output signals, Noir return value `return`). */
  inputNames: string[];
  outputNames: string[];
}

export interface ExecuteFailure {
  kind: 'assert' | 'input' | 'timeout' | 'runtime';
  message: string;
  location?: SourceLocation;
  raw: string;
}

export type ExecuteResult =
  | { ok: true; outputs: Record<string, Value>; witness: Witness; durationMs: number }
  | { ok: false; failure: ExecuteFailure; durationMs: number };

/** Opaque per-language witness (Circom: bigint[] by signal index; Noir: compressed witness stack). */
export interface Witness {
  lang: Lang;
  data: unknown;
}

export type ProofSystem = 'groth16' | 'plonk' | 'ultrahonk';

export interface Proof {
  system: ProofSystem;
  proof: unknown;
  publicSignals: string[];
  verificationKey: unknown;
  durationMs: number;
  /** E.g. that insecure development setup material was used. */
  warnings?: string[];
}

export interface ForgeResult {
  /** True when a witness carrying the wrong outputs satisfied every constraint: the circuit is under-constrained. */
  accepted: boolean;
  detail: string;
}

export interface CompileOptions {
  /** Circom's simplification level (default 1, circom's own default); Noir ignores it. */
  optimization?: 0 | 1 | 2;
}

export interface Backend<C extends CompiledCircuit = CompiledCircuit> {
  readonly lang: Lang;
  compile(circuit: TargetCircuit, options?: CompileOptions): Promise<CompileResult<C>>;
  execute(compiled: C, inputs: Inputs): Promise<ExecuteResult>;
  checkWitness(compiled: C, witness: Witness): Promise<boolean>;
  /** Edit the output values of an honest witness to `outputs` and re-check constraints. */
  forge(compiled: C, inputs: Inputs, outputs: Record<string, unknown>): Promise<ForgeResult>;
  prove(compiled: C, witness: Witness, options?: { system?: ProofSystem }): Promise<Proof>;
  verify(compiled: C, proof: Proof): Promise<boolean>;
  /** Release worker threads (snarkjs curves, bb.js) so the process can exit. */
  dispose(): Promise<void>;
}

export interface HarnessOptions {
  /** Time limit per compile / execute, ms (default 60 000). */
  timeoutMs?: number;
  /** Where dev setup material is cached (default `$ZKCODER_HOME` or `~/.cache/zkcoder`). */
  home?: string;
  /** Real ceremony files, when the user has them. */
  ptauPath?: string;
  crsPath?: string;
  /**
   * About how many programs this backend will compile (default 1). Noir: a check or a model loop
   * runs noir_wasm on V8's baseline code only; from `MANY_COMPILES` on (an eval run, `kb verify` of
   * every entry) its hottest code is optimised, which pays off over a long session. See
   * `toolchainFlags`. (circom2 runs baseline-only either way: there optimising never paid off.)
   */
  compiles?: number;
}

import type { Backend, Lang, TargetCircuit } from '../compiler-harness/types.js';
import type { TestVectors } from '../compiler-harness/vectors/schema.js';
import type { KnowledgeBase, SearchHit } from '../knowledge-base/search.js';
import type { OutputFile } from './events.js';
import type { LanguageModel } from './model/types.js';
import type { UsageMeter } from './model/usage.js';
import type { Run, RunStore } from './runs/run-store.js';

export interface AgentOptions {
  task: string;
  /** Target languages (default both). */
  languages?: Lang[];
  /** The model that writes sketches and code; absent: knowledge-base mode, no model is used. */
  model?: LanguageModel;
  /** `lower` (default): lower the sketch deterministically; `write`: the model writes Circom/Noir itself. */
  strategy?: 'lower' | 'write';
  maxIterations?: number;
  /**
   * Stop the loop once the model has used this many tokens / this much money (checked before every
   * model request; a metered model enforcing its own budget stops the run the same way).
   */
  budget?: { maxTokens?: number; maxCostUsd?: number };
  /** The meter the model records into (createLanguageModel returns it): its price overrides price each request. */
  meter?: UsageMeter;
  /** User vectors: they take precedence and are always run. */
  vectors?: TestVectors;
  /**
   * Also write the final circuits, vectors, proofs and REPORT.md here: a folder that is absent,
   * empty or zkcoder's own output (it leaves a `.zkcoder-output` marker), unless `force`. On
   * resume it replaces the folder the run was started with.
   */
  outDir?: string;
  /** Write into a non-empty `outDir` zkcoder did not write (the user's `--force`). Never saved with the run. */
  force?: boolean;
  /** The user's working folder (default `process.cwd()`): a resumed run's saved `outDir` must lie inside it. */
  workingDir?: string;
  /** Prove and verify the final circuit (default true). */
  prove?: boolean;
  soundnessBudgetMs?: number;
  /**
   * Stated preconditions on the circuit's inputs (`"x < 2^8"`, `"y != 0"`; grammar in
   * compiler-harness/soundness/assumptions.ts), attacked with the user vectors' own `assume` list.
   */
  assumptions?: string[];
  /** Search the knowledge base for related entries to show the model (default true; the benchmark's ablations turn it off). */
  retrieval?: boolean;
  /** Knowledge-base entries hidden from this run (leave-one-out: a benchmark task's own solutions). */
  excludeEntries?: string[];
  /** Knowledge-base mode: the least similarity that counts as a confident match. */
  minimumScore?: number;
  /** Continue this run from its last completed stage. */
  resume?: string;
  /**
   * The user switched the model off on purpose (`--provider none`): resuming a model run then
   * finishes it from the knowledge base instead of refusing for want of the run's model.
   */
  noModel?: boolean;
  store?: RunStore;
  knowledgeBase?: KnowledgeBase;
  backends?: Partial<Record<Lang, Backend>>;
  home?: string;
  signal?: AbortSignal;
  now?: () => Date;
}

export interface ResolvedOptions extends AgentOptions {
  languages: Lang[];
  maxIterations: number;
  strategy: 'lower' | 'write';
}

/** What a stage runner gets: the options, the persisted run, and the tools. */
export interface RunContext {
  options: ResolvedOptions;
  run: Run;
  knowledgeBase: KnowledgeBase;
  backends: Record<Lang, Backend>;
  /** Knowledge-base entries found for the current sketch (model runs). */
  retrieved?: SearchHit[];
}

export interface RunOutcome {
  ok: boolean;
  summary: string;
  outputs: OutputFile[];
  constraintCounts: Partial<Record<Lang, number>>;
  iterations: number;
  /** Stopped by the user: the run is saved as interrupted and can be resumed. */
  interrupted?: boolean;
  /** Model runs: the last circuit written for each language, verified or not (what a benchmark grades). */
  circuits?: Partial<Record<Lang, TargetCircuit>>;
}

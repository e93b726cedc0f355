import type { Lang } from '../../compiler-harness/index.js';

/** The whole graph as one circuit, ready for the harness. */
export interface ComposedCircuit {
  lang: Lang;
  /** Relative path → source. */
  files: Record<string, string>;
  entry: string;
  /** Knowledge-base entries instantiated. */
  kb: string[];
  /** Circuit output names in graph-output order (Circom signals `out<k>`; Noir return tuple members). */
  outputNames: string[];
}

import { analyzeCompiled } from './soundness/analyze-compiled.js';
import { analyzeNoir, warmSoundnessAnalysis } from './soundness/isolated.js';
import type { SoundnessReport } from './soundness/types.js';
import { parseAssumptions } from './soundness/assumptions.js';
import { mergedInputs, type CircomCompiled } from './circom/backend.js';
import type { Backend, CompiledCircuit, Diagnostic, Lang, Proof, ProofSystem, TargetCircuit } from './types.js';
import type { TestVectors } from './vectors/schema.js';
import { vectorProblems } from './vectors/match.js';
import { runVectors, type VectorVerdict } from './vectors/run.js';

export interface ProofVerdict {
  system: ProofSystem;
  verified: boolean;
  /** A proof with a changed public input (or proof byte) must not verify. */
  tamperedRejected: boolean;
  proveMs: number;
  verifyMs: number;
  warnings: string[];
  error?: string;
}

export interface CheckReport {
  lang: Lang;
  entry: string;
  /** The circuit's sources, so findings can quote the offending lines. */
  files: Record<string, string>;
  compile: {
    ok: boolean;
    timedOut: boolean;
    diagnostics: Diagnostic[];
    constraintCount?: number;
    gateCount?: number;
    durationMs: number;
  };
  /** Problems with the vectors themselves (names or shapes that don't match the circuit), each starting with the vectors file. */
  vectorProblems: string[];
  vectors: VectorVerdict[];
  /** The attacker's verdict: `unsound` always carries a counterexample; lints are warnings. */
  soundness?: SoundnessReport;
  proof?: ProofVerdict;
  passed: boolean;
  summary: string;
  durationMs: number;
}

export interface CheckOptions<C extends CompiledCircuit> {
  backend: Backend<C>;
  circuit: Parameters<Backend<C>['compile']>[0];
  vectors: TestVectors;
  /** Names the vectors in problems, e.g. the file they came from (default `vectors`). */
  vectorsSource?: string;
  prove?: boolean;
  system?: ProofSystem;
  /** Run the soundness analysis from the first accept vector (default true) within this budget. */
  soundness?: boolean;
  /** Omitted: in proportion to the circuit (soundness/budget.ts). */
  soundnessBudgetMs?: number;
  /**
   * Stated preconditions on the inputs (`--assume "x < 2^8"`), attacked with the vectors file's own
   * `assume` list: inputs outside them that a witness still satisfies make the circuit unsound.
   */
  assumptions?: readonly string[];
  /** Receives the proof when one is made, e.g. to write it to disk. */
  onProof?: (proof: Proof) => void | Promise<void>;
  /** Receives the compiled circuit, e.g. to prove it later without compiling again. */
  onCompiled?: (compiled: C) => void;
}

/** Compile, run every vector and optionally prove + verify: the report the user and the model read. */
export async function checkCircuit<C extends CompiledCircuit>(options: CheckOptions<C>): Promise<CheckReport> {
  const start = performance.now();
  const { backend, circuit, vectors } = options;
  if (options.soundness !== false) warmSoundnessAnalysis([circuit.lang]);
  const early = startNoirAnalysis(options);
  const compiled = await backend.compile(circuit);
  const report: CheckReport = {
    lang: circuit.lang,
    entry: circuit.entry,
    files: compiled.compiled && 'files' in compiled.compiled ? (compiled.compiled.files as Record<string, string>) : circuit.files,
    compile: {
      ok: compiled.ok,
      timedOut: compiled.timedOut ?? false,
      diagnostics: compiled.diagnostics,
      constraintCount: compiled.compiled?.constraintCount,
      gateCount: compiled.compiled?.gateCount,
      durationMs: compiled.durationMs,
    },
    vectorProblems: [],
    vectors: [],
    passed: false,
    summary: '',
    durationMs: 0,
  };
  if (compiled.compiled) {
    options.onCompiled?.(compiled.compiled);
    report.vectorProblems = vectorProblems(vectors, compiled.compiled, options.vectorsSource);
    if (report.vectorProblems.length === 0) {
      report.vectors = await runVectors(backend, compiled.compiled, vectors);
      const honest = vectors.accept[0];
      const honestRuns = report.vectors.find((v) => v.kind === 'accept' && v.index === 0)?.passed;
      if (options.soundness !== false && honest && honestRuns) {
        const subject = await analysisSubject(backend, circuit, compiled.compiled);
        const preconditions = parseAssumptions([...new Set([...(vectors.assume ?? []), ...(options.assumptions ?? [])])]);
        report.soundness = (await early) ?? (await analyzeCompiled(subject, honest.inputs, options.soundnessBudgetMs, preconditions));
      }
      if (options.prove) report.proof = await proveAndVerify({ backend, compiled: compiled.compiled, vectors, system: options.system, onProof: options.onProof });
    }
  }
  report.passed =
    compiled.ok &&
    report.vectorProblems.length === 0 &&
    report.vectors.every((v) => v.passed) &&
    report.soundness?.verdict !== 'unsound' &&
    (!options.prove || (report.proof?.verified === true && report.proof.tamperedRejected));
  report.durationMs = performance.now() - start;
  report.summary = summarize(report);
  return report;
}

/**
 * The Noir hint attack needs only the sources and the honest inputs, not the check's compile: it
 * starts beside the compile and the vectors (its own thread, so on a second core). Its report is
 * used only when the check goes on to the soundness step (compiled, first accept vector passing);
 * otherwise it finishes within its budget unread.
 */
function startNoirAnalysis<C extends CompiledCircuit>(options: CheckOptions<C>): Promise<SoundnessReport | undefined> | undefined {
  const honest = options.vectors.accept[0];
  if (options.soundness === false || options.circuit.lang !== 'noir' || !honest) return undefined;
  const started = performance.now();
  return analyzeNoir({ files: options.circuit.files, inputs: honest.inputs, budgetMs: options.soundnessBudgetMs }).catch((error: Error) => ({
    verdict: 'no-finding' as const,
    lints: [],
    tried: [],
    incomplete: `the analysis itself failed: ${error.message.split('\n')[0]}`,
    durationMs: performance.now() - started,
  }));
}

/**
 * What the attacker analyses. When circom's optimiser merged an input into another signal, the R1CS
 * no longer says that the two are equal, and every value of the merged signal would look like a
 * second witness: analyse an unoptimised compile instead, where the input keeps its own wire.
 */
async function analysisSubject<C extends CompiledCircuit>(backend: Backend<C>, circuit: TargetCircuit, compiled: C): Promise<C> {
  if (compiled.lang !== 'circom' || mergedInputs(compiled as unknown as CircomCompiled).length === 0) return compiled;
  const unoptimised = await backend.compile(circuit, { optimization: 0 });
  return unoptimised.compiled ?? compiled;
}

/** Prove the first accept vector once, verify it, and check that a tampered proof is refused. */
export async function proveAndVerify<C extends CompiledCircuit>(options: {
  backend: Backend<C>;
  compiled: C;
  vectors: TestVectors;
  system?: ProofSystem;
  onProof?: CheckOptions<C>['onProof'];
}): Promise<ProofVerdict> {
  const { backend, compiled, vectors, system } = options;
  const chosen = system ?? (backend.lang === 'circom' ? 'groth16' : 'ultrahonk');
  const verdict: ProofVerdict = { system: chosen, verified: false, tamperedRejected: false, proveMs: 0, verifyMs: 0, warnings: [] };
  const sample = vectors.accept[0];
  if (!sample) return { ...verdict, error: 'no accept vector to prove' };
  const executed = await backend.execute(compiled, sample.inputs);
  if (!executed.ok) return { ...verdict, error: `cannot prove: ${executed.failure.message}` };
  try {
    const proof = await backend.prove(compiled, executed.witness, { system: chosen });
    verdict.proveMs = proof.durationMs;
    verdict.warnings = proof.warnings ?? [];
    const verifyStart = performance.now();
    verdict.verified = await backend.verify(compiled, proof);
    verdict.verifyMs = performance.now() - verifyStart;
    verdict.tamperedRejected = !(await backend.verify(compiled, tamperProof(proof)));
    if (verdict.verified) await options.onProof?.(proof);
  } catch (error) {
    verdict.error = (error as Error).message;
  }
  return verdict;
}

/** The same proof claiming a different public input, or with one proof byte changed when there is none. */
export function tamperProof(proof: Proof): Proof {
  if (proof.publicSignals.length > 0) {
    const publicSignals = [...proof.publicSignals];
    publicSignals[0] = (BigInt(publicSignals[0]) + 1n).toString();
    return { ...proof, publicSignals };
  }
  if (proof.proof instanceof Uint8Array) {
    const bytes = new Uint8Array(proof.proof);
    bytes[bytes.length >> 1] ^= 1;
    return { ...proof, proof: bytes };
  }
  const copy = JSON.parse(JSON.stringify(proof.proof)) as Record<string, unknown>;
  const key = Object.keys(copy).find((k) => Array.isArray(copy[k]) || typeof copy[k] === 'string');
  if (key && Array.isArray(copy[key])) (copy[key] as unknown[])[0] = '1';
  return { ...proof, proof: copy };
}

function summarize(report: CheckReport): string {
  if (!report.compile.ok) {
    const errors = report.compile.diagnostics.filter((d) => d.severity === 'error');
    return report.compile.timedOut ? 'FAIL: compile timed out' : `FAIL: compile failed with ${errors.length} error(s)`;
  }
  if (report.vectorProblems.length) return `FAIL: vectors do not match the circuit (${report.vectorProblems.length} problem(s))`;
  const failed = report.vectors.filter((v) => !v.passed);
  const count = (kind: string) => report.vectors.filter((v) => v.kind === kind).length;
  const counts = `${count('accept')} accept, ${count('reject')} reject, ${count('forge')} forge`;
  const size = `${report.compile.constraintCount} ${sizeUnit(report.lang)}`;
  const soundness = !report.soundness
    ? ''
    : report.soundness.verdict === 'unsound'
      ? '; UNSOUND: counterexample found'
      : `; soundness: no finding${report.soundness.lints.length ? ` (${report.soundness.lints.length} lint(s))` : ''}`;
  let proof = '';
  if (report.proof) {
    proof = report.proof.error
      ? `; proof error: ${report.proof.error}`
      : `; ${report.proof.system} proof ${report.proof.verified ? 'verified' : 'DID NOT VERIFY'}${report.proof.tamperedRejected ? '' : ', TAMPERED PROOF ACCEPTED'}`;
  }
  const verdict = report.passed ? 'PASS' : 'FAIL';
  const failures = failed.length ? `, ${failed.length} failed` : '';
  return `${verdict}: ${report.vectors.length - failed.length}/${report.vectors.length} vectors passed (${counts}${failures}); ${size}${soundness}${proof}`;
}

/** What a circuit's size counts: R1CS constraints for Circom, ACIR opcodes for Noir. */
export function sizeUnit(lang: Lang): string {
  return lang === 'noir' ? 'ACIR opcodes' : 'constraints';
}

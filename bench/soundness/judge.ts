/**
 * Judging one circuit (a mutant or an unmutated one): compile, run the entry's vectors, run the
 * soundness analyser, and re-check any counterexample it claims with the harness alone. Whether a
 * mutant breaks soundness is decided by the harness (a forge vector now accepted, or a witness
 * `checkWitness`/`forge` accepts), never by the analyser's word.
 */
import type { CircomCompiled } from '../../compiler-harness/circom/backend.js';
import { flattenToShape } from '../../compiler-harness/circom/signals.js';
import { toFieldElement } from '../../compiler-harness/field.js';
import { analyzeCompiled } from '../../compiler-harness/soundness/analyze-compiled.js';
import { parseAssumptions, violatedBy } from '../../compiler-harness/soundness/assumptions.js';
import type { Counterexample, SoundnessReport } from '../../compiler-harness/soundness/types.js';
import type { Backend, CompiledCircuit, Inputs, TargetCircuit } from '../../compiler-harness/types.js';
import { hasHints, tamperHints, type TamperResult } from './noir-tamper.js';
import { recheckNoir } from './recheck-noir.js';
import { runVectors } from '../../compiler-harness/vectors/run.js';
import type { TestVectors } from '../../compiler-harness/vectors/schema.js';

export interface Judgement {
  /** Set when the circuit does not compile or refuses an accept vector (or gives a wrong output). */
  stillborn?: string;
  constraints?: number;
  /** Names of forge vectors whose forgery the harness accepted. */
  forgeAccepted: string[];
  /** Reject vectors the circuit now runs on: it accepts inputs its specification refuses. */
  rejectAccepted: string[];
  analysis?: {
    verdict: SoundnessReport['verdict'];
    kind?: Counterexample['kind'];
    explanation?: string;
    lints: string[];
    incomplete?: string;
    /** What the analyser left alone (e.g. a hint returning a tuple), from its `tried` list. */
    skipped: string[];
    durationMs: number;
    /** The analyser threw instead of reporting (its duration is then unknown, and left out of the timings). */
    threw?: boolean;
  };
  /** The analyser's counterexample, re-checked by the harness: true / false, or why it could not be. */
  counterexampleVerified?: boolean | string;
  /** Noir: a perturbed hint answer that got a different return value through (see noir-tamper.ts). */
  tamper?: TamperResult;
}

export interface JudgeOptions<C extends CompiledCircuit> {
  backend: Backend<C>;
  circuit: TargetCircuit;
  vectors: TestVectors;
  /** Omitted: the budget a check gives (in proportion to the circuit). */
  budgetMs: number | undefined;
  /** Honest inputs for the analyser when the circuit has no vectors (circomlib wrappers). */
  inputs?: Inputs;
  /** Stated preconditions (`--assume` texts): the real-bug cases of class `precondition`. */
  assumptions?: string[];
  /** Noir: try perturbed hint answers when nothing else settles soundness (each try is a compile). */
  tamper?: boolean;
}

export async function judgeCircuit<C extends CompiledCircuit>(options: JudgeOptions<C>): Promise<Judgement> {
  const { backend, circuit, vectors, budgetMs } = options;
  const judgement: Judgement = { forgeAccepted: [], rejectAccepted: [] };
  const compile = await backend.compile(circuit as Parameters<Backend<C>['compile']>[0]);
  if (!compile.compiled) {
    const first = compile.diagnostics.find((d) => d.severity === 'error');
    return { ...judgement, stillborn: `does not compile: ${first?.message.split('\n')[0] ?? 'no diagnostic'}` };
  }
  const compiled = compile.compiled;
  judgement.constraints = compiled.constraintCount;
  const verdicts = await runVectors(backend, compiled, vectors);
  const refused = verdicts.find((v) => v.kind === 'accept' && !v.passed);
  if (refused) return { ...judgement, stillborn: `accept vector ${refused.name ?? refused.index}: ${refused.message.split('\n')[0]}` };
  const label = (v: (typeof verdicts)[number]) => v.name ?? `${v.kind}[${v.index}]`;
  // Only an accepted forgery counts: "could not forge" is the vector not fitting, not a finding.
  judgement.forgeAccepted = verdicts.filter((v) => v.kind === 'forge' && v.message.startsWith('FORGERY ACCEPTED')).map(label);
  judgement.rejectAccepted = verdicts.filter((v) => v.kind === 'reject' && !v.passed && v.got !== undefined).map(label);

  const inputs = options.inputs ?? vectors.accept[0]?.inputs;
  if (!inputs) return judgement;
  let report: SoundnessReport;
  try {
    report = await analyzeCompiled(compiled, inputs, budgetMs, options.assumptions?.length ? parseAssumptions(options.assumptions) : undefined);
  } catch (error) {
    // The analyser should report, not throw: count it as a miss and keep the message for the bug list.
    const message = `the analyser threw: ${(error as Error).message}`;
    judgement.analysis = { verdict: 'no-finding', lints: [], incomplete: message, skipped: [], durationMs: 0, threw: true };
    return judgement;
  }
  judgement.analysis = {
    verdict: report.verdict,
    kind: report.counterexample?.kind,
    explanation: report.counterexample?.explanation,
    lints: report.lints.map((l) => `${l.code}${l.line ? `@L${l.line}` : ''}`),
    incomplete: report.incomplete,
    skipped: report.tried.filter((t) => /^left |^no unconstrained function/.test(t)),
    durationMs: report.durationMs,
  };
  if (report.verdict === 'unsound' && report.counterexample) {
    judgement.counterexampleVerified = await recheck(backend, compiled, report.counterexample, options.assumptions);
  }
  // Ground truth the analyser cannot supply for Noir (forge edits only the return witnesses).
  const honestRun = verdicts.find((v) => v.kind === 'accept' && v.index === 0);
  const settled = judgement.forgeAccepted.length > 0 || judgement.counterexampleVerified === true;
  if (circuit.lang === 'noir' && options.tamper && !settled && honestRun?.got && hasHints(circuit.files)) {
    judgement.tamper = await tamperHints({ backend, circuit, inputs, honestReturn: honestRun.got.return });
  }
  return judgement;
}

/** Re-check a counterexample with the harness only; a string says why it could not be re-checked. */
async function recheck<C extends CompiledCircuit>(backend: Backend<C>, compiled: C, counterexample: Counterexample, assumptions?: string[]): Promise<boolean | string> {
  try {
    if (compiled.lang === 'circom') return await recheckCircom(backend, compiled as unknown as CircomCompiled, counterexample, assumptions);
    return await recheckNoir(backend, compiled, counterexample);
  } catch (error) {
    return `re-check failed: ${(error as Error).message}`;
  }
}

/**
 * Circom: the witness must satisfy the R1CS (the backend's own reader), carry the stated inputs,
 * and either differ from the honest witness in an output (same inputs) or carry inputs the witness
 * generator refuses (an assert bypass).
 */
async function recheckCircom<C extends CompiledCircuit>(backend: Backend<C>, compiled: CircomCompiled, counterexample: Counterexample, assumptions: string[] = []): Promise<boolean | string> {
  if (!counterexample.witness) return 'no witness in the counterexample';
  const witness = counterexample.witness.map(BigInt);
  if (!(await backend.checkWitness(compiled as unknown as C, { lang: 'circom', data: witness }))) return false;
  // The witness must carry exactly the stated inputs, encoded the way the backend encodes them.
  for (const signal of compiled.signals.filter((s) => s.role !== 'output')) {
    const values = flattenToShape(counterexample.inputs[signal.name], signal.shape, signal.name);
    // Wire −1: an input in no constraint, which the optimiser dropped; the proof does not carry it.
    if (signal.wires.some((wire, i) => wire >= 0 && witness[wire] !== toFieldElement(values[i], signal.name, compiled.r1cs.prime))) {
      return 'the witness carries other inputs than stated';
    }
  }
  if (counterexample.kind === 'precondition-bypass') {
    // The witness satisfies the R1CS with the stated inputs; one of them must break an assumption,
    // judged here from the assumption's text, not from the analyser's explanation.
    const broken = Object.entries(parseAssumptions(assumptions)).flatMap(([name, pre]) => violatedBy(pre, name, counterexample.inputs, compiled.r1cs.prime));
    return broken.length > 0 ? true : 'no input of the counterexample breaks a stated assumption';
  }
  const honest = await backend.execute(compiled as unknown as C, counterexample.inputs);
  if (!honest.ok) return counterexample.kind === 'different-outputs' ? 'honest execution refused the stated inputs' : true;
  const honestWitness = honest.witness.data as bigint[];
  const outputWires = compiled.signals.filter((s) => s.role === 'output').flatMap((s) => s.wires);
  if (counterexample.kind === 'different-outputs') return outputWires.some((w) => honestWitness[w] !== witness[w]);
  return 'the generator accepts the inputs of this assert-bypass counterexample';
}

/** The entry's TargetCircuit for one language, with some files replaced (a mutant). */
export function withFiles(circuit: TargetCircuit, files: Record<string, string>): TargetCircuit {
  return { ...circuit, files: { ...circuit.files, ...files } };
}

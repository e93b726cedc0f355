/**
 * Checks the suite against the real toolchains: a level-1 question's confirm snippet states facts
 * (compiles, constraint count, outputs, refusal) that must hold; a task's reference solution must
 * pass its own hidden vectors in each language.
 */
import { checkCircuit, type CheckReport } from '../../compiler-harness/check.js';
import type { Backend, CompileResult, Lang } from '../../compiler-harness/types.js';
import { alignOutputs, firstMismatch } from '../../compiler-harness/vectors/run.js';
import { confirmCircuit, solutionCircuit, vectorsFor, type Question, type Task } from './suite-files.js';

/**
 * Compiles of confirm snippets by circuit: some questions state different facts (other inputs, a
 * refused execution) about the same snippet, which compiles once for all of them.
 */
export type ConfirmCompiles = Map<string, Promise<CompileResult>>;

/** What is wrong with a question's confirm facts; empty when every stated fact holds. */
export async function confirmProblems(backend: Backend, question: Question, compiles: ConfirmCompiles = new Map()): Promise<string[]> {
  const { expect } = question.confirm!;
  const circuit = confirmCircuit(question);
  const key = JSON.stringify([circuit.lang, circuit.files, circuit.template ?? null, circuit.params?.map(String) ?? null]);
  if (!compiles.has(key)) compiles.set(key, backend.compile(circuit));
  const compiled = await compiles.get(key)!;
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line ?? '?'}: ${d.message}`);
  if (compiled.ok !== expect.compiles) {
    return [`expected compiles=${expect.compiles}, got ${compiled.ok}${errors.length ? ` (${errors.slice(0, 2).join('; ')})` : ''}`];
  }
  if (!compiled.compiled) return [];
  const problems: string[] = [];
  const count = compiled.compiled.constraintCount;
  if (expect.constraints !== undefined && count !== expect.constraints) problems.push(`expected ${expect.constraints} constraints, got ${count}`);
  if (expect.inputs === undefined) return problems;
  const executed = await backend.execute(compiled.compiled, expect.inputs);
  const shouldRun = expect.executes ?? true;
  if (executed.ok !== shouldRun) {
    const why = executed.ok ? `outputs ${JSON.stringify(executed.outputs)}` : executed.failure.message;
    return [...problems, `expected executes=${shouldRun}, got ${executed.ok}: ${why}`];
  }
  if (executed.ok && expect.outputs) {
    const { outputNames, circuit } = compiled.compiled;
    const mismatch = firstMismatch(alignOutputs(expect.outputs, outputNames, circuit.returnNames), executed.outputs);
    if (mismatch) problems.push(mismatch);
  }
  return problems;
}

/** Compile a task's reference solution and run its vectors (accept, reject, forge) in one language. */
export function checkSolution(backend: Backend, task: Task, lang: Lang, soundness = false): Promise<CheckReport> {
  return checkCircuit({
    backend,
    circuit: solutionCircuit(task, lang),
    vectors: vectorsFor(task, lang),
    vectorsSource: `${task.id} (${lang})`,
    soundness,
    soundnessBudgetMs: 5_000,
  });
}

/** The failing parts of a check report, one line each. */
export function reportFailures(report: CheckReport): string[] {
  if (!report.compile.ok) return report.compile.diagnostics.filter((d) => d.severity === 'error').map((d) => `compile ${d.line ?? '?'}: ${d.message}`);
  return [...report.vectorProblems, ...report.vectors.filter((v) => !v.passed).map((v) => `${v.kind}[${v.index}]${v.name ? ` ${v.name}` : ''}: ${v.message}`)];
}

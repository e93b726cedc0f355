import { checkCircuit, type CheckReport } from '../compiler-harness/check.js';
import type { Backend, Lang, TargetCircuit } from '../compiler-harness/types.js';
import type { TestVectors } from '../compiler-harness/vectors/schema.js';
import { nargoManifest } from '../compiler-harness/noir/manifest.js';
import type { PositionalVectors, ProgramTask } from './task-format.js';

/**
 * Why an attempt failed. A model or network error is the model's, never the circuit's: it is kept
 * apart and retried on `--resume`. `wrong-interface` is a circuit whose inputs or outputs do not
 * match the task's interface (names or shapes), so the hidden vectors cannot even be run.
 */
export const FAILURE_KINDS = ['does-not-compile', 'wrong-interface', 'wrong-output', 'refuses-valid-input', 'unsound', 'timeout', 'model-error'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface Grade {
  passed: boolean;
  failure?: FailureKind;
  /** One line: the first thing that went wrong, or the check's summary. */
  detail: string;
  report?: CheckReport;
}

/** The circuit a model answer holds: a Circom file with its `component main`, or a Noir `src/main.nr`. */
export function answerCircuit(lang: Lang, code: string, returnNames?: string[]): TargetCircuit {
  if (lang === 'circom') return { lang, files: { 'main.circom': normaliseIncludes(code) }, entry: 'main.circom', name: 'main' };
  return { lang, files: { 'src/main.nr': code, 'Nargo.toml': nargoManifest('main') }, entry: 'src/main.nr', name: 'main', returnNames };
}

/**
 * Circom written for a Node project includes `node_modules/circomlib/circuits/x.circom` (or
 * `../node_modules/...`); the harness puts node_modules on the include path, so the prefix goes.
 */
export function normaliseIncludes(code: string): string {
  return code.replace(/(include\s+")(?:\.\.\/)*(?:\.\/)?node_modules\//g, '$1');
}

/**
 * Compile, run the hidden vectors, attack with the soundness analyser, and name the first failure.
 * External task sets give positional vectors: they are named after the compiled circuit's inputs.
 */
export async function gradeCircuit(options: {
  backend: Backend;
  circuit: TargetCircuit;
  vectors: TestVectors | PositionalVectors;
  soundnessBudgetMs?: number;
}): Promise<Grade> {
  const { backend, circuit } = options;
  let vectors: TestVectors;
  if ('cases' in options.vectors) {
    const compiled = await backend.compile(circuit);
    if (!compiled.compiled) return compileFailure(compiled.timedOut ?? false, compiled.diagnostics[0]?.message);
    const named = namePositional(options.vectors, compiled.compiled.inputNames, compiled.compiled.outputNames);
    if (typeof named === 'string') return { passed: false, failure: 'wrong-interface', detail: named };
    vectors = named;
  } else vectors = options.vectors;
  const report = await checkCircuit({ backend, circuit, vectors, vectorsSource: 'hidden vectors', soundnessBudgetMs: options.soundnessBudgetMs });
  return { ...classify(report), report };
}

function compileFailure(timedOut: boolean, message = 'no diagnostic'): Grade {
  return timedOut ? { passed: false, failure: 'timeout', detail: 'compile timed out' } : { passed: false, failure: 'does-not-compile', detail: message };
}

/** The first failure of a check report, in the order a reader would fix them. */
export function classify(report: CheckReport): Grade {
  if (!report.compile.ok) return compileFailure(report.compile.timedOut, report.compile.diagnostics.find((d) => d.severity === 'error')?.message);
  if (report.vectorProblems.length) return { passed: false, failure: 'wrong-interface', detail: report.vectorProblems[0] };
  const failed = report.vectors.find((v) => !v.passed);
  if (failed?.kind === 'accept') {
    const refused = failed.message.startsWith('refused valid inputs');
    const timedOut = refused && /timed out/.test(failed.message);
    return { passed: false, failure: timedOut ? 'timeout' : refused ? 'refuses-valid-input' : 'wrong-output', detail: `accept[${failed.index}]: ${failed.message}` };
  }
  if (failed) return { passed: false, failure: 'unsound', detail: `${failed.kind}[${failed.index}]: ${failed.message}` };
  if (report.soundness?.verdict === 'unsound') return { passed: false, failure: 'unsound', detail: `soundness: ${report.soundness.counterexample?.explanation ?? 'counterexample found'}` };
  return { passed: true, detail: report.summary };
}

/**
 * Positional arguments → the main template's inputs in declaration order; the returned list → its
 * outputs in order. A wrong count of inputs or outputs is the circuit's interface problem.
 */
export function namePositional(vectors: PositionalVectors, inputNames: string[], outputNames: string[]): TestVectors | string {
  const first = vectors.cases[0];
  if (!first) return 'the task has no cases';
  if (inputNames.length !== first.args.length) return `the circuit has ${inputNames.length} input(s) (${inputNames.join(', ')}); the function takes ${first.args.length}`;
  if (outputNames.length !== first.outputs.length) return `the circuit has ${outputNames.length} output(s) (${outputNames.join(', ')}); the function returns ${first.outputs.length}`;
  const named = (names: string[], values: unknown[]) => Object.fromEntries(names.map((name, i) => [name, values[i]]));
  const accept = vectors.cases.map((c) => ({ inputs: named(inputNames, c.args), outputs: named(outputNames, c.outputs) }));
  // Each expected output moved by one: a circuit that lets its output float accepts some of these.
  const forge = accept.flatMap((a) => outputNames.map((name) => ({ inputs: a.inputs, outputs: { ...a.outputs, [name]: shifted(a.outputs[name]) }, reason: `${name} moved by one` })));
  return { accept, reject: [], forge: forge.slice(0, 12) };
}

function shifted(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shifted(value[0]), ...value.slice(1)] : value;
  return (BigInt(value as string | number) + 1n).toString();
}

/** The vectors of a program task for a language. */
export function taskVectors(task: ProgramTask, lang: Lang): TestVectors | PositionalVectors {
  if ('positional' in task.vectors) return task.vectors.positional as PositionalVectors;
  const own = (task.vectors as Partial<Record<Lang, TestVectors>>)[lang];
  if (!own) throw new Error(`task ${task.id} has no ${lang} vectors`);
  return own;
}

import type { TestVectors } from '../../compiler-harness/vectors/schema.js';
import { checkSketchVectors } from '../../zksl/index.js';
import { formatSketchFeedback } from '../feedback/sketch-report.js';
import { extractCodeBlock } from '../prompts/index.js';
import { deriveVectors } from './derive-vectors.js';
import type { CheckedSketch } from './loop-memory.js';
import { lowerOnce } from './write-code.js';

export interface SketchOutcome {
  ok: boolean;
  /** First line: the summary; then one line per failing vector or finding. */
  report: string;
  /** Warnings on a sketch that may pass (a missing invalidInputs): also in `report`. */
  warnings?: string[];
  /** The module in the answer, when there is one (also for a failing sketch, for its repair). */
  source?: string;
  sketch?: CheckedSketch;
}

/** Parse the model's answer, derive vectors from its reference and check the sketch in the sandbox. */
export async function checkCandidateSketch(answer: string, user: TestVectors | undefined, task?: string): Promise<SketchOutcome> {
  const source = extractCodeBlock(answer, ['ts', 'typescript']);
  if (!source) return { ok: false, report: 'the answer has no ```ts code block: return the whole module in one ```ts block' };
  const derived = await deriveVectors(source, { user, task });
  if (!derived.ok) return { ok: false, report: derived.message, source };
  const { accuracy } = derived;
  if (accuracy?.failure) return { ok: false, report: [accuracy.failure, ...derived.warnings].join('\n'), warnings: derived.warnings, source };
  const check = await checkSketchVectors(source, derived.vectors);
  const ok = check.ok && !check.failure;
  const report = [formatSketchFeedback(check, source), ...(accuracy ? [accuracy.line] : []), ...derived.warnings].join('\n');
  // The output order (a lowering) only for a sketch that passed: a failing one goes back to the model.
  const sketch = ok ? { source, vectors: derived.vectors, outputNames: await outputNames(source, derived.vectors), warnings: derived.warnings, accuracy: accuracy?.line } : undefined;
  return { ok, report, warnings: derived.warnings, source, sketch };
}

/**
 * The sketch's outputs in declaration order, which is the order a Noir program returns them in. The
 * lowering knows it; a sketch it cannot lower falls back to the order of the reference's outputs.
 */
async function outputNames(source: string, vectors: TestVectors): Promise<string[]> {
  const lowered = await lowerOnce(source, 'noir');
  if (lowered.ok) return lowered.circuit.outputNames;
  return Object.keys(vectors.accept[0]?.outputs ?? {});
}

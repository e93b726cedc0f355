import type { FloatAccuracy } from '../../zksl/index.js';

/**
 * A fixed-point sketch may export `floatReference(inputs, params)` (the real-valued operator) and
 * `floatTolerance` (ulps). The sketch check then reports how far its integer reference — which the
 * circuit must equal — is from the real values, and fails beyond the tolerance: the one the task
 * states ("within 1 ulp"), else the module's own.
 */
export interface AccuracyVerdict {
  /** One line for the report and REPORT.md. */
  line: string;
  /** Why the sketch fails, when the error is beyond the tolerance. */
  failure?: string;
}

/** The tolerance a task states in ulps: "within 1 ulp", "at most 2 ULPs", "0.5 units in the last place". */
export function statedTolerance(task: string | undefined): number | undefined {
  const match = /(\d+(?:\.\d+)?)\s*(?:ulps?\b|units?\s+(?:in|of)\s+the\s+last\s+place)/i.exec(task ?? '');
  return match ? Number(match[1]) : undefined;
}

export function accuracyVerdict(float: FloatAccuracy, task: string | undefined, inputs: unknown): AccuracyVerdict {
  const stated = statedTolerance(task);
  const tolerance = stated ?? float.tolerance;
  const source = stated !== undefined ? 'the task states' : 'floatTolerance allows';
  const at = `at ${float.output}, accept case ${float.case + 1} of ${float.cases}`;
  const bound = tolerance === undefined ? 'no tolerance stated' : `tolerance ${tolerance} ulp (${stated !== undefined ? 'task' : 'floatTolerance'})`;
  const line = `float reference: max error ${round(float.maxUlps)} ulp ${at}; ${bound}`;
  if (tolerance === undefined || float.maxUlps <= tolerance) return { line };
  return {
    line,
    failure: `the integer reference is ${round(float.maxUlps)} ulp from floatReference ${at} (inputs ${JSON.stringify(inputs)}), more than the ${tolerance} ulp ${source}: round as the task asks (e.g. add half a unit before a shift) and make the sketch compute the same`,
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * How far a sketch's integer reference is from its float reference, in units of the last place:
 * a `Fixed(bits, scale)` output's integer r means r / 2^scale, so one ulp is 2^-scale; any other
 * output is an integer (one ulp is 1). Runs in the sandbox beside the reference, on the accept cases.
 */
import { P } from './field.js';
import type { Params, Sketch } from './sketch.js';
import type { SignalType } from './types.js';

export interface FloatAccuracy {
  /** The largest |integer reference − float reference × 2^scale| over the cases. */
  maxUlps: number;
  /** Where it occurs: the output leaf (`y`, `out[2]`) and the accept case's index. */
  output: string;
  case: number;
  cases: number;
  /** The module's own `floatTolerance` export (ulps), when it has one. */
  tolerance?: number;
}

type FloatReference = (inputs: Record<string, unknown>, params: Params) => Record<string, unknown>;

export function floatAccuracy(
  sketch: Sketch,
  params: Params,
  floatReference: FloatReference,
  cases: { inputs: Record<string, unknown>; outputs: Record<string, unknown> }[],
  tolerance: unknown,
): FloatAccuracy {
  const types = sketch.outputs({ ...sketch.params, ...params }) as Record<string, SignalType>;
  const worst: FloatAccuracy = { maxUlps: 0, output: Object.keys(types)[0] ?? '', case: 0, cases: cases.length };
  cases.forEach((c, index) => {
    const floats = floatReference(c.inputs, params);
    if (!floats || typeof floats !== 'object') throw new Error('floatReference(inputs, params) must return an object of outputs, like reference');
    for (const [name, type] of Object.entries(types)) {
      if (!(name in floats)) throw new Error(`floatReference returned no output "${name}"`);
      compare(name, type, c.outputs[name], floats[name], (ulps, where) => {
        if (ulps > worst.maxUlps) Object.assign(worst, { maxUlps: ulps, output: where, case: index });
      });
    }
  });
  if (typeof tolerance === 'number' && Number.isFinite(tolerance) && tolerance >= 0) worst.tolerance = tolerance;
  return worst;
}

function compare(where: string, type: SignalType, integer: unknown, float: unknown, report: (ulps: number, where: string) => void): void {
  if (type.kind === 'array') {
    if (!Array.isArray(float) || float.length !== type.length) throw new Error(`floatReference's "${where}" must be an array of ${type.length}`);
    const values = Array.isArray(integer) ? integer : [];
    float.forEach((f, i) => compare(`${where}[${i}]`, type.of, values[i], f, report));
    return;
  }
  if (typeof float !== 'number' || !Number.isFinite(float)) throw new Error(`floatReference's "${where}" is ${String(float)}, not a finite number`);
  const scale = type.kind === 'fixed' ? type.scale : 0;
  report(Math.abs(signed(integer) - float * 2 ** scale), where);
}

/** An integer output as a number, reading field elements above p/2 as negatives. */
function signed(value: unknown): number {
  let v = typeof value === 'bigint' ? value : BigInt(typeof value === 'boolean' ? Number(value) : String(value));
  v = ((v % P) + P) % P;
  return Number(v > P / 2n ? v - P : v);
}

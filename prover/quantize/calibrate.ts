import { ModelError, type FloatGraph } from '../onnx/graph.js';
import type { OperatorRegistry } from '../registry/registry.js';
import { OverflowError, interpretQuantized } from './interpret.js';
import { quantizeGraph, quantizeInputs } from './quantize.js';

/** Scales tried by calibration, finest first. */
const MAX_CALIBRATED_SCALE = 14;

/**
 * `--calibrate`: the largest scale (most fractional bits) under which every sample input runs through
 * the quantized graph without an activation leaving SInt(bits) and every accumulator stays in range.
 */
export function calibrateScale(graph: FloatGraph, samples: Record<string, unknown>[], options: { bits?: number; registry?: OperatorRegistry } = {}): number {
  let lastProblem = '';
  for (let scale = MAX_CALIBRATED_SCALE; scale >= 1; scale--) {
    try {
      const quantized = quantizeGraph(graph, { ...options, scale });
      for (const sample of samples) interpretQuantized(quantized, quantizeInputs(quantized, sample));
      return scale;
    } catch (error) {
      if (!(error instanceof OverflowError) && !(error instanceof ModelError && /does not fit|accumulator/.test(error.message))) throw error;
      lastProblem = error.message;
    }
  }
  throw new ModelError(`calibration found no scale from 2^${MAX_CALIBRATED_SCALE} down to 2^1 under which every sample fits: ${lastProblem}`);
}

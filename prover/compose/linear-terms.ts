import type { LinearParams } from '../quantize/types.js';

/**
 * The accumulator of one linear output as source text: `bias + x[i] * w - x[j] * v ...`, zero weights
 * skipped. Constant weights make every term linear, so the accumulator costs no constraint of its own.
 * Circom and Noir share the syntax.
 */
export function linearAccumulator(params: LinearParams, input: (index: number) => string, row: number, col: number): string {
  const bias = params.bias[row * params.cols + col];
  const terms: string[] = [bias.toString()];
  for (let i = 0; i < params.inner; i++) {
    const weight = params.weights[col * params.inner + i];
    if (weight === 0n) continue;
    const operand = input(row * params.inner + i);
    terms.push(weight < 0n ? `- ${operand} * ${-weight}` : `+ ${operand} * ${weight}`);
  }
  return terms.join(' ');
}

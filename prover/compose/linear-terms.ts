import type { LinearParams } from '../quantize/types.js';

/** Terms per statement: one expression of hundreds of terms overflows circom2's (WASI) parser stack. */
const TERMS_PER_STATEMENT = 32;

/**
 * The accumulator of one linear output as source statements over a mutable `acc`:
 * `acc = bias + x[i] * w - x[j] * v ...; acc = acc + ...;`, zero weights skipped. Constant weights
 * make every term linear, so the accumulator costs no constraint of its own. Circom and Noir share
 * the syntax; the caller declares `acc` (`var acc;` / `let mut acc: Field = 0;`).
 */
export function linearAccumulator(params: LinearParams, input: (index: number) => string, row: number, col: number): string[] {
  const terms: [string, bigint][] = [];
  for (let i = 0; i < params.inner; i++) terms.push([input(row * params.inner + i), params.weights[col * params.inner + i]]);
  return accumulatorStatements(params.bias[row * params.cols + col], terms);
}

/** `acc = bias + operand * weight ...` in statements of at most TERMS_PER_STATEMENT terms; zero weights skipped. */
export function accumulatorStatements(bias: bigint, weighted: [string, bigint][]): string[] {
  const terms = weighted.filter(([, weight]) => weight !== 0n).map(([operand, weight]) => (weight < 0n ? `- ${operand} * ${-weight}` : `+ ${operand} * ${weight}`));
  const statements: string[] = [];
  for (let start = 0; start === 0 || start < terms.length; start += TERMS_PER_STATEMENT) {
    const head = start === 0 ? bias.toString() : 'acc';
    statements.push(`acc = ${[head, ...terms.slice(start, start + TERMS_PER_STATEMENT)].join(' ')};`);
  }
  return statements;
}

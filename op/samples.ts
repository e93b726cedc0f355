import { seededUniform } from '../prover/onnx/build.js';
import { sizeOf, type Shape } from '../prover/onnx/graph.js';

export interface Sample {
  /** What it is: zeros, upper boundary, random, … (the report lists them). */
  label: string;
  /** One integer array per activation input, at the scale. */
  integers: bigint[][];
}

/**
 * The inputs the operator is run on, as integers of SInt(bits): zeros, both boundaries of the
 * domain, a ramp of single units around 0 (rounding), a ramp over [-4, 4] (where activations bend),
 * and seeded random tensors in [-4, 4).
 */
export function sampleInputs(shapes: Shape[], scale: number, bits: number, randomCount = 4): Sample[] {
  const top = (1n << BigInt(bits - 1)) - 1n;
  const bottom = -(1n << BigInt(bits - 1));
  const unit = 2 ** scale;
  const clamp = (value: bigint) => (value > top ? top : value < bottom ? bottom : value);
  const each = (make: (size: number, k: number) => bigint[]) => shapes.map((shape, k) => make(sizeOf(shape), k));
  const samples: Sample[] = [
    { label: 'zeros', integers: each((n) => new Array<bigint>(n).fill(0n)) },
    { label: 'upper boundary (largest SInt value)', integers: each((n) => new Array<bigint>(n).fill(top)) },
    { label: 'lower boundary (smallest SInt value)', integers: each((n) => new Array<bigint>(n).fill(bottom)) },
    { label: 'single units around 0', integers: each((n) => Array.from({ length: n }, (_, i) => BigInt(i - Math.floor(n / 2)))) },
    { label: 'ramp over [-4, 4]', integers: each((n) => Array.from({ length: n }, (_, i) => clamp(BigInt(Math.round((n === 1 ? 0 : -4 + (8 * i) / (n - 1)) * unit))))) },
  ];
  for (let r = 0; r < randomCount; r++) {
    samples.push({ label: `random in [-4, 4) (seed ${r + 1})`, integers: each((n, k) => Array.from(seededUniform(r * 7 + k + 1, n, 4), (value) => clamp(BigInt(Math.round(value * unit))))) });
  }
  return samples;
}

export function toFloats(integers: bigint[], scale: number): number[] {
  return integers.map((value) => Number(value) / 2 ** scale);
}

/** round half up (toward +infinity), as the prover's quantizer rounds: floor(v + 1/2). */
export function roundHalfUp(value: number): bigint {
  return BigInt(Math.floor(value + 0.5));
}

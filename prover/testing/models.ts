import { ModelBuilder, seededUniform } from '../onnx/build.js';

/** A small MLP: Gemm → Relu → Gemm (→ Softmax), with fixed pseudo-random weights. */
export function mlpModel(options: { sizes?: number[]; softmax?: boolean; seed?: number } = {}): Uint8Array {
  const sizes = options.sizes ?? [4, 6, 3];
  const seed = options.seed ?? 7;
  const builder = new ModelBuilder().input('x', [1, sizes[0]]);
  let current = 'x';
  for (let layer = 0; layer + 1 < sizes.length; layer++) {
    const [inner, outer] = [sizes[layer], sizes[layer + 1]];
    const range = 1 / Math.sqrt(inner);
    builder.constant(`w${layer}`, [outer, inner], seededUniform(seed + layer * 2, outer * inner, range));
    builder.constant(`b${layer}`, [outer], seededUniform(seed + layer * 2 + 1, outer, 0.1));
    const last = layer + 2 === sizes.length;
    const gemmOut = last && !options.softmax ? 'y' : `h${layer}`;
    builder.node('Gemm', [current, `w${layer}`, `b${layer}`], [gemmOut], { transB: 1 }, `dense${layer}`);
    current = gemmOut;
    if (!last) {
      builder.node('Relu', [current], [`a${layer}`], {}, `relu${layer}`);
      current = `a${layer}`;
    }
  }
  if (options.softmax) builder.node('Softmax', [current], ['y'], { axis: -1 }, 'softmax');
  return builder.output('y', [1, sizes[sizes.length - 1]]).toBytes();
}

/** A row of `length` pseudo-random inputs in [-1, 1). */
export function sampleInput(length: number, seed: number): number[][] {
  return [Array.from(seededUniform(seed, length))];
}
